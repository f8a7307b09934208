import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/drill/commands';
import { ManualClock } from '../../server/clock';
import { DrillRegistry, EVICT_AFTER_MS } from '../../server/drills/registry';
import { cryptoIds } from '../../server/ids';
import { memoryLogger } from '../../server/log';
import { MemoryStore } from '../../server/store/memory-store';
import { testScenario } from './helpers';

const MIN = 60_000;
const facilitator: Actor = { kind: 'facilitator' };

function setup(store = new MemoryStore(), clock = new ManualClock()) {
  const logger = memoryLogger();
  const registry = new DrillRegistry({ store, clock, logger, ids: cryptoIds });
  return { store, clock, logger, registry };
}

/** Lets queued turns (promise chains) run after the manual clock fired their timers. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('drill registry and live drills', () => {
  it('plays scripted injects at their drill times, and paused time does not count', async () => {
    const { registry, clock, store } = setup();
    const { live } = (await registry.create(testScenario()));
    await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
    expect(live.state.injects.map((i) => i.injectId)).toEqual(['first-page']);

    clock.advance(90_000);
    await settle();
    expect(live.state.injects.map((i) => [i.injectId, i.t])).toEqual([['first-page', 0], ['ops-dashboard', MIN]]);

    await live.exclusive((turn) => turn.submit({ type: 'drill.pause' }, facilitator));
    clock.advance(30 * MIN);
    await settle();
    expect(live.clockInfo().t).toBe(90_000);
    expect(live.state.injects).toHaveLength(2);

    await live.exclusive((turn) => turn.submit({ type: 'drill.resume' }, facilitator));
    clock.advance(30_000);
    await settle();
    expect(live.state.injects.map((i) => [i.injectId, i.t]).at(-1)).toEqual(['sales-email', 2 * MIN]);
    expect((await store.events(live.id))).toEqual(live.log);
  });

  it('runs drill time at the facilitator speed', async () => {
    const { registry, clock } = setup();
    const { live } = (await registry.create(testScenario()));
    await live.exclusive((turn) => turn.submit({ type: 'drill.speed', speed: 60 }, facilitator));
    await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
    clock.advance(3_000); // 3 minutes of drill time
    await settle();
    expect(live.state.injects.map((i) => i.injectId)).toEqual(['first-page', 'ops-dashboard', 'sales-email', 'support-tickets']);
    expect(live.clockInfo()).toMatchObject({ status: 'running', t: 3 * MIN, speed: 60 });
  });

  it('ends at the scenario duration and releases its timers', async () => {
    const { registry, clock } = setup();
    const { live } = (await registry.create(testScenario()));
    await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
    clock.advance(61 * MIN);
    await settle();
    expect(live.state.status).toBe('ended');
    expect(live.state.endedReason).toBe('duration');
    expect(live.record.status).toBe('ended');
    expect(clock.pending).toBe(1); // the registry's timer to unload the ended drill, nothing of the drill's own
    clock.advance(EVICT_AFTER_MS);
    expect(registry.isLoaded(live.id)).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('records start and end times; a drill called off in the lobby never started', async () => {
    const { registry, clock, store } = setup();
    const started = (await registry.create(testScenario())).live;
    await started.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
    const startWall = clock.now();
    clock.advance(1000);
    await started.exclusive((turn) => turn.submit({ type: 'drill.end' }, facilitator));
    expect((await store.getDrill(started.id))).toMatchObject({ status: 'ended', startedAt: startWall, endedAt: startWall + 1000 });

    const calledOff = (await registry.create(testScenario())).live;
    await calledOff.exclusive((turn) => turn.submit({ type: 'drill.end' }, facilitator));
    expect((await store.getDrill(calledOff.id))?.status).toBe('ended');
    expect((await store.getDrill(calledOff.id))?.startedAt).toBeUndefined();
  });

  it('restores a live drill from the store: same log, clock from the checkpoint, pending replies on time', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const first = setup(store, clock);
    const { live } = (await first.registry.create(testScenario()));
    const p: Actor = { kind: 'participant', id: 'p1' };
    await live.exclusive((turn) => turn.submit({ type: 'participant.join', participantId: 'p1', name: 'Ana' }, p));
    await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
    clock.advance(2 * MIN);
    await settle();
    await live.exclusive((turn) => turn.submit({ type: 'contact.page', contact: 'vendor-support', message: 'P1 please' }, p));
    clock.advance(10_500); // running clocks are checkpointed once a wall second (x1: the last one at +10 s)
    await settle();
    const log = [...live.log];
    // The process "dies": nothing is closed, its timers never fire again. The server is back an hour later.
    const later = new ManualClock(clock.now() + 60 * MIN);
    const second = setup(store, later);
    const { restored } = await second.registry.restoreAll();
    expect(restored).toEqual([live.id]);
    const again = (await second.registry.get(live.id))!;
    expect(again.log.slice(0, log.length)).toEqual(log);
    expect(again.state.machineState).toBe('vendor-engaged');
    expect(again.clockInfo().t).toBe(2 * MIN + 10_000);
    expect(second.logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);

    later.advance(4 * MIN);
    await settle();
    const reply = again.log.find((e) => e.type === 'contact.replied');
    expect(reply?.t).toBe(6 * MIN); // paged at 2m, responds in 4m
  });

  it('refuses a command whose event cannot be stored, and keeps nothing of a step whose caused event fails (rebuilt from the store)', async () => {
    class FlakyStore extends MemoryStore {
      failAt?: number;
      override appendEvent(drillId: string, event: Parameters<MemoryStore['appendEvent']>[1]): void {
        if (event.seq === this.failAt) {
          this.failAt = undefined;
          throw new Error('disk full');
        }
        super.appendEvent(drillId, event);
      }
    }
    const store = new FlakyStore();
    const { registry, logger } = setup(store);
    const { live } = (await registry.create(testScenario()));
    const p: Actor = { kind: 'participant', id: 'p1' };
    await live.exclusive((turn) => turn.submit({ type: 'participant.join', participantId: 'p1', name: 'Ana' }, p));
    await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));

    // The command itself cannot be stored: nothing changes, the caller hears about it.
    store.failAt = live.state.seq + 1;
    const before = live.state;
    await expect(live.exclusive((turn) => turn.submit({ type: 'chat.post', text: 'lost' }, p))).rejects.toThrow('disk full');
    expect(live.state).toEqual(before);

    // The page can be stored but the state change it causes cannot: the step is one unit, so the page is not
    // kept either (the caller is told it failed), and the core, which had moved on, is rebuilt from the store.
    store.failAt = live.state.seq + 2;
    const seen: number[] = [];
    live.onBatch((batch) => seen.push(...batch.events.map((e) => e.seq)));
    await expect(live.exclusive((turn) => turn.submit({ type: 'contact.page', contact: 'vendor-support', message: 'help' }, p))).rejects.toThrow('disk full');
    expect(live.state).toEqual(before);
    expect(live.state.machineState).toBe('detection');
    expect((await store.events(live.id))).toEqual(live.log);
    expect(seen).toEqual([]);
    expect(logger.lines.some((l) => l.includes('rebuilt from its stored log'))).toBe(true);
    await live.exclusive((turn) => turn.submit({ type: 'contact.page', contact: 'vendor-support', message: 'help' }, p));
    expect(live.state.machineState).toBe('vendor-engaged');
    expect((await store.events(live.id))).toEqual(live.log);
  });
});
