import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenarioDir } from '../../../server/scenario-files';
import { THRESHOLDS } from '../../../shared/simulate';
import { simulate } from '../../../shared/simulate/simulate';

// Scenario CI: every bundled scenario must tell a textbook team from a slow, a silent and a chaotic one.
const { scenarios, problems } = loadScenarioDir(join(import.meta.dirname, '../../../scenarios'));

describe('scenario CI', () => {
  it('loads every bundled scenario', () => {
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const overall = (team: 'textbook' | 'slow' | 'silent' | 'chaotic') => simulate(scenario, { team, seed: 1 }).scorecard.overall;
    const scores = { textbook: overall('textbook'), slow: overall('slow'), silent: overall('silent'), chaotic: overall('chaotic') };

    it(`textbook team scores at least ${THRESHOLDS.textbook.min}`, () => {
      expect(scores.textbook).toBeGreaterThanOrEqual(THRESHOLDS.textbook.min);
    });
    it(`slow team scores ${THRESHOLDS.slow.min}–${THRESHOLDS.slow.max}`, () => {
      expect(scores.slow).toBeGreaterThanOrEqual(THRESHOLDS.slow.min);
      expect(scores.slow).toBeLessThanOrEqual(THRESHOLDS.slow.max);
    });
    it(`silent team scores at most ${THRESHOLDS.silent.max}`, () => {
      expect(scores.silent).toBeLessThanOrEqual(THRESHOLDS.silent.max);
    });
    it('chaotic team scores below the slow team', () => {
      expect(scores.chaotic).toBeLessThan(scores.slow);
    });
  });
});
