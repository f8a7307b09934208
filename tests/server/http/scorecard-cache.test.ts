import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../../shared/drill/events';
import { score } from '../../../shared/scoring';
import { hashSecret } from '../../../server/ids';
import { ScorecardCache } from '../../../server/http/scorecard-cache';
import { MemoryStore } from '../../../server/store/memory-store';
import type { DrillRecord } from '../../../server/store/store';
import { GOLDEN } from '../../shared/scoring/golden-scenario';
import { textbook } from '../../shared/scoring/teams';

function setup(events: DrillEvent[]) {
  const store = new MemoryStore();
  const at = Date.UTC(2025, 0, 1);
  const record = (id: string): DrillRecord => ({
    id, scenarioId: GOLDEN.id, scenario: GOLDEN, title: id, joinCode: `AB${id.length}-CDE${id}`,
    facilitatorKeyHash: hashSecret('f'), observerKeyHash: hashSecret('o'),
    createdAt: at, startedAt: at, status: 'running', clock: { t: 0, wall: at, speed: 1 }, engineVersion: 1,
  });
  const a = record('a');
  store.createDrill(a);
  for (const e of events) store.appendEvent('a', e);
  return { store, a, record };
}

describe('ScorecardCache', () => {
  it('scores a log once while no event arrives, and answers concurrent readers with that one scoring', async () => {
    const log = textbook();
    const { store, a } = setup(log);
    await store.commit();
    const cache = new ScorecardCache(store);
    const cards = await Promise.all(Array.from({ length: 40 }, () => cache.get(a)));
    expect(cache.scored).toBe(1);
    expect(cards[0]).toStrictEqual(score(GOLDEN, log, { drillId: 'a' }));
    expect(await cache.get(a)).toBe(cards[0]);
    expect(cache.scored).toBe(1);
  });

  it('scores again after any new event, an evaluator\'s override included', async () => {
    const log = textbook();
    const { store, a } = setup(log.slice(0, -3));
    await store.commit();
    const cache = new ScorecardCache(store);
    const before = await cache.get(a);
    for (const e of log.slice(-3)) store.appendEvent('a', e);
    await store.commit();
    const after = await cache.get(a);
    expect(cache.scored).toBe(2);
    expect(after).toStrictEqual(score(GOLDEN, log, { drillId: 'a' }));
    expect(after).not.toStrictEqual(before);

    const last = log[log.length - 1];
    const override = { type: 'score.override', seq: last.seq + 1, t: last.t, by: { kind: 'facilitator' }, target: { objective: GOLDEN.objectives[0].id }, value: { rating: 'U' }, note: 'Missed it' } as DrillEvent;
    store.appendEvent('a', override);
    await store.commit();
    const overridden = await cache.get(a);
    expect(cache.scored).toBe(3);
    expect(overridden.objectives[0].rating).toBe('U');
    expect(overridden).toStrictEqual(score(GOLDEN, [...log, override], { drillId: 'a' }));
  });

  it('keeps at most its size of drills, the least recently asked for leaving first', async () => {
    const { store, a, record } = setup(textbook());
    const b = record('b');
    store.createDrill(b);
    await store.commit();
    const cache = new ScorecardCache(store, 1);
    await cache.get(a);
    await cache.get(b);
    await cache.get(a);
    expect(cache.scored).toBe(3);
  });
});
