import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import { NotSavedError } from '../../server/store/group-commit';
import { SqliteStore } from '../../server/store/sqlite-store';
import { SqliteThreadStore } from '../../server/store/sqlite-thread-store';
import type { DrillRecord } from '../../server/store/store';
import { testScenario } from './helpers';

const dirs: string[] = [];
const stores: SqliteThreadStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-thread-'));
  dirs.push(dir);
  return join(dir, 'firedrill.db');
};
const open = (file: string) => {
  const store = new ThreadStoreUnderTest(file);
  stores.push(store);
  return store;
};

/** The store with a handle on its writer thread, to stop it as a crash would. */
class ThreadStoreUnderTest extends SqliteThreadStore {
  writerThread(): Worker {
    return this.thread();
  }
}

const record = (id: string, joinCode: string): DrillRecord => ({
  id, scenarioId: 'drill-test', scenario: testScenario(), title: 'T', joinCode, facilitatorKeyHash: 'f'.repeat(64),
  observerKeyHash: 'o'.repeat(64), createdAt: 1000, status: 'lobby', clock: { t: 0, wall: 1000, speed: 1 }, engineVersion: 1,
});
const event = (seq: number): DrillEvent => ({ type: 'chat.post', text: `hello ${seq}`, seq, t: seq * 1000, by: { kind: 'participant', id: 'p1' }, wall: 5 });

/** Another process's write lock on the file: the writer thread's next BEGIN waits for it (up to its busy timeout). */
function lockFile(file: string): () => void {
  const other = new Database(file);
  other.pragma('busy_timeout = 5000');
  other.prepare('BEGIN IMMEDIATE').run();
  return () => {
    other.prepare('ROLLBACK').run();
    other.close();
  };
}

describe('SQLite store with a writer thread', () => {
  it('keeps the event loop running while a commit waits for the disk, and tells the writers only once it is stored', async () => {
    const file = tempDb();
    const store = open(file);
    store.createDrill(record('d1', 'AAA-AAA'));
    await store.commit();
    const unlock = lockFile(file);
    store.appendEvent('d1', event(1));
    let stored = false;
    const durable = store.durable('d1').then(() => (stored = true));
    // A timer on the event loop fires while the writer thread waits for the lock: on the event loop, the same
    // BEGIN would have held every drill's timers for as long.
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(stored).toBe(false);
    expect(await store.events('d1')).toEqual([]);
    unlock();
    await durable;
    expect(stored).toBe(true);
    expect(await store.events('d1')).toEqual([event(1)]);
  });

  it('leaves out only the refused drill of a batch, with every later write of that drill in it, and keeps the others', async () => {
    const store = open(tempDb());
    store.createDrill(record('d1', 'AAA-AAA'));
    store.createDrill(record('d2', 'BBB-BBB'));
    store.appendEvent('d1', event(1));
    await store.commit();
    // One batch: d1 appends seq 1 again (its stored log already has it), then changes status; d2 appends its first.
    store.transaction(() => store.appendEvent('d1', event(1)));
    store.transaction(() => store.updateDrill('d1', { status: 'running' }));
    store.transaction(() => store.appendEvent('d2', event(1)));
    const d1 = store.durable('d1').then(() => undefined, (error: unknown) => error);
    await store.commit('d2');
    const refusal = await d1;
    expect(refusal).toBeInstanceOf(NotSavedError);
    expect(String((refusal as NotSavedError).cause)).toMatch(/event seq 1 is not the next one \(2\) in drill d1/);
    expect(await store.events('d1')).toEqual([event(1)]);
    expect((await store.getDrill('d1'))?.status).toBe('lobby');
    expect(await store.events('d2')).toEqual([event(1)]);
  });

  it('starts a new writer thread for the next batch when the last one stopped', async () => {
    const store = open(tempDb());
    store.createDrill(record('d1', 'AAA-AAA'));
    await store.commit();
    // Stopped while idle: stopping it in the middle of a SQLite call would take the whole process down.
    const first = store.writerThread();
    await first.terminate();
    store.appendEvent('d1', event(1));
    await store.commit('d1');
    expect(store.writerThread()).not.toBe(first);
    expect(await store.events('d1')).toEqual([event(1)]);
  });

  it('closes with everything committed, the WAL checkpointed into the database file, for either SQLite store to open', async () => {
    const file = tempDb();
    const store = new SqliteThreadStore(file);
    store.createDrill(record('d1', 'AAA-AAA'));
    store.appendEvent('d1', event(1));
    store.appendEvent('d1', event(2));
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new SqliteStore(file);
    expect(await reopened.events('d1')).toEqual([event(1), event(2)]);
    reopened.appendEvent('d1', event(3));
    reopened.closeNow();
    const again = open(file);
    expect(await again.events('d1')).toEqual([event(1), event(2), event(3)]);
    expect(() => again.createDrill(record('d1', 'CCC-CCC'))).not.toThrow();
    await expect(again.commit('d1')).rejects.toBeInstanceOf(NotSavedError);
  });
});
