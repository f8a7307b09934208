import { describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/drill/commands';
import { ENGINE_VERSION } from '../../shared/drill/drill';
import type { DrillEvent } from '../../shared/drill/events';
import { ManualClock } from '../../server/clock';
import { DrillRegistry, LOBBY_TTL_MS, UNAVAILABLE_MESSAGE } from '../../server/drills/registry';
import { cryptoIds } from '../../server/ids';
import { memoryLogger } from '../../server/log';
import { MemoryStore } from '../../server/store/memory-store';
import { testScenario } from './helpers';
import { TamperableStore } from './tamper';

const MIN = 60_000;
const facilitator: Actor = { kind: 'facilitator' };
const ana: Actor = { kind: 'participant', id: 'p1' };
const settle = () => new Promise((resolve) => setImmediate(resolve));

function registry(store: MemoryStore, clock = new ManualClock(), lobbyTtl?: number) {
  const logger = memoryLogger();
  return { registry: new DrillRegistry({ store, clock, logger, ids: cryptoIds, lobbyTtl }), logger, clock };
}

/** A running drill with a join, the start, the scenario's first state and injects. */
async function running(reg: DrillRegistry) {
  const { live } = (await reg.create(testScenario()));
  await live.exclusive((turn) => turn.submit({ type: 'participant.join', participantId: 'p1', name: 'Ana' }, ana));
  await live.exclusive((turn) => turn.submit({ type: 'drill.start' }, facilitator));
  return live;
}

describe('the stored log is the truth', () => {
  it('quarantines a drill whose stored log no longer replays the same way, and never rewrites it (issue 16, defect 1)', async () => {
    const store = new TamperableStore();
    const first = registry(store);
    const tampered = await running(first.registry);
    const healthy = await running(first.registry);
    await first.registry.close();
    // What an engine or scenario change does to an old log: a produced event no longer matches its replay.
    const entered = (await store.events(tampered.id)).find((e) => e.type === 'state.entered')!;
    store.replaceEvent(tampered.id, entered.seq, (e) => ({ ...e, state: 'tampered' }) as DrillEvent);
    const stored = (await store.events(tampered.id));

    const second = registry(store, new ManualClock(first.clock.now() + MIN));
    const result = await second.registry.restoreAll();
    expect(result).toEqual({ restored: [healthy.id], failed: [tampered.id], expired: [], elsewhere: [] });
    expect((await store.events(tampered.id))).toEqual(stored); // not one stored event changed
    expect((await second.registry.get(tampered.id))).toBeUndefined();
    expect((await second.registry.refusal(tampered.id))).toEqual({ code: 'unavailable', status: 503, message: UNAVAILABLE_MESSAGE });
    expect(second.registry.quarantineOf(tampered.id)).toMatchObject({ seq: entered.seq });
    const line = second.logger.lines.find((l) => l.includes(`drill ${tampered.id}: quarantined`))!;
    expect(line).toContain(`REPLAY MISMATCH at seq ${entered.seq}`);
    expect(line).toContain('"state":"tampered"');
    expect(line).toContain(`doctor ${tampered.id}`);
    // The other drill plays on.
    const other = (await second.registry.get(healthy.id))!;
    await other.exclusive((turn) => turn.submit({ type: 'chat.post', text: 'still here' }, ana));
    expect((await store.events(healthy.id)).at(-1)).toMatchObject({ type: 'chat.post', text: 'still here' });
    await second.registry.close();
  });

  it('quarantines a drill written by a newer engine without replaying it', async () => {
    const store = new MemoryStore();
    const first = registry(store);
    const live = await running(first.registry);
    await first.registry.close();
    store.updateDrill(live.id, { engineVersion: ENGINE_VERSION + 1 });
    store.commit();
    const second = registry(store);
    expect((await second.registry.restoreAll()).failed).toEqual([live.id]);
    expect(second.logger.lines.join('\n')).toContain(`written by a newer Firedrill (engine ${ENGINE_VERSION + 1}`);
  });

  it('starts the other drills when one loads but fails to resume (issue 16, defect 2)', async () => {
    // The store fails the first drill's writes once the replays are committed (a locked or failing disk): its
    // resume and the rebuild after it both fail.
    class FailingAfterCommit extends MemoryStore {
      armed?: string;
      failing?: string;
      failures = 0;
      override async commit(drillId?: string): Promise<void> {
        await super.commit(drillId);
        if (this.armed) [this.failing, this.failures] = [this.armed, 1];
        this.armed = undefined;
      }
      /** The first turn after the restore (the first drill's resume) fails... */
      override transaction<T>(fn: () => T): T {
        if (this.failures > 0) {
          this.failures--;
          throw new Error('database is locked');
        }
        return super.transaction(fn);
      }
      /** ...and so does reading its log again for the rebuild. */
      override async events(drillId: string, afterSeq?: number): Promise<DrillEvent[]> {
        if (drillId === this.failing) throw new Error('database is locked');
        return super.events(drillId, afterSeq);
      }
    }
    const store = new FailingAfterCommit();
    const first = registry(store);
    const bad = await running(first.registry);
    const good = await running(first.registry);
    first.clock.advance(10_500);
    await settle();
    // The server "dies": nothing is closed. It comes back ten minutes later.
    store.armed = bad.id;
    const second = registry(store, new ManualClock(first.clock.now() + 10 * MIN));
    const result = await second.registry.restoreAll();
    expect(result.restored).toEqual([good.id]);
    expect(result.failed).toEqual([bad.id]);
    expect(second.registry.isUnavailable(bad.id)).toBe(true);
    expect((await second.registry.get(good.id))!.state.status).toBe('running');
    expect(second.logger.lines.some((l) => l.startsWith(`error: drill ${bad.id}: quarantined`))).toBe(true);
  });

  it('takes a drill whose store fails while it runs out of service as unavailable, like a bad log', async () => {
    class Flaky extends MemoryStore {
      fail = false;
      override appendEvent(drillId: string, event: DrillEvent): void {
        if (this.fail) throw new Error('disk full');
        super.appendEvent(drillId, event);
      }
      override async events(drillId: string, afterSeq?: number): Promise<DrillEvent[]> {
        if (this.fail) throw new Error('disk gone');
        return super.events(drillId, afterSeq);
      }
    }
    const store = new Flaky();
    const { registry: reg } = registry(store);
    const live = await running(reg);
    store.fail = true;
    await expect(live.exclusive((turn) => turn.submit({ type: 'chat.post', text: 'lost' }, ana))).rejects.toThrow('disk full');
    expect((await reg.get(live.id))).toBeUndefined();
    expect((await reg.refusal(live.id))?.code).toBe('unavailable');
  });
});

describe('drills that never start', () => {
  it('expire after the lobby time limit, free their code and are not restored (issue 16, defect 8)', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const first = registry(store, clock, 30 * MIN);
    const waiting = (await first.registry.create(testScenario())).live;
    const started = await running(first.registry);
    clock.advance(30 * MIN - 1);
    await settle();
    expect((await first.registry.get(waiting.id))).toBe(waiting);
    clock.advance(1);
    await settle();
    await settle();
    expect(first.registry.isLoaded(waiting.id)).toBe(false);
    expect((await first.registry.get(waiting.id))).toBeUndefined();
    expect((await first.registry.refusal(waiting.id))).toMatchObject({ code: 'not-found', message: expect.stringContaining('never started and expired 30 min after') });
    expect((await store.getDrill(waiting.id))?.retired).toMatchObject({ kind: 'expired' });
    expect(await first.registry.idByJoinCode(waiting.record.joinCode)).toBeUndefined();
    expect((await first.registry.get(started.id))?.state.status).toBe('running');
    expect((await store.listLiveDrills()).map((d) => d.id)).toEqual([started.id]);
  });

  it('expire while the server is down: retired at start without being replayed', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const first = registry(store, clock);
    const waiting = (await first.registry.create(testScenario())).live;
    const second = registry(store, new ManualClock(clock.now() + LOBBY_TTL_MS + MIN));
    expect(await second.registry.restoreAll()).toEqual({ restored: [], failed: [], expired: [waiting.id], elsewhere: [] });
    expect(second.registry.isLoaded(waiting.id)).toBe(false);
    expect((await store.getDrill(waiting.id))?.retired?.kind).toBe('expired');
  });
});
