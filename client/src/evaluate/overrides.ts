import type { OverrideTarget } from '../../../shared/drill/commands';
import type { Override } from '../../../shared/drill/state';
import type { DrillView } from '../../../shared/protocol/messages';
import type { RatingOrNA } from '../../../shared/scoring/types';

/** The key of what an override is about: one objective, or one rubric check of one post. */
export function targetKey(target: OverrideTarget): string {
  return 'objective' in target ? `objective:${target.objective}` : `post:${target.post}:${target.check}`;
}

/**
 * The override that stands for each target: the latest one, unless the latest cleared it (`value: null`).
 * Overrides are log events and never rewritten, so this reads the whole list in order.
 */
export function standingOverrides(overrides: readonly Override[]): Map<string, Override> {
  const out = new Map<string, Override>();
  for (const o of overrides) {
    const key = targetKey(o.target);
    if (o.value === null) out.delete(key);
    else out.set(key, o);
  }
  return out;
}

/** Whether this viewer may override scores now: the facilitator always, an observer while the facilitator allows it. */
export function canEvaluate(view: Pick<DrillView, 'identity' | 'state'> | undefined): boolean {
  if (!view) return false;
  if (view.identity.kind === 'facilitator') return true;
  return view.identity.kind === 'observer' && view.state.evaluators.observers;
}

/** An override's value in words: "P", "N/A", "passed", "missed". */
export function overrideValueText(override: Pick<Override, 'value'>): string {
  const { value } = override;
  if (value === null) return 'cleared';
  return 'rating' in value ? value.rating : value.passed ? 'passed' : 'missed';
}

/**
 * An override as the pages show it, whether it comes from the live drill state (staff) or from the scorecard
 * JSON (`override` on objectives and checks): the automatic value, the evaluator's, the note, who and when.
 */
export interface ShownOverride {
  seq: number;
  /** Drill time (ms) of the override. */
  at: number;
  by: string;
  note: string;
  automatic: RatingOrNA | boolean;
  value: RatingOrNA | boolean;
}

/** The standing override of `target` from the drill state, with the automatic value it replaces. */
export function fromState(override: Override | undefined, automatic: RatingOrNA | boolean, byName: (by: Override['by']) => string): ShownOverride | undefined {
  if (!override?.value) return undefined;
  const value = 'rating' in override.value ? override.value.rating : override.value.passed;
  return { seq: override.seq, at: override.t, by: byName(override.by), note: override.note, automatic, value };
}
