import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenarioDir } from '../../../server/scenario-files';
import { hasFixedStates } from '../../../shared/scenario/model';
import { ADVERSARIAL, PROFILES, THRESHOLDS, type Profile } from '../../../shared/simulate';
import { simulate } from '../../../shared/simulate/simulate';

// Scenario CI: every scenario in scenarios/ (new files are picked up by themselves) must tell a textbook team
// from a slow, a silent and a chaotic one, and hold every team that games the score to at most half.
const { scenarios, problems } = loadScenarioDir(join(import.meta.dirname, '../../../scenarios'));

describe('scenario CI', () => {
  it('loads every bundled scenario', () => {
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const runs = Object.fromEntries(PROFILES.map((team) => [team, simulate(scenario, { team, seed: 1 }).scorecard])) as Record<Profile, ReturnType<typeof simulate>['scorecard']>;
    const scores = Object.fromEntries(PROFILES.map((team) => [team, runs[team].overall])) as Record<Profile, number>;

    it(`textbook team scores at least ${THRESHOLDS.textbook.min}`, () => {
      expect(scores.textbook).toBeGreaterThanOrEqual(THRESHOLDS.textbook.min);
    });
    it(`slow team scores ${THRESHOLDS.slow.min}–${THRESHOLDS.slow.max}, strictly between silent and textbook`, () => {
      expect(scores.slow).toBeGreaterThanOrEqual(THRESHOLDS.slow.min);
      expect(scores.slow).toBeLessThanOrEqual(THRESHOLDS.slow.max);
      expect(scores.slow).toBeGreaterThan(scores.silent);
      expect(scores.slow).toBeLessThan(scores.textbook);
    });
    it(`silent team scores at most ${THRESHOLDS.silent.max}`, () => {
      expect(scores.silent).toBeLessThanOrEqual(THRESHOLDS.silent.max);
    });
    it('chaotic team scores below the slow team', () => {
      expect(scores.chaotic).toBeLessThan(scores.slow);
    });
    it.each(ADVERSARIAL.filter((t) => t !== 'declare-victory'))(`%s team scores at most ${THRESHOLDS.adversarial.max}`, (team) => {
      expect(scores[team]).toBeLessThanOrEqual(THRESHOLDS.adversarial.max);
    });
    // A scenario without `fixed` states cannot tell an early all-clear from a real one (nothing is premature);
    // `simulate --all` prints it as a caveat. Scenarios that mark them are held to the limit.
    it.skipIf(!hasFixedStates(scenario))(`declare-victory team scores at most ${THRESHOLDS.adversarial.max}, its premature all-clear named`, () => {
      expect(scores['declare-victory']).toBeLessThanOrEqual(THRESHOLDS.adversarial.max);
      expect(runs['declare-victory'].improvements[0].text).toMatch(/^Critical: an all-clear that came too early stood to the end/);
    });
    it("the textbook team's status posts stay true to the scenario's facts", () => {
      const facts = runs.textbook.posts.flatMap((p) => p.checks.filter((c) => c.id === 'facts' && c.applicable && !c.passed));
      expect(facts).toEqual([]);
      expect(runs.textbook.posts.length).toBeGreaterThan(0);
    });
  });
});
