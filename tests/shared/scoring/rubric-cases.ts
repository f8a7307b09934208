/**
 * Shared by the rubric's tests: a table row (a post, its options, the expected outcome of some checks and
 * of the score), the assertion that reads it, and posts the tables build on.
 */
import { expect, it } from 'vitest';
import {
  postScorer, scorePost, type RubricCheckId, type RubricOptions, type RubricPost, type RubricResult,
} from '../../../shared/scoring/rubric';

/** Expected outcome of one check: passed?, and the exact evidence words; or 'n/a' when it is not counted. */
export type Expect = Partial<Record<RubricCheckId, [passed: boolean, evidence: string[]] | [passed: boolean] | 'n/a'>>;

export interface Case {
  name: string;
  post: RubricPost;
  options?: RubricOptions;
  expect: Expect;
  /** An exact score, or [min, max]. */
  score?: number | [number, number];
}

export const check = (result: RubricResult, id: RubricCheckId) => {
  const found = result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

export const PARTNER_FACTS: RubricOptions = {
  facts: { 'data-lost': false, 'customers-charged': false, 'personal-data-exposed': false, 'card-data-exposed': false, 'attack': false },
  internalTerms: ['orders-db', 'orders-api', 'eu-west-1', 'PartnerDB console'],
};

export const TEXTBOOK_INVESTIGATING =
  'Investigating: Checkout is failing for some customers, who may be unable to complete payments. '
  + "Our engineers are rolling back this morning's release. We’re sorry for the disruption. "
  + 'Next update in 30 minutes.';

export const TEXTBOOK_RESOLVED =
  'Resolved: Checkout has been working normally since 14:05 UTC. Between 13:20 and 14:05 UTC some customers '
  + 'could not complete orders. We rolled back the release that caused it and have added a check so it cannot '
  + 'ship again. No customer data was lost and every payment was processed exactly once. We are sorry: this '
  + 'was our mistake. We will publish a full incident report within 5 business days.';

/** A complete, plain post to which one mistake is added: whatever else it does right, the mistake sinks it. */
export const withMistake = (mistake: string): string =>
  `Checkout is failing for some customers. ${mistake} We are switching to a standby database now. We are sorry. Next update at 19:30.`;

/** Asserts the outcome of every check a row names, and its score. */
export function assertCase({ post, options, expect: expected, score }: Case): void {
  const result = scorePost(post, options);
  for (const [id, outcome] of Object.entries(expected) as [RubricCheckId, NonNullable<Expect[RubricCheckId]>][]) {
    const c = check(result, id);
    if (outcome === 'n/a') expect({ id, applicable: c.applicable }).toEqual({ id, applicable: false });
    else if (outcome.length === 1) expect({ id, applicable: c.applicable, passed: c.passed }).toEqual({ id, applicable: true, passed: outcome[0] });
    else expect({ id, applicable: c.applicable, passed: c.passed, evidence: c.evidence }).toEqual({ id, applicable: true, passed: outcome[0], evidence: outcome[1] });
  }
  if (typeof score === 'number') expect(result.score).toBe(score);
  else if (score) {
    expect(result.score).toBeGreaterThanOrEqual(score[0]);
    expect(result.score).toBeLessThanOrEqual(score[1]);
  }
}

/** A test that a scorer made once per options (and its cache) rates every row exactly as scorePost does. */
export function scorerAgrees(cases: readonly Case[]): void {
  it('a scorer made once per options rates every row as scorePost does, twice over', () => {
    const byOptions = new Map<string, (post: RubricPost) => RubricResult>();
    for (const { post, options } of [...cases, ...cases]) {
      const key = JSON.stringify(options ?? {});
      if (!byOptions.has(key)) byOptions.set(key, postScorer(options));
      expect(byOptions.get(key)!(post)).toEqual(scorePost(post, options));
    }
  });
}
