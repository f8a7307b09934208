import type { Scenario } from '../scenario/schema';
import { PROFILES, type Profile } from './profiles';
import { simulate } from './simulate';

/**
 * What scenario CI asks of every bundled scenario: a textbook team scores high, a slow team lands in the
 * middle, a silent team scores low, and a chaotic team scores below the slow one. A scenario that cannot
 * tell these teams apart cannot tell a good real team from a bad one either.
 */
export const THRESHOLDS = {
  textbook: { min: 85 },
  slow: { min: 40, max: 70 },
  silent: { max: 25 },
} as const;

export type ProfileScores = Record<Profile, number>;

/** Why a scenario's scores fail to separate the profiles; empty when they do. */
export function separationProblems(scores: ProfileScores): string[] {
  const problems: string[] = [];
  if (scores.textbook < THRESHOLDS.textbook.min) problems.push(`textbook scored ${scores.textbook}, below ${THRESHOLDS.textbook.min}`);
  if (scores.slow < THRESHOLDS.slow.min || scores.slow > THRESHOLDS.slow.max) problems.push(`slow scored ${scores.slow}, outside ${THRESHOLDS.slow.min}–${THRESHOLDS.slow.max}`);
  if (scores.silent > THRESHOLDS.silent.max) problems.push(`silent scored ${scores.silent}, above ${THRESHOLDS.silent.max}`);
  if (scores.chaotic >= scores.slow) problems.push(`chaotic scored ${scores.chaotic}, not below slow (${scores.slow})`);
  return problems;
}

/** Runs every profile on a scenario with one seed and checks the separation. */
export function separateProfiles(scenario: Scenario, seed = 1): { scores: ProfileScores; problems: string[] } {
  const scores = Object.fromEntries(PROFILES.map((team) => [team, simulate(scenario, { team, seed }).scorecard.overall])) as ProfileScores;
  return { scores, problems: separationProblems(scores) };
}
