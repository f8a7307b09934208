import { useMemo } from 'react';
import type { Override } from '../../../shared/drill/state';
import type { ObjectiveResult, RatingOrNA, ScoredPost } from '../../../shared/scoring/types';
import { actorName } from '../drill/names';
import { canEvaluate, fromState, standingOverrides, targetKey, type ShownOverride } from '../evaluate/overrides';
import { useMaybeSession } from '../session/DrillSession';

/** What this reader of the scorecard may do with overrides, and those that stand in the live drill (staff). */
export interface Evaluation {
  /** The page reads the live drill as staff (facilitator or observer): their state has every override. */
  staff: boolean;
  editable: boolean;
  overrides: Map<string, Override>;
  byName: (by: Override['by']) => string;
}

/** The evaluator's powers and the standing overrides, from the drill's socket when the page has one. */
export function useEvaluation(): Evaluation {
  const view = useMaybeSession()?.view;
  const list = view?.state.overrides;
  const participants = view?.state.participants;
  return useMemo(() => ({
    staff: !!view && view.identity.kind !== 'participant',
    editable: canEvaluate(view),
    overrides: standingOverrides(list ?? []),
    byName: (by: Override['by']) => actorName({ participants: participants ?? {} }, by),
  }), [view, list, participants]);
}

/**
 * The override fields of the scorecard JSON, where the scoring code writes them (`override` on an objective and
 * on a rubric check, with the automatic value it replaced). Read structurally, so the page works with scorecards
 * written before and after overrides were scored.
 */
interface CardOverride { seq: number; at: number; by: string; note: string; automatic: RatingOrNA | boolean; rating?: RatingOrNA; passed?: boolean }
const cardOverride = (item: object): CardOverride | undefined => ((item as { override?: CardOverride | null }).override ?? undefined);

function fromCard(o: CardOverride | undefined): ShownOverride | undefined {
  if (!o) return undefined;
  const value = o.rating ?? o.passed;
  return value === undefined ? undefined : { seq: o.seq, at: o.at, by: o.by, note: o.note, automatic: o.automatic, value };
}

/**
 * An objective as it stands: the rating in force (the evaluator's when overridden) and the override shown next to
 * the automatic one. The scorecard's own `override` wins; the live drill state fills in while scoring has not
 * caught up (a socket event arrives before the page has scored again).
 */
export function objectiveView(o: ObjectiveResult, evaluation: Evaluation): { rating: RatingOrNA; automatic: RatingOrNA; override?: ShownOverride } {
  const card = fromCard(cardOverride(o));
  const automatic = (card?.automatic as RatingOrNA | undefined) ?? o.rating;
  const live = fromState(evaluation.overrides.get(targetKey({ objective: o.id })), automatic, evaluation.byName);
  const override = newer(card, live, evaluation);
  return { rating: override ? (override.value as RatingOrNA) : automatic, automatic, override };
}

/** A rubric check as it stands: passed or not (the evaluator's word when overridden), and the override. */
export function checkView(post: ScoredPost, check: ScoredPost['checks'][number], evaluation: Evaluation): { passed: boolean; automatic: boolean; override?: ShownOverride } {
  const card = fromCard(cardOverride(check));
  const automatic = (card?.automatic as boolean | undefined) ?? check.passed;
  const key = targetKey({ post: post.seq, check: check.id });
  const live = fromState(evaluation.overrides.get(key), automatic, evaluation.byName);
  const override = newer(card, live, evaluation);
  return { passed: override ? (override.value as boolean) : automatic, automatic, override };
}

/**
 * Staff read the live drill state, which knows of overrides (and clears) the last scoring may not have seen yet: it
 * decides for them. Readers without it (participants after the end) see what the scorecard says.
 */
function newer(card: ShownOverride | undefined, live: ShownOverride | undefined, evaluation: Evaluation): ShownOverride | undefined {
  return evaluation.staff ? live : card;
}
