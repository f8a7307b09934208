import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import type { RunSummary } from '../../shared/runs/summary';
import { MemoryStore } from '../../server/store/memory-store';
import { migrate, MIGRATIONS } from '../../server/store/migrations';
import { PgStore } from '../../server/store/pg-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { DrillRecord, Store } from '../../server/store/store';
import { testScenario } from './helpers';
import { postgresMissing, startPostgres, type Postgres } from './services';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'firedrill.db');
};

const record = (id: string, joinCode = 'ABC-DEF'): DrillRecord => ({
  id, scenarioId: 'drill-test', scenario: testScenario(), title: 'T', joinCode, facilitatorKeyHash: 'f'.repeat(64),
  observerKeyHash: 'o'.repeat(64), createdAt: 1000, status: 'lobby', clock: { t: 0, wall: 1000, speed: 1 }, engineVersion: 1,
});
const SUMMARY: RunSummary = {
  version: 1, drillId: '', scenarioId: 'drill-test', seq: 0, startedAt: 1000, endedAt: 0, durationMs: 60_000, endedReason: 'final', overall: 0, capped: false,
  dimensions: [], objectives: [], times: { incidentCommander: null, firstStatusPost: null, firstEscalation: null, mitigated: null, resolved: null },
  counts: { participants: 1, statusPosts: 0, warRoomPosts: 0, pages: 0, decisions: 0, actionItems: 0, openActionItems: 0 }, team: [{ name: 'Ivy', roles: [] }],
};
const event = (seq: number): DrillEvent => ({ type: 'chat.post', text: `hello ${seq}`, seq, t: seq * 1000, by: { kind: 'participant', id: 'p1' }, wall: 5 });

/**
 * A write the store must refuse, and keep nothing of: SQLite and memory refuse it at once, PostgreSQL when the batch
 * is committed (the rest of the batch is kept).
 */
async function expectRefused(store: Store, drillId: string, write: () => void, message?: RegExp): Promise<void> {
  let refusal: unknown;
  try {
    store.transaction(write);
  } catch (error) {
    refusal = error;
  }
  refusal ??= await store.commit(drillId).then(() => undefined, (error: unknown) => error);
  expect(refusal).toBeInstanceOf(Error);
  // PostgreSQL's refusal is a NotSavedError (what a client is told) whose cause says why.
  if (message) expect(`${String(refusal)} ${String((refusal as Error).cause ?? '')}`).toMatch(message);
}

let postgres: Postgres | undefined;
beforeAll(async () => {
  if (!postgresMissing) postgres = await startPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

/** The same contract on every engine; PostgreSQL on a real server (a new database per test), skipped where it is not installed. */
const adapters: [string, () => Store | Promise<Store>][] = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => new SqliteStore(tempDb())],
  ...(postgresMissing ? [] : [['postgres', async () => PgStore.open(await postgres!.database())] as [string, () => Promise<Store>]]),
];
if (postgresMissing) describe.skip(`postgres store (${postgresMissing})`, () => undefined);

describe.each(adapters)('%s store', (_name, open) => {
  it('marks removed and merged seats, renames them, and finds the latest drill of a join code (ended too)', async () => {
    const store = await open();
    store.createDrill(record('d1'));
    store.addParticipant({ id: 'p1', drillId: 'd1', name: 'Ivy', tokenHash: 'h1', joinedAt: 3 });
    store.addParticipant({ id: 'p2', drillId: 'd1', name: 'Ivy', tokenHash: 'h2', joinedAt: 4 });
    await store.commit();
    // One unit of work: between two separate writes, a loaded machine may pass the 2 ms after which a batch commits.
    store.transaction(() => {
      store.updateParticipant('d1', 'p1', { mergedInto: 'p2' });
      store.updateParticipant('d1', 'p2', { name: 'Ivy Chen' });
    });
    // Reads see committed data only. (On PostgreSQL the read is a round trip that the batch's own commit, due at
    // the end of this turn, may overtake: it then sees committed data too, so there is nothing to assert.)
    if (store.engine !== 'postgres') expect((await store.findParticipantByToken('d1', 'h1'))?.mergedInto).toBeUndefined();
    await store.commit();
    expect((await store.findParticipantByToken('d1', 'h1'))).toMatchObject({ mergedInto: 'p2', name: 'Ivy' });
    expect((await store.findParticipantByToken('d1', 'h2'))).toMatchObject({ name: 'Ivy Chen' });
    store.updateParticipant('d1', 'p2', { removed: true });
    await store.commit();
    expect((await store.findParticipantByToken('d1', 'h2'))?.removed).toBe(true);
    await expectRefused(store, 'd1', () => store.updateParticipant('d1', 'nobody', { removed: true }), /does not exist/);

    store.updateDrill('d1', { status: 'ended', facilitatorKeyHash: 'a'.repeat(64) });
    store.createDrill({ ...record('d2'), createdAt: 2000 });
    await store.commit();
    expect((await store.findLiveDrillByJoinCode('ABC-DEF'))?.id).toBe('d2');
    expect((await store.findLatestDrillByJoinCode('ABC-DEF'))?.id).toBe('d2');
    store.updateDrill('d2', { status: 'ended' });
    await store.commit();
    expect((await store.findLatestDrillByJoinCode('ABC-DEF'))?.id).toBe('d2');
    expect((await store.getDrill('d1'))?.facilitatorKeyHash).toBe('a'.repeat(64));
    expect((await store.findLatestDrillByJoinCode('ZZZ-ZZZ'))).toBeUndefined();
    await store.close();
  });

  it('keeps one outbound webhook per drill, sealed, and forgets it on request', async () => {
    const store = await open();
    store.createDrill(record('d1'));
    const hook = { drillId: 'd1', urlSealed: 'v1.a.b.c', secretSealed: 'v1.d.e.f', urlHint: 'hooks.example/…/abcd', format: 'slack' as const, channels: ['injects'], updatedAt: 7 };
    store.setOutbound('d1', hook);
    await store.commit();
    expect((await store.getOutbound('d1'))).toEqual(hook);
    store.setOutbound('d1', { ...hook, channels: ['injects', 'status-page'], updatedAt: 8 });
    await store.commit();
    expect((await store.getOutbound('d1'))?.channels).toEqual(['injects', 'status-page']);
    store.setOutbound('d1', undefined);
    await store.commit();
    expect((await store.getOutbound('d1'))).toBeUndefined();
    await store.close();
  });

  it('keeps drills, their logs in order and participants by token hash', async () => {
    const store = await open();
    store.createDrill(record('d1'));
    store.appendEvent('d1', event(1));
    store.appendEvent('d1', event(2));
    await store.commit();
    expect((await store.events('d1')).map((e) => e.seq)).toEqual([1, 2]);
    expect((await store.events('d1', 1))).toEqual([event(2)]);
    expect((await store.getDrill('d1'))?.scenario.id).toBe('drill-test');
    store.addParticipant({ id: 'p1', drillId: 'd1', name: 'Ana', tokenHash: 'h1', joinedAt: 3 });
    await store.commit();
    expect((await store.findParticipantByToken('d1', 'h1'))?.name).toBe('Ana');
    expect((await store.findParticipantByToken('d2', 'h1'))).toBeUndefined();
    await store.close();
  });

  it('refuses gaps and duplicates in a log', async () => {
    const store = await open();
    store.createDrill(record('d1'));
    store.appendEvent('d1', event(1));
    expect(() => store.appendEvent('d1', event(1))).toThrow();
    expect(() => store.appendEvent('d1', event(3))).toThrow();
    await store.commit();
    expect((await store.events('d1'))).toHaveLength(1);
    await store.close();
  });

  it('keeps join codes unique among live drills only', async () => {
    const store = await open();
    store.createDrill(record('d1'));
    await expectRefused(store, 'd2', () => store.createDrill(record('d2')));
    store.updateDrill('d1', { status: 'ended', endedAt: 9 });
    store.createDrill(record('d2'));
    await store.commit();
    expect((await store.findLiveDrillByJoinCode('ABC-DEF'))?.id).toBe('d2');
    expect((await store.listLiveDrills()).map((d) => d.id)).toEqual(['d2']);
    await store.close();
  });

  it('lists finished drills of a scenario with their events', async () => {
    const store = await open();
    store.createDrill(record('d1', 'AAA-AAA'));
    store.createDrill(record('d2', 'BBB-BBB'));
    store.appendEvent('d1', event(1));
    store.updateDrill('d1', { status: 'ended', endedAt: 50, clock: { t: 42, wall: 50, speed: 2 } });
    await store.commit();
    const finished = (await store.listFinishedDrills('drill-test'));
    expect(finished.map((f) => f.drill.id)).toEqual(['d1']);
    expect(finished[0].events).toEqual([event(1)]);
    expect(finished[0].drill.clock).toEqual({ t: 42, wall: 50, speed: 2 });
    expect((await store.listFinishedDrills('other'))).toEqual([]);
    await store.close();
  });

  it('pages the ended runs of a scenario newest first, with their summaries; a summary never goes back to an older one', async () => {
    const store = await open();
    // d1 and d2 end at the same moment: the id breaks the tie, so the order is stable across pages.
    const ends: Record<string, number> = { d1: 5000, d2: 5000, d3: 7000, d4: 9000 };
    for (const [id, endedAt] of Object.entries(ends)) store.createDrill({ ...record(id, `J${id}-XYZ`), status: 'ended', endedAt });
    store.createDrill(record('live', 'LIV-EEE'));
    store.createDrill({ ...record('other', 'OTH-EEE'), scenarioId: 'another', status: 'ended', endedAt: 8000 });
    await store.commit();
    const summary = (drillId: string, seq: number, overall: number) => ({ ...SUMMARY, drillId, seq, overall, endedAt: ends[drillId] });
    store.putRunSummary(summary('d3', 10, 55));
    await store.commit();
    store.putRunSummary(summary('d3', 12, 60));
    await store.commit();
    store.putRunSummary(summary('d3', 11, 1)); // older: ignored
    await store.commit();

    expect(await store.countEndedRuns('drill-test')).toBe(4);
    const first = await store.listEndedRuns('drill-test', { limit: 3 });
    expect(first.map((r) => r.drill.id)).toEqual(['d4', 'd3', 'd2']);
    expect(first.map((r) => r.summary?.overall ?? null)).toEqual([null, 60, null]);
    const last = first.at(-1)!.drill;
    const rest = await store.listEndedRuns('drill-test', { limit: 3, before: { endedAt: last.endedAt!, id: last.id } });
    expect(rest.map((r) => r.drill.id)).toEqual(['d1']);
    expect(await store.listEndedRuns('nothing', { limit: 3 })).toEqual([]);
  });

  it('keeps the latest snapshot of a drill, read only once committed; an older one never replaces it, a rollback keeps none, events stay as they are', async () => {
    const store = await open();
    store.createDrill(record('d1'));
    store.appendEvent('d1', event(1));
    store.appendEvent('d1', event(2));
    const snap = (seq: number, text = `at ${seq}`) => ({ seq, engineVersion: 3, takenAt: 1_700_000_000_000 + seq, json: JSON.stringify({ seq, text }) });
    store.putSnapshot('d1', snap(1));
    expect(await store.snapshot('d1')).toBeUndefined(); // not committed yet
    await store.commit();
    expect(await store.snapshot('d1')).toEqual(snap(1));
    store.putSnapshot('d1', snap(2));
    await store.commit();
    store.putSnapshot('d1', snap(1, 'stale')); // older: ignored
    await store.commit();
    expect(await store.snapshot('d1')).toEqual(snap(2));
    store.putSnapshot('d1', snap(2, 'again')); // same seq: the later one
    await store.commit();
    expect(await store.snapshot('d1')).toEqual(snap(2, 'again'));
    expect(() => store.transaction(() => {
      store.putSnapshot('d1', snap(5));
      throw new Error('boom');
    })).toThrow('boom');
    await store.commit();
    expect(await store.snapshot('d1')).toEqual(snap(2, 'again'));
    expect(await store.snapshot('d2')).toBeUndefined();
    expect(await store.events('d1')).toEqual([event(1), event(2)]);
    await store.close();
  });

  it('rolls a failed transaction back', async () => {
    const store = await open();
    store.createDrill(record('d1'));
    expect(() => store.transaction(() => {
      store.appendEvent('d1', event(1));
      throw new Error('boom');
    })).toThrow('boom');
    await store.commit();
    expect((await store.events('d1'))).toEqual([]);
    await store.close();
  });
});

describe('sqlite store', () => {
  it('survives reopening, with WAL synced after each commit off the event loop, at the latest schema version', async () => {
    const file = tempDb();
    const first = new SqliteStore(file);
    first.createDrill(record('d1'));
    first.appendEvent('d1', event(1));
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // SQLite does not fsync inside COMMIT; the store fsyncs the WAL in the thread pool before writers hear.
    expect(first.db.pragma('synchronous', { simple: true })).toBe(1);
    const durable = first.durable();
    let told = false;
    void durable.then(() => (told = true));
    await first.commit();
    expect(told).toBe(true);
    first.appendEvent('d1', event(2));
    await Promise.all([first.commit(), first.durable()]);
    first.close();
    const second = new SqliteStore(file);
    expect(await second.events('d1')).toEqual([event(1), event(2)]);
    expect(second.db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: MIGRATIONS.at(-1)!.version });
    second.close();
  });

  it('refuses a database written by a newer Firedrill', () => {
    const file = tempDb();
    new SqliteStore(file).close();
    const db = new Database(file);
    db.prepare('UPDATE schema_version SET version = 999').run();
    expect(() => migrate(db)).toThrow(/schema version 999/);
    db.close();
  });
});
