import { describe, expect, it } from 'vitest';
import { compareRuns, score, type Scorecard } from '../../../shared/scoring';
import { GOLDEN } from './golden-scenario';
import { chaotic, handover, silent, slow, textbook } from './teams';

const DAY = 86_400_000;
const run = (log: ReturnType<typeof textbook>, id: string, day: number): Scorecard => {
  const card = score(GOLDEN, log, { drillId: id });
  return { ...card, drill: { ...card.drill, startedAt: Date.UTC(2025, 0, 1) + day * DAY } };
};

describe('compareRuns', () => {
  it('orders runs by start and compares the latest with the one before, per objective', () => {
    const cmp = compareRuns([run(textbook(), 'd3', 3), run(silent(), 'd1', 1), run(slow(), 'd2', 2)]);
    expect(cmp.scenarioId).toBe('golden-db');
    expect(cmp.runs.map((r) => [r.drillId, r.overall])).toEqual([['d1', 6], ['d2', 73], ['d3', 100]]);
    expect(cmp.overall).toBe('improving');
    const firstUpdate = cmp.objectives.find((o) => o.id === 'first-update')!;
    expect(firstUpdate.runs.map((r) => r?.rating)).toEqual(['U', 'S', 'P']);
    expect(firstUpdate).toMatchObject({ unit: 'ms', target: 600_000, trend: 'improving' });
    expect(cmp.dimensions.find((d) => d.id === 'quality')).toMatchObject({ scores: [0, 75, 100], trend: 'improving' });
  });

  it('calls a worse latest run declining, and an equal rating with a better time improving', () => {
    const worse = compareRuns([run(textbook(), 'a', 1), run(chaotic(), 'b', 2)]);
    expect(worse.overall).toBe('declining');
    expect(worse.objectives.find((o) => o.id === 'quality')?.trend).toBe('declining');
    expect(worse.objectives.find((o) => o.id === 'page-acked')?.trend).toBe('declining');
    // Both runs rate the cadence P; the later one's longest silence is shorter (11 min against 13 min).
    const better = compareRuns([run(handover(), 'a', 1), run(textbook(), 'b', 2)]);
    expect(better.objectives.find((o) => o.id === 'cadence')?.runs.map((r) => [r?.value, r?.rating])).toEqual([[13 * 60_000, 'P'], [11 * 60_000, 'P']]);
    expect(better.objectives.find((o) => o.id === 'cadence')?.trend).toBe('improving');
  });

  it('says "first" for a single run and keeps the given order when start times are missing', () => {
    const one = compareRuns([score(GOLDEN, slow())]);
    expect(one.overall).toBe('first');
    expect(one.objectives.every((o) => o.trend === 'first')).toBe(true);
    const a = { ...score(GOLDEN, textbook(), { drillId: 'a' }), drill: { ...score(GOLDEN, textbook()).drill, id: 'a', startedAt: null } };
    const b = score(GOLDEN, silent(), { drillId: 'b' });
    expect(compareRuns([a, b]).runs.map((r) => r.drillId)).toEqual(['a', 'b']);
    expect(compareRuns([]).runs).toEqual([]);
  });
});
