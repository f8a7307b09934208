import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/drill/commands';
import { ENGINE_VERSION } from '../../shared/drill/drill';
import type { DrillSnapshot } from '../../shared/drill/snapshot';
import { ManualClock } from '../../server/clock';
import { DrillRegistry } from '../../server/drills/registry';
import { replayStored } from '../../server/drills/replay';
import { cryptoIds } from '../../server/ids';
import { memoryLogger } from '../../server/log';
import { MemoryStore } from '../../server/store/memory-store';
import type { LiveDrill } from '../../server/drills/live-drill';
import { testScenario } from './helpers';

const MIN = 60_000;
const facilitator: Actor = { kind: 'facilitator' };
const ana: Actor = { kind: 'participant', id: 'p1' };

function setup(store: MemoryStore, clock: ManualClock) {
  const logger = memoryLogger();
  const registry = new DrillRegistry({ store, clock, logger, ids: cryptoIds, snapshots: { everyEvents: 5, everyMs: 2_000 } });
  return { logger, registry };
}

/** Lets queued turns (promise chains) and their commits run after the manual clock fired their timers. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** A running drill with a page in flight and a few chats, snapshotted, then more events after the snapshot. */
async function playedDrill(store: MemoryStore, clock: ManualClock): Promise<{ live: LiveDrill; snapshotSeq: number }> {
  const { registry } = setup(store, clock);
  const { live } = await registry.create(testScenario());
  await live.exclusive((turn) => turn.submit({ type: 'participant.join', participantId: 'p1', name: 'Ana' }, ana));
  await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
  await settle(); // the start is a status change: snapshotted at once
  clock.advance(90_000);
  await settle();
  await live.exclusive((turn) => turn.submit({ type: 'contact.page', contact: 'vendor-support', message: 'P1 please' }, ana));
  for (let i = 0; i < 6; i++) await live.exclusive((turn) => turn.submit({ type: 'chat.post', text: `update ${i}` }, ana));
  clock.advance(2_000); // the checkpoints' tick: the snapshot is due (5 events, 2 s)
  await settle();
  const stored = await store.snapshot(live.id);
  expect(stored).toBeDefined();
  // Events after the snapshot: the restore replays these.
  await live.exclusive((turn) => turn.submit({ type: 'chat.post', text: 'after the snapshot' }, ana));
  clock.advance(500);
  await settle();
  return { live, snapshotSeq: stored!.seq };
}

describe('drill snapshots on the server', () => {
  it('are taken as drills log events, in the group commit, and never change a stored event', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const { live, snapshotSeq } = await playedDrill(store, clock);
    const events = await store.events(live.id);
    expect(events).toEqual(live.log);
    expect(snapshotSeq).toBeGreaterThan(5);
    expect(snapshotSeq).toBeLessThan(events.length);
    const snapshot = JSON.parse((await store.snapshot(live.id))!.json) as DrillSnapshot;
    expect(snapshot.engine).toBe(ENGINE_VERSION);
    expect(snapshot.last).toEqual(events[snapshot.seq - 1]);
    expect(snapshot.scheduler.timers.map((t) => t.job.kind)).toContain('reply');
  });

  it('a restart restores from the snapshot plus the events after it, and plays on as a full replay would', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const { live } = await playedDrill(store, clock);
    const log = [...live.log];
    // The process dies; back ten minutes later.
    const later = new ManualClock(clock.now() + 10 * MIN);
    const second = setup(store, later);
    const { restored } = await second.registry.restoreAll();
    expect(restored).toEqual([live.id]);
    expect(second.registry.rebuilt).toEqual({ fromSnapshot: 1, fullReplay: 0 });
    expect(second.logger.lines.filter((l) => !l.startsWith('info'))).toEqual([]);
    const again = (await second.registry.get(live.id))!;
    expect(again.log.slice(0, log.length)).toEqual(log);

    // The pending reply comes on time, exactly as a replay of the whole stored log says.
    later.advance(5 * MIN);
    await settle();
    const stored = await store.events(live.id);
    expect(stored).toEqual(again.log);
    expect(again.log.some((e) => e.type === 'contact.replied')).toBe(true);
    const replayed = replayStored(testScenario(), stored);
    expect(replayed.divergence).toBeUndefined();
    expect(replayed.drill.state).toEqual(again.state);
  });

  it('falls back to replaying the whole log, saying so, when the snapshot is unreadable, from another engine or does not fit the log', async () => {
    const corruptions: [string, (json: string) => { json: string; engineVersion?: number }, RegExp][] = [
      ['unreadable', () => ({ json: '{"format": 1, "eng' }), /could not|JSON/],
      ['another engine', (json) => ({ json, engineVersion: ENGINE_VERSION + 1 }), /engine/],
      ['another log', (json) => ({ json: JSON.stringify({ ...JSON.parse(json), last: { type: 'chat.post', text: 'never said' } }) }), /not the one it was taken after/],
    ];
    for (const [what, corrupt, reason] of corruptions) {
      const store = new MemoryStore();
      const clock = new ManualClock();
      const { live } = await playedDrill(store, clock);
      const saved = (await store.snapshot(live.id))!;
      const changed = corrupt(saved.json);
      // A disk (or an older server) left a different snapshot: the store keeps the latest seq, so write it higher.
      store.putSnapshot(live.id, { ...saved, seq: saved.seq + 100, engineVersion: changed.engineVersion ?? saved.engineVersion, json: changed.json });
      await store.commit();
      const second = setup(store, new ManualClock(clock.now() + MIN));
      const { restored } = await second.registry.restoreAll();
      expect(restored, what).toEqual([live.id]);
      expect(second.registry.rebuilt, what).toEqual({ fromSnapshot: 0, fullReplay: 1 });
      const warning = second.logger.lines.find((l) => l.startsWith('warn') && l.includes('snapshot'));
      expect(warning, what).toMatch(/replaying its whole log/);
      expect(warning, what).toMatch(reason);
      expect((await second.registry.get(live.id))!.log.slice(0, live.log.length), what).toEqual(live.log);
    }
  });

  it('still quarantines a drill whose log does not replay, snapshot or not', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const { live, snapshotSeq } = await playedDrill(store, clock);
    clock.advance(MIN); // the next inject, after the snapshot
    await settle();
    // A tampered event after the snapshot: the tail does not replay the same way, nor does the whole log.
    const events = (store as unknown as { data: { events: Map<string, { type: string; seq: number }[]> } }).data.events.get(live.id)!;
    const inject = events.findLast((e) => e.type === 'inject.delivered');
    expect(inject!.seq).toBeGreaterThan(snapshotSeq);
    Object.assign(inject!, { title: 'rewritten on disk' });
    const second = setup(store, new ManualClock(clock.now() + MIN));
    const { failed } = await second.registry.restoreAll();
    expect(failed).toEqual([live.id]);
    expect(second.registry.isUnavailable(live.id)).toBe(true);
    expect(second.logger.lines.some((l) => l.startsWith('error') && l.includes('REPLAY MISMATCH'))).toBe(true);
    // The start-up line counts the drills it rebuilt, not one it refused.
    expect(second.registry.rebuilt).toEqual({ fromSnapshot: 0, fullReplay: 0 });
  });
});

describe('a restarted server', () => {
  it('answers at once and serves every drill that was live, a rejoin waiting for its own drill only', async () => {
    const { startTestServer } = await import('./helpers');
    const store = new MemoryStore();
    const clock = new ManualClock();
    const first = await startTestServer({ store, clock });
    const drills = [];
    for (let i = 0; i < 6; i++) {
      const { drill, facilitator, team: [ana] } = await first.open(['Ana']);
      await facilitator.act({ type: 'drill.start' });
      for (let k = 0; k < i; k++) await ana.act({ type: 'chat.post', text: `update ${k}` });
      drills.push({ drill, ana });
    }
    clock.advance(6_000); // some drills are snapshotted (the start, the tick), later events are not
    await settle();
    await drills[0].ana.act({ type: 'chat.post', text: 'after the snapshots' });
    const logs = await Promise.all(drills.map(({ drill }) => store.events(drill.drillId)));
    // The first server "dies" (its manual clock never moves again); a second one starts on the same store.
    const second = await startTestServer({ store, clock: new ManualClock(clock.now() + MIN) });
    try {
      // Every participant comes back right away, before the restore is known to be done.
      const views = await Promise.all(drills.map(async ({ drill, ana }) => {
        const again = await second.join({ as: 'rejoin', drillId: drill.drillId, token: ana.token! });
        return again.view!;
      }));
      views.forEach((view, i) => {
        expect(view.state.status).toBe('running');
        expect(view.state.seq).toBeGreaterThanOrEqual(logs[i].length);
        expect(view.state.posts.map((p) => p.text)).toEqual(logs[i].filter((e) => e.type === 'chat.post').map((e) => (e as { text: string }).text));
      });
      expect((await second.app.restored).restored.sort()).toEqual(drills.map(({ drill }) => drill.drillId).sort());
      const { fromSnapshot, fullReplay } = second.app.registry.rebuilt;
      expect(fromSnapshot + fullReplay).toBe(drills.length);
      expect(fromSnapshot).toBeGreaterThan(0);
      expect(second.logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);
      expect(second.logger.lines.some((l) => /restored 6 live drill\(s\) in \d+ ms \(\d+ from a snapshot/.test(l))).toBe(true);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
