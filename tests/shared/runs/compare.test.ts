import { describe, expect, it } from 'vitest';
import { compareTwo } from '../../../shared/runs/compare';
import type { Scorecard } from '../../../shared/scoring/types';
import { simulate } from '../../../shared/simulate/simulate';
import { loadBundled } from '../../../bench/offline';

const card = (): Scorecard => simulate(loadBundled('partner-db-down'), { team: 'textbook', seed: 1 }).scorecard;

/** A copy of `base` whose timed objectives and incident-commander time came `shiftMs` later, points unchanged or not. */
function later(base: Scorecard, shiftMs: number, points?: (p: number | null) => number | null): Scorecard {
  const copy = structuredClone(base);
  for (const o of copy.objectives) {
    if (o.unit !== 'ms' || o.value === null) continue;
    o.value += shiftMs;
    if (points) o.points = points(o.points);
  }
  if (copy.metrics.incidentCommander) copy.metrics.incidentCommander.at += shiftMs;
  return copy;
}

describe('two runs side by side', () => {
  it('does not call a run better by a few seconds the page cannot show (times read to a tenth of a minute)', () => {
    // Run A's times on whole tenths of a minute, so that two seconds later still reads the same tenth.
    const a = card();
    for (const o of a.objectives) if (o.unit === 'ms' && o.value !== null) o.value = Math.round(o.value / 6000) * 6000;
    if (a.metrics.incidentCommander) a.metrics.incidentCommander.at = Math.round(a.metrics.incidentCommander.at / 6000) * 6000;
    const b = later(a, 2000, (p) => (p === null ? p : p - 0.01));
    const two = compareTwo(a, b);
    const timed = two.objectives.filter((row) => row.a?.unit === 'ms' && row.a.value !== null);
    expect(timed.length).toBeGreaterThan(0);
    for (const row of timed) expect(row).toMatchObject({ better: 'same', differs: false });
    expect(two.times.find((row) => row.id === 'incidentCommander')).toMatchObject({ better: 'same', differs: false });
    expect(two.differences).toBe(0);
  });

  it('says which run did better once the difference shows', () => {
    const a = card();
    const b = later(a, 3 * 60_000, (p) => (p === null ? p : p - 1));
    const two = compareTwo(a, b);
    const timed = two.objectives.filter((row) => row.a?.unit === 'ms' && row.a.value !== null);
    for (const row of timed) expect(row).toMatchObject({ better: 'a', differs: true });
    expect(two.times.find((row) => row.id === 'incidentCommander')).toMatchObject({ better: 'a', differs: true });
    expect(two.differences).toBeGreaterThanOrEqual(timed.length + 1);
  });
});
