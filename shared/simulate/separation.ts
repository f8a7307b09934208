import { hasFixedStates } from '../scenario/model';
import type { Scenario } from '../scenario/schema';
import { ADVERSARIAL, PROFILES, type Profile } from './profiles';
import { simulate } from './simulate';

/**
 * What scenario CI asks of every bundled scenario: a textbook team scores high, a slow team lands in the
 * middle (strictly between silent and textbook), a silent team scores low, a chaotic team scores below the slow
 * one, and every team that games the score (`ADVERSARIAL`) scores at most half. A scenario that cannot tell
 * these teams apart cannot tell a good real team from a bad one either.
 */
export const THRESHOLDS = {
  textbook: { min: 85 },
  // A slow team must clear the ceiling a silent team is held to. It writes vague status updates (the rubric rates
  // them 5–55), so the critical-failure rule on communication quality holds it at 40 or below on most scenarios:
  // a floor of 40 would ask a team with poor updates to score like an average one.
  slow: { min: 26, max: 70 },
  silent: { max: 25 },
  adversarial: { max: 50 },
} as const;

export type ProfileScores = Record<Profile, number>;

/** What the separation rules need to know about the scenario besides the scores. */
export interface SeparationContext {
  /**
   * The scenario marks `fixed` states, so declarations can be checked against the story. Without them a
   * declare-victory team cannot be told from a good one by the score (nothing is premature), so its limit is
   * reported as a caveat instead of a failure. Default true.
   */
  checksDeclarations?: boolean;
}

/** Why a scenario's scores fail to separate the profiles; empty when they do. */
export function separationProblems(scores: ProfileScores, context: SeparationContext = {}): string[] {
  const problems: string[] = [];
  if (scores.textbook < THRESHOLDS.textbook.min) problems.push(`textbook scored ${scores.textbook}, below ${THRESHOLDS.textbook.min}`);
  if (scores.slow < THRESHOLDS.slow.min || scores.slow > THRESHOLDS.slow.max) problems.push(`slow scored ${scores.slow}, outside ${THRESHOLDS.slow.min}–${THRESHOLDS.slow.max}`);
  if (scores.slow <= scores.silent || scores.slow >= scores.textbook) problems.push(`slow scored ${scores.slow}, not strictly between silent (${scores.silent}) and textbook (${scores.textbook})`);
  if (scores.silent > THRESHOLDS.silent.max) problems.push(`silent scored ${scores.silent}, above ${THRESHOLDS.silent.max}`);
  if (scores.chaotic >= scores.slow) problems.push(`chaotic scored ${scores.chaotic}, not below slow (${scores.slow})`);
  for (const team of ADVERSARIAL) {
    if (team === 'declare-victory' && context.checksDeclarations === false) continue;
    if (scores[team] > THRESHOLDS.adversarial.max) problems.push(`${team} scored ${scores[team]}, above ${THRESHOLDS.adversarial.max}: the score can be gamed this way`);
  }
  return problems;
}

/** Limits the scenario keeps the rules from checking, in words (empty when every rule applies). */
export function separationCaveats(scenario: Pick<Scenario, 'states'>): string[] {
  return hasFixedStates(scenario) ? [] : [
    'declare-victory not held to the adversarial limit: the scenario marks no `fixed` state, so declarations cannot be checked against the story (add `fixed: mitigated` / `fixed: resolved` to the states where the service actually works again / is fixed)',
  ];
}

/** Runs every profile on a scenario with one seed and checks the separation. */
export function separateProfiles(scenario: Scenario, seed = 1): { scores: ProfileScores; problems: string[]; caveats: string[] } {
  const scores = Object.fromEntries(PROFILES.map((team) => [team, simulate(scenario, { team, seed }).scorecard.overall])) as ProfileScores;
  return { scores, problems: separationProblems(scores, { checksDeclarations: hasFixedStates(scenario) }), caveats: separationCaveats(scenario) };
}
