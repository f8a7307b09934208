import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import { SqliteStore } from '../../server/store/sqlite-store';
import { CHECKPOINT_COMMITS } from '../../server/store/wal-checkpointer';
import type { DrillRecord } from '../../server/store/store';
import { testScenario } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record: DrillRecord = {
  id: 'd1', scenarioId: 'drill-test', scenario: testScenario(), title: 'T', joinCode: 'ABC-DEF', facilitatorKeyHash: 'f'.repeat(64),
  observerKeyHash: 'o'.repeat(64), createdAt: 1000, status: 'lobby', clock: { t: 0, wall: 1000, speed: 1 }, engineVersion: 1,
};
const event = (seq: number): DrillEvent => ({ type: 'chat.post', text: `message ${seq} ${'x'.repeat(400)}`, seq, t: seq * 1000, by: { kind: 'participant', id: 'p1' }, wall: 5 });

describe('SQLite WAL checkpoints', () => {
  it('are made by the checkpoint thread, not inside a commit, and copy committed events into the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-wal-'));
    dirs.push(dir);
    const file = join(dir, 'firedrill.db');
    const store = new SqliteStore(file, {}, { checkpointThread: true });
    // The writer's automatic checkpoint is off: a COMMIT never copies the WAL into the database on the event loop.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    store.createDrill(record);
    await store.commit();
    const before = statSync(file).size;
    // More commits than the threshold, one event each, as a busy server makes them.
    for (let seq = 1; seq <= CHECKPOINT_COMMITS + 20; seq++) {
      store.appendEvent('d1', event(seq));
      await store.commit();
    }
    // The thread copied the committed pages into the database file: it grew, and a reader of the file alone (the
    // WAL ignored) finds the events.
    await expect.poll(() => statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(before);
    await store.close();
    const plain = new Database(file, { readonly: true });
    expect(plain.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: CHECKPOINT_COMMITS + 20 });
    plain.close();
  });

  it('are left to SQLite itself in a short-lived command (no thread)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-wal-'));
    dirs.push(dir);
    const store = new SqliteStore(join(dir, 'firedrill.db'));
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    store.closeNow();
  });

  it('keep every commit when the server stops in the middle of one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-wal-'));
    dirs.push(dir);
    const file = join(dir, 'firedrill.db');
    const store = new SqliteStore(file, {}, { checkpointThread: true });
    store.createDrill(record);
    for (let seq = 1; seq <= 600; seq++) {
      store.appendEvent('d1', event(seq));
      if (seq % 2 === 0) await store.commit();
    }
    await store.close();
    const reopened = new SqliteStore(file);
    expect((await reopened.events('d1')).map((e) => e.seq)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
    await reopened.close();
  });
});
