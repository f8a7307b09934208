import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/clock';
import { CHECKPOINT_INTERVAL_MS } from '../../server/drills/checkpoints';
import { DrillRegistry } from '../../server/drills/registry';
import { cryptoIds } from '../../server/ids';
import { memoryLogger } from '../../server/log';
import { MemoryStore } from '../../server/store/memory-store';
import type { DrillPatch } from '../../server/store/store';
import { startTestServer, testScenario, type Player, type TestServer } from './helpers';

/**
 * A MemoryStore that records the clock writes per unit: one entry per committed batch, split where the wall clock
 * moved (the manual clock fires a second's checkpoint timers in one turn, which a real clock never does).
 */
class CountingStore extends MemoryStore {
  /** One entry per unit: the drills whose clock it wrote. */
  commits: string[][] = [];
  now: () => number = () => 0;
  private current: string[] = [];
  private currentAt = 0;

  protected override commitBatch(): void {
    super.commitBatch();
    this.flush();
  }

  /** The clock writes grouped by wall time only (a commit that lands mid-second on a loaded machine splits nothing). */
  ticks: string[][] = [];
  private tickAt = -1;

  override updateDrill(id: string, patch: DrillPatch): void {
    super.updateDrill(id, patch);
    if (!patch.clock) return;
    if (this.now() !== this.tickAt || !this.ticks.length) this.ticks.push([]);
    this.tickAt = this.now();
    this.ticks.at(-1)!.push(id);
    if (this.now() !== this.currentAt) this.flush();
    this.currentAt = this.now();
    this.current.push(id);
  }

  private flush(): void {
    if (this.current.length) this.commits.push(this.current);
    this.current = [];
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('clock checkpoints', () => {
  it('saves the clocks of all running drills in one transaction a wall second, whatever their speed', async () => {
    const store = new CountingStore();
    server = await startTestServer({ store });
    store.now = () => server!.clock.now();
    const staff: Player[] = [];
    const ids: string[] = [];
    for (const speed of [60, 60, 1]) {
      const { drill, facilitator } = await server.open();
      if (speed !== 1) await facilitator.act({ type: 'drill.speed', speed });
      await facilitator.act({ type: 'drill.start' });
      staff.push(facilitator);
      ids.push(drill.drillId);
    }
    // Each speed change and start wrote its clock at once, on its own.
    expect(store.commits).toEqual([[ids[0]], [ids[0]], [ids[1]], [ids[1]], [ids[2]]]);
    store.commits = [];
    store.ticks = [];

    server.clock.advance(10 * CHECKPOINT_INTERVAL_MS);
    await Promise.all(staff.map((p) => p.sync()));
    // Ten wall seconds: ten batches, each with every running drill (one commit per drill every 250 ms at x60 before).
    expect(store.ticks).toHaveLength(10);
    for (const tick of store.ticks) expect([...tick].sort()).toEqual([...ids].sort());
    // The stored clock is where the drill stands now (the last batch ran exactly now).
    for (const [i, id] of ids.entries()) {
      const live = (await server.app.registry.get(id))!;
      expect((await store.getDrill(id))!.clock).toEqual({ t: live.clockInfo().t, wall: server.clock.now(), speed: [60, 60, 1][i] });
    }
    expect((await store.getDrill(ids[0]))!.clock.t).toBe(10 * 60_000);

    // Pausing writes at once, on its own; from then on the batch holds the two drills still running.
    store.commits = [];
    server.clock.advance(CHECKPOINT_INTERVAL_MS / 2);
    await staff[0].act({ type: 'drill.pause' });
    expect(store.commits).toEqual([[ids[0]]]);
    expect((await store.getDrill(ids[0]))!.clock).toMatchObject({ t: 10.5 * 60_000, wall: server.clock.now() });
    store.commits = [];
    store.ticks = [];
    server.clock.advance(2 * CHECKPOINT_INTERVAL_MS);
    await store.commit();
    expect(store.ticks.map((c) => [...c].sort())).toEqual([[ids[1], ids[2]].sort(), [ids[1], ids[2]].sort()]);

    // With nothing running, nothing is written and no checkpoint timer is left.
    await staff[1].act({ type: 'drill.end' });
    await staff[2].act({ type: 'drill.pause' });
    store.commits = [];
    expect(server.clock.pending).toBe(0); // no batch timer (and no drill timer) while nothing runs
    server.clock.advance(5 * CHECKPOINT_INTERVAL_MS);
    expect(store.commits).toEqual([]);
  });

  it('after a crash, resumes each running drill from its last batch: at most one wall second earlier, never counting downtime', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const first = new DrillRegistry({ store, clock, logger: memoryLogger(), ids: cryptoIds });
    const fast = (await first.create(testScenario())).live;
    const slow = (await first.create(testScenario())).live;
    const facilitator = { kind: 'facilitator' } as const;
    await fast.exclusive((turn) => turn.submit({ type: 'drill.speed', speed: 60 }, facilitator));
    for (const live of [fast, slow]) await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
    clock.advance(30_999); // the last batch ran 999 ms ago
    await Promise.all([fast, slow].map((live) => live.exclusive(() => undefined)));
    const atCrash = { fast: fast.clockInfo().t, slow: slow.clockInfo().t };
    expect(atCrash).toEqual({ fast: 30_999 * 60, slow: 30_999 });

    // The process dies (nothing is closed) and comes back an hour later.
    const later = new ManualClock(clock.now() + 3_600_000);
    const second = new DrillRegistry({ store, clock: later, logger: memoryLogger(), ids: cryptoIds });
    await second.restoreAll();
    const resumed = { fast: (await second.get(fast.id))!.clockInfo().t, slow: (await second.get(slow.id))!.clockInfo().t };
    // Each resumes where it stood 999 wall ms before the crash: 999 drill-ms earlier at x1, 59.94 s at x60;
    // the hour of downtime does not count. Events already in the log are not played again.
    expect(resumed).toEqual({ fast: 30_000 * 60, slow: 30_000 });
    expect((await second.get(fast.id))!.log).toEqual(fast.log);
    expect((await second.get(slow.id))!.log).toEqual(slow.log);
    await second.close();
  });
});
