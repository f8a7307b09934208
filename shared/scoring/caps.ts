/**
 * Critical failures: a weighted mean lets a team buy back a failure that matters with speed elsewhere, and a
 * lead who shows leadership a good overall score for such a drill is embarrassed in the debrief. So two
 * failures hold the overall score at the points of an M rating (40) at most, whatever the rest scored:
 *
 * - an all-clear that came too early stood to the end (declared before the story reached a `fixed` state of
 *   its level, never retracted), unless an evaluator overrode every rating of that declaration;
 * - communication quality scored under 40: what customers read blamed, misled, promised what nobody could know,
 *   said nothing of substance, or there was nothing at all.
 */
import { formatMinutes } from '../duration';
import { standingPremature, whatHadNotHappened } from './declarations';
import type { ScoringContext } from './objectives';
import { RATING_POINTS } from './ratings';
import type { RubricCheckId } from './rubric';
import type { DimensionScore, Finding, ObjectiveResult, OverallCap } from './types';

/** The most the overall score can be while a critical failure stands: the points of an M rating. */
export const CAP_LIMIT = RATING_POINTS.M;

/** What a status post did wrong, for the quality failure's sentence; in order of gravity. */
const WRONG: [RubricCheckId, string][] = [
  ['no-blame', 'pointed at a third party'],
  ['no-person-blame', 'blamed a person'],
  ['facts', 'said what was not true'],
  ['no-false-reassurance', 'reassured without grounds'],
  ['no-over-promise', 'promised what nobody could know yet'],
  ['plain-writing', 'read as fragments or cue words'],
];

/** The cap on the overall score, or `null` when no critical failure stands. */
export function capOf(ctx: ScoringContext, objectives: ObjectiveResult[], dimensions: DimensionScore[], weighted: number): OverallCap | null {
  const reasons = [...prematureFailures(ctx, objectives, dimensions), ...qualityFailures(ctx, dimensions)];
  return reasons.length ? { limit: CAP_LIMIT, uncapped: Math.round(weighted), reasons } : null;
}

function prematureFailures({ history }: ScoringContext, objectives: ObjectiveResult[], dimensions: DimensionScore[]): Finding[] {
  const resolution = dimensions.find((d) => d.id === 'resolution');
  return standingPremature(history).flatMap((p): Finding[] => {
    const measuring = [
      ...history.scenario.objectives.filter((o) => o.measure.kind === 'declared' && o.measure.status === p.status)
        .map((o) => objectives.find((r) => r.id === o.id)).filter((r) => r !== undefined),
      ...(resolution?.defaults ?? []).filter((d) => d.id === p.status),
    ];
    // The evaluator judged the declaration: their ratings stand, and so does their judgement of it.
    if (measuring.length > 0 && measuring.every((m) => m.override)) return [];
    return [{
      id: `critical:premature-${p.status}`,
      text: `Critical: an all-clear that came too early stood to the end. The incident was declared ${p.status} at ${formatMinutes(p.t - history.startT)}, but ${whatHadNotHappened(history, p.status)}, and the declaration was never retracted. The overall score is held at ${CAP_LIMIT} or below.`,
      dimension: 'resolution', objective: measuring[0] && 'kind' in measuring[0] ? measuring[0].id : null, rating: 'U', evidence: [p.seq],
    }];
  });
}

function qualityFailures({ posts }: ScoringContext, dimensions: DimensionScore[]): Finding[] {
  const quality = dimensions.find((d) => d.id === 'quality');
  if (!quality || quality.score === null || quality.score >= CAP_LIMIT) return [];
  const status = posts.filter((p) => p.channel === 'status-page');
  const failed = (id: RubricCheckId) => status.filter((p) => p.checks.some((c) => c.id === id && c.applicable && !c.passed)).length;
  const empty = status.filter((p) => !p.checks.some((c) => (c.id === 'impact' || c.id === 'action') && c.applicable && c.passed)).length;
  const what = [
    ...WRONG.filter(([id]) => failed(id) > 0).map(([, words]) => words),
    ...(empty ? ['said neither what customers experience nor what the team was doing'] : []),
  ];
  const why = status.length === 0 ? 'customers heard nothing: the status page was never updated'
    : `the status-page updates ${what.length ? what.join('; ') : 'fell far short of the rubric'}`;
  return [{
    id: 'critical:quality',
    text: `Critical: communication quality scored ${quality.score}/100 — ${why}. The overall score is held at ${CAP_LIMIT} or below.`,
    dimension: 'quality', objective: null, rating: 'U', evidence: status.map((p) => p.seq),
  }];
}
