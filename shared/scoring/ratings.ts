/**
 * HSEEP ratings and the points they earn. The bands are documented in docs/scoring.md; change both together.
 */
import type { Rating } from './types';

/** Time bands, as multiples of the target: within it P, up to 1.5× S, up to 3× M, beyond (or never) U. */
export const TIME_BANDS = { S: 1.5, M: 3 } as const;
/** Rubric bands, as points below the target: at or above it P, up to 15 below S, up to 35 below M, else U. */
export const SCORE_BANDS = { S: 15, M: 35 } as const;
/** Points each rating earns toward its dimension and the overall score. */
export const RATING_POINTS: Record<Rating, number> = { P: 100, S: 75, M: 40, U: 0 };

export const RATING_NAMES: Record<Rating, string> = {
  P: 'Performed without challenges',
  S: 'Performed with some challenges',
  M: 'Performed with major challenges',
  U: 'Unable to be performed',
};

/** Rates a time (ms) against a target time; `null` (it never happened) is U. */
export function rateTime(value: number | null, target: number): Rating {
  if (value === null) return 'U';
  if (value <= target) return 'P';
  if (value <= target * TIME_BANDS.S) return 'S';
  if (value <= target * TIME_BANDS.M) return 'M';
  return 'U';
}

/** Rates a 0–100 score against a target score; `null` (nothing to rate) is U. */
export function rateScore(value: number | null, target: number): Rating {
  if (value === null) return 'U';
  if (value >= target) return 'P';
  if (value >= target - SCORE_BANDS.S) return 'S';
  if (value >= target - SCORE_BANDS.M) return 'M';
  return 'U';
}
