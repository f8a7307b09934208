import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/drill/commands';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillEventsResponse } from '../../shared/protocol/messages';
import { ManualClock } from '../../server/clock';
import type { LiveDrill } from '../../server/drills/live-drill';
import { DrillRegistry } from '../../server/drills/registry';
import { cryptoIds } from '../../server/ids';
import { memoryLogger } from '../../server/log';
import { GroupCommit, NotSavedError, type TransactionControl } from '../../server/store/group-commit';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { ParticipantRecord } from '../../server/store/store';
import { commandId, startTestServer, testScenario, type Player, type TestServer } from './helpers';

const MIN = 60_000;
const facilitator: Actor = { kind: 'facilitator' };

/**
 * A real SQLite store that records which writes each commit held (`commits`), and can be told to fail its next
 * commit (`failNextCommit`): the batch is then rolled back, as after a disk error at COMMIT.
 */
class RecordingStore extends SqliteStore {
  /** One batch per event-loop turn, never cut early (a slow machine must not split the batches these tests count). */
  constructor(file: string) {
    super(file, { minWaitMs: Infinity });
  }

  commits: string[][] = [];
  failed: string[][] = [];
  failNextCommit = false;
  private writes: string[] = [];

  override appendEvent(drillId: string, event: DrillEvent): void {
    super.appendEvent(drillId, event);
    this.writes.push(`${drillId} event ${event.seq} ${event.type}`);
  }

  override addParticipant(participant: ParticipantRecord): void {
    super.addParticipant(participant);
    this.writes.push(`${participant.drillId} participant ${participant.id}`);
  }

  protected override commitBatch(): void {
    const writes = this.writes;
    this.writes = [];
    if (this.failNextCommit) {
      this.failNextCommit = false;
      this.failed.push(writes);
      throw new Error('disk I/O error');
    }
    super.commitBatch();
    this.commits.push(writes);
  }
}

/** A recording store whose WAL fsyncs wait, while `hold` is set, until `release()`: a slow disk, by hand. */
class HeldSyncStore extends RecordingStore {
  hold = false;
  private held: (() => void)[] = [];

  get waiting(): number {
    return this.held.length;
  }

  release(): void {
    for (const go of this.held.splice(0)) go();
  }

  protected override fsyncOnce(): Promise<void> {
    if (!this.hold) return super.fsyncOnce();
    return new Promise<void>((resolve) => this.held.push(resolve)).then(() => super.fsyncOnce());
  }
}

const dirs: string[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-group-'));
  dirs.push(dir);
  return join(dir, 'firedrill.db');
}

/** What another process would read from the file now: only committed transactions. */
function committedEvents(file: string, drillId: string): DrillEvent[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT json FROM events WHERE drill_id = ? ORDER BY seq').all(drillId) as { json: string }[]).map((r) => JSON.parse(r.json) as DrillEvent);
  } finally {
    db.close();
  }
}

/** Lets every queued promise continuation run, without letting the event loop reach `setImmediate`. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

/** Lets the event-loop turn end (`setImmediate`: the open batch is committed), then every continuation run. */
async function endOfTurn(): Promise<void> {
  await microtasks(); // the turns write first, and so open the batch (and schedule its commit) before this waits
  await new Promise((resolve) => setImmediate(resolve));
  await microtasks();
}

/** Three drills on a recording SQLite store and a manual clock; every published batch is recorded with what was committed then. */
async function setup<S extends RecordingStore = RecordingStore>(make: (file: string) => S = (file) => new RecordingStore(file) as S) {
  const file = tempDb();
  const store = make(file);
  const clock = new ManualClock();
  const logger = memoryLogger();
  const registry = new DrillRegistry({ store, clock, logger, ids: cryptoIds });
  closers.push(() => store.close(), () => registry.close());
  const lives: LiveDrill[] = [];
  for (let i = 0; i < 3; i++) lives.push((await registry.create(testScenario())).live);
  /** Per published event: was it already readable from the file (committed) when it was told? */
  const heard: { drill: string; seq: number; type: string; committed: boolean }[] = [];
  for (const live of lives) {
    live.onBatch((batch) => {
      const onDisk = new Set(committedEvents(file, live.id).map((e) => e.seq));
      for (const e of batch.events) heard.push({ drill: live.id, seq: e.seq, type: e.type, committed: onDisk.has(e.seq) });
    });
  }
  return { file, store, clock, logger, registry, lives, heard };
}

const join1 = (live: LiveDrill, i: number) => {
  const p: Actor = { kind: 'participant', id: `p${i}` };
  return live.exclusive((turn) => turn.submit({ type: 'participant.join', participantId: `p${i}`, name: `P${i}` }, p));
};

/** A transaction log and a hand-driven clock and end of turn, for `GroupCommit` alone. */
function fakeBatches(options: { commitTakes?: number } = {}) {
  const log: string[] = [];
  let open = false;
  let failNext = false;
  let now = 0;
  const ends: (() => void)[] = [];
  const tx: TransactionControl = {
    begin: () => { open = true; log.push('begin'); },
    commit: () => {
      now += options.commitTakes ?? 0;
      if (failNext) {
        failNext = false;
        throw new Error('disk I/O error');
      }
      open = false;
      log.push('commit');
    },
    rollback: () => { open = false; log.push('rollback'); },
    inTransaction: () => open,
  };
  const batches = new GroupCommit(tx, { now: () => now, defer: (fn) => ends.push(fn) });
  return {
    batches, log,
    /** The event-loop turn ends: the scheduled commit runs. */
    endTurn: () => { for (const fn of ends.splice(0)) fn(); },
    advance: (ms: number) => { now += ms; },
    failNextCommit: () => { failNext = true; },
    /** SQLite rolled the transaction back on its own (SQLITE_FULL and the like). */
    dropTransaction: () => { open = false; },
  };
}

describe('GroupCommit', () => {
  it('with a sync step, tells a batch\'s writers only once its sync is done, and a failed sync as not saved', async () => {
    const syncs: { resolve: () => void; reject: (e: Error) => void }[] = [];
    let open = false;
    const ends: (() => void)[] = [];
    const tx: TransactionControl = {
      begin: () => { open = true; }, commit: () => { open = false; }, rollback: () => { open = false; }, inTransaction: () => open,
      sync: () => new Promise<void>((resolve, reject) => syncs.push({ resolve, reject })),
    };
    const batches = new GroupCommit(tx, { defer: (fn) => ends.push(fn) });
    let told = false;
    batches.write(() => undefined);
    void batches.durable().then(() => { told = true; });
    for (const fn of ends.splice(0)) fn();
    await microtasks();
    expect(syncs).toHaveLength(1);
    expect(told).toBe(false);
    // Committed but not synced: durable() still waits for it.
    let later = false;
    void batches.durable().then(() => { later = true; });
    syncs[0].resolve();
    await microtasks();
    expect([told, later]).toEqual([true, true]);

    batches.write(() => undefined);
    const failing = batches.durable();
    for (const fn of ends.splice(0)) fn();
    syncs[1].reject(new Error('EIO'));
    await expect(failing).rejects.toBeInstanceOf(NotSavedError);
  });

  it('committed() resolves when the open batch is committed, before any sync; writers waiting for durable() get one, and it covers the clock\'s commits', async () => {
    const syncs: (() => void)[] = [];
    let open = false;
    let commits = 0;
    let failNext = false;
    const tx: TransactionControl = {
      begin: () => { open = true; },
      commit: () => {
        if (failNext) throw new Error('disk I/O error');
        open = false;
        commits++;
      },
      rollback: () => { open = false; }, inTransaction: () => open,
      sync: () => new Promise<void>((resolve) => syncs.push(resolve)),
    };
    const ends: (() => void)[] = [];
    const endTurn = () => { for (const fn of ends.splice(0)) fn(); };
    const batches = new GroupCommit(tx, { defer: (fn) => ends.push(fn) });
    batches.write(() => undefined); // a command's write
    let commandTold = false;
    void batches.durable().then(() => { commandTold = true; });
    batches.write(() => undefined); // a clock turn's write, in the same batch
    let clockTold = false;
    void batches.committed().then(() => { clockTold = true; });
    await microtasks();
    expect([commits, clockTold]).toEqual([0, false]); // the batch is still open: nothing to tell yet
    endTurn();
    await microtasks();
    expect([commits, syncs.length, clockTold, commandTold]).toEqual([1, 1, true, false]);
    syncs[0]();
    await microtasks();
    expect(commandTold).toBe(true);

    // Nothing open: resolves at once, and commits nothing.
    await batches.committed();
    expect(commits).toBe(1);

    // A batch only clock turns wrote is committed without a sync; the next durable() asks for one, covering it.
    batches.write(() => undefined);
    const clockOnly = batches.committed();
    endTurn();
    await clockOnly;
    expect([commits, syncs.length]).toEqual([2, 1]);
    let synced = false;
    void batches.durable().then(() => { synced = true; });
    await microtasks();
    expect([syncs.length, synced]).toEqual([2, false]);
    syncs[1]();
    await microtasks();
    expect(synced).toBe(true);
    await batches.durable(); // nothing unsynced since: at once, no new sync
    expect(syncs.length).toBe(2);

    failNext = true;
    batches.write(() => undefined);
    const failing = batches.committed();
    endTurn();
    await expect(failing).rejects.toBeInstanceOf(NotSavedError);
    expect(open).toBe(false); // rolled back
  });

  it('commits every write of an event-loop turn in one batch at its end, and only then resolves durable()', async () => {
    const { batches, log, endTurn } = fakeBatches();
    let durable = false;
    batches.write(() => log.push('a'));
    void batches.durable().then(() => { durable = true; });
    batches.write(() => batches.write(() => log.push('b')));
    await microtasks();
    expect(log).toEqual(['begin', 'a', 'b']);
    expect(durable).toBe(false);
    endTurn();
    await microtasks();
    expect(log).toEqual(['begin', 'a', 'b', 'commit']);
    expect(durable).toBe(true);
    expect(batches.commits).toBe(1);
    await expect(batches.durable()).resolves.toBeUndefined(); // nothing waiting
  });

  it('cuts a long turn: a unit of work starting 2 ms after the batch opened commits it first; more when commits are slow', async () => {
    const { batches, log, advance, endTurn } = fakeBatches({ commitTakes: 1 });
    batches.write(() => log.push('a'));
    const first = batches.durable();
    advance(1.9);
    batches.write(() => log.push('b'));
    advance(0.1);
    // A write inside another never cuts: the unit of work is atomic in one batch.
    batches.write(() => {
      advance(5);
      batches.write(() => log.push('c'));
    });
    expect(log).toEqual(['begin', 'a', 'b', 'commit', 'begin', 'c']);
    await expect(first).resolves.toBeUndefined();
    // Commits now take 1 ms: a batch is cut after 4 ms (four times the commit time), not 2.
    expect(batches.maxWaitMs).toBe(4);
    endTurn();
    batches.write(() => log.push('d'));
    advance(3);
    batches.write(() => log.push('e'));
    advance(1);
    batches.write(() => log.push('f'));
    expect(log.slice(-7)).toEqual(['commit', 'begin', 'd', 'e', 'commit', 'begin', 'f']);
  });

  it('a failed commit rolls back and rejects durable() with NotSavedError; so does a transaction the database dropped', async () => {
    const { batches, log, endTurn, failNextCommit, dropTransaction } = fakeBatches();
    batches.write(() => log.push('a'));
    const failed = batches.durable();
    failNextCommit();
    endTurn();
    await expect(failed).rejects.toThrow(NotSavedError);
    await expect(failed).rejects.toThrow('Could not save; try again.');
    expect(log).toEqual(['begin', 'a', 'rollback']);

    batches.write(() => log.push('b'));
    const dropped = batches.durable();
    expect(() => batches.write(() => {
      dropTransaction();
      throw new Error('database or disk is full');
    })).toThrow('database or disk is full');
    await expect(dropped).rejects.toThrow(NotSavedError);
    // The next write starts a new batch.
    batches.write(() => log.push('c'));
    endTurn();
    await expect(batches.durable()).resolves.toBeUndefined();
    expect(log.slice(-3)).toEqual(['begin', 'c', 'commit']);
  });
});

describe('group commit', () => {
  it('commits the turns of one event-loop turn together and broadcasts them then; acknowledges a command only once its fsync is done', async () => {
    const { file, store, clock, lives, heard } = await setup((f) => new HeldSyncStore(f));
    expect(store.commits).toHaveLength(3); // each creation is committed before its keys are answered
    await join1(lives[0], 0);
    store.commits = [];
    heard.length = 0;
    store.hold = true; // a slow disk: no fsync finishes until released
    closers.push(() => { store.hold = false; store.release(); }); // runs first, so that the store can close

    // One command per drill, all in the same event-loop turn; each acknowledgement records what was on disk then.
    const acked: { drill: string; synced: boolean; stored: boolean }[] = [];
    let released = false;
    const turns = lives.map((live) => live.exclusive(
      (turn) => turn.submit({ type: 'drill.start' }, facilitator),
      (result) => {
        const seq = result.ok ? result.event.seq : -1;
        acked.push({ drill: live.id, synced: released, stored: committedEvents(file, live.id).some((e) => e.seq === seq) });
      },
    ));
    await microtasks();
    expect(heard).toEqual([]); // nothing told before its commit
    await endOfTurn();
    // The three turns (drill.start, state.entered, the first inject each) shared one commit at the end of the
    // event-loop turn and were broadcast then: another process can read them, and each team has them, while the
    // fsync has not finished.
    expect(store.commits.map((writes) => new Set(writes.map((w) => w.split(' ')[0])).size)).toEqual([3]);
    expect(store.commits.map((writes) => writes.filter((w) => w.includes(' event ')).length)).toEqual([9]);
    expect(heard).toHaveLength(9);
    expect(heard.every((h) => h.committed)).toBe(true);
    expect(acked).toEqual([]); // nothing acknowledged before it would survive a power cut
    expect(store.waiting).toBeGreaterThan(0);

    released = true;
    store.hold = false;
    store.release();
    await Promise.all(turns);
    expect(acked).toEqual(lives.map((l) => ({ drill: l.id, synced: true, stored: true })));

    // Timers of all three drills falling due together: their injects committed together and told then, the disk
    // still slow (nobody waits for the fsync of what only the clock did; the next command's fsync covers it).
    store.commits = [];
    heard.length = 0;
    store.hold = true;
    clock.advance(MIN);
    await endOfTurn();
    expect(store.commits.map((writes) => writes.filter((w) => w.endsWith('inject.delivered')).length)).toEqual([3]);
    expect(heard.map((h) => [h.type, h.committed])).toEqual([['inject.delivered', true], ['inject.delivered', true], ['inject.delivered', true]]);

    // A command after them waits for an fsync, and that fsync covers the injects before it.
    let postAcked = false;
    const post = lives[0].exclusive((turn) => turn.submit({ type: 'chat.post', text: 'Paging the database vendor now' }, { kind: 'participant', id: 'p0' }), () => { postAcked = true; });
    await endOfTurn();
    expect(heard.at(-1)?.type).toBe('chat.post'); // broadcast once committed
    expect(postAcked).toBe(false);
    expect(store.waiting).toBeGreaterThan(0);
    store.hold = false;
    store.release();
    await post;
    expect(postAcked).toBe(true);
    for (const live of lives) expect(committedEvents(file, live.id)).toEqual(live.log);
  });

  it('a commit that fails keeps nothing of its batch: no acknowledgement, no broadcast, every drill rebuilt from the store', async () => {
    const { file, store, clock, logger, lives, heard } = await setup();
    await Promise.all(lives.map((live, i) => join1(live, i)));
    await Promise.all(lives.map((live) => live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator))));
    heard.length = 0;
    const before = lives.map((live) => live.state);

    // Commands of all three drills in one event-loop turn share a commit, and it fails: all three are lost, and said so.
    store.failNextCommit = true;
    const done: string[] = [];
    const results = await Promise.allSettled(lives.map((live, i) => live.exclusive(
      (turn) => turn.submit({ type: 'chat.post', text: `lost ${i}` }, { kind: 'participant', id: `p${i}` }),
      () => done.push(live.id),
    )));
    expect(store.failed).toHaveLength(1);
    expect(store.failed[0].filter((w) => w.endsWith('chat.post'))).toEqual(lives.map((live, i) => `${live.id} event ${before[i].seq + 1} chat.post`));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const result of results) {
      const error = (result as PromiseRejectedResult).reason as Error;
      expect(error).toBeInstanceOf(NotSavedError);
      expect(error.message).toBe('Could not save; try again.');
    }
    expect(done).toEqual([]);
    expect(heard).toEqual([]);
    for (const [i, live] of lives.entries()) {
      expect(live.state).toEqual(before[i]);
      expect(live.log.some((e) => e.type === 'chat.post')).toBe(false);
      expect(committedEvents(file, live.id)).toEqual(live.log);
    }
    expect(logger.lines.filter((l) => l.includes('a commit failed'))).toHaveLength(3);
    expect(logger.lines.filter((l) => l.includes('rebuilt from its stored log'))).toHaveLength(3);

    // The same command goes through afterwards.
    const again = await lives[0].exclusive((turn) => turn.submit({ type: 'chat.post', text: 'kept 0' }, { kind: 'participant', id: 'p0' }));
    expect(again.ok).toBe(true);
    for (const live of lives) expect(committedEvents(file, live.id)).toEqual(live.log);

    // A timer turn whose commit fails: its inject is not told then; the rebuilt drill produces it again at once
    // (its drill time has come) and tells it after that commit; every inject is told exactly once.
    heard.length = 0;
    store.failNextCommit = true;
    clock.advance(MIN);
    await Promise.all(lives.map((live) => live.exclusive(() => undefined)));
    expect(store.failed).toHaveLength(2);
    expect(heard.filter((h) => h.type === 'inject.delivered')).toHaveLength(3);
    expect(heard.every((h) => h.committed)).toBe(true);
    for (const live of lives) {
      expect(live.state.injects.map((i) => i.injectId)).toEqual(['first-page', 'ops-dashboard']);
      expect(committedEvents(file, live.id)).toEqual(live.log);
    }
  });

  it('over sockets: a joining participant\'s row and join event share a commit; a failed commit answers internal and is never broadcast', async () => {
    const file = tempDb();
    const store = new RecordingStore(file);
    const server: TestServer = await startTestServer({ store });
    closers.push(() => store.close(), () => server.close());
    const drills = [await server.createDrill(), await server.createDrill()];
    const staff = await Promise.all(drills.map((d) => server.join({ as: 'facilitator', drillId: d.drillId, key: d.facilitatorKey })));
    const players: Player[][] = await Promise.all(drills.map((d) => Promise.all(['Ana', 'Ben', 'Cy'].map((name) => server.join({ as: 'participant', code: d.joinCode, name })))));
    // Every participant row is in the same commit as its participant.join event.
    for (const [i, d] of drills.entries()) {
      for (const p of players[i]) {
        const commit = store.commits.find((writes) => writes.includes(`${d.drillId} participant ${p.id}`));
        expect(commit, `the commit of ${p.id}'s row`).toBeDefined();
        const joined = (await server.app.registry.get(d.drillId))!.log.find((e) => e.type === 'participant.join' && e.participantId === p.id)!;
        expect(commit).toContain(`${d.drillId} event ${joined.seq} participant.join`);
      }
    }
    await Promise.all(staff.map((f) => f.act({ type: 'drill.start' })));
    for (const team of players) for (const p of team) await p.sync();
    await store.durable(); // what the starts wrote after their replies (snapshots) is committed

    // Two drills' posts; the next commit fails.
    store.failNextCommit = true;
    const replies = await Promise.all(players.map((team, i) => team[0].request('drill:command', { id: commandId(), command: { type: 'chat.post', text: `post ${i}` } })));
    expect(replies.some((r) => !r.ok)).toBe(true);
    for (const [i, d] of drills.entries()) {
      const reply = replies[i];
      for (const p of [staff[i], ...players[i]]) await p.sync();
      const stored = ((await (await fetch(`${server.url}/api/drills/${d.drillId}/events?key=${d.observerKey}`)).json()) as DrillEventsResponse).events;
      const posted = (events: readonly DrillEvent[]) => events.filter((e) => e.type === 'chat.post' && e.text === `post ${i}`);
      if (reply.ok) {
        expect(posted(stored)).toHaveLength(1);
        expect(posted(staff[i].events)).toHaveLength(1);
      } else {
        expect(reply.error).toEqual({ code: 'internal', message: 'Could not save; try again.' });
        expect(posted(stored)).toEqual([]);
        for (const p of [staff[i], ...players[i]]) expect(posted(p.events)).toEqual([]);
      }
      // Everyone's view is the stored log, folded.
      expect(staff[i].state!.seq).toBe(stored.at(-1)!.seq);
      expect((await server.app.registry.get(d.drillId))!.log).toEqual(stored);
      for (const p of [staff[i], ...players[i]]) expect(p.gaps).toEqual([]);
    }
    expect(committedEvents(file, drills[0].drillId)).toEqual((await server.app.registry.get(drills[0].drillId))!.log);
  });
});
