/**
 * The evaluator decides: `score.override` events from the log, applied to the scorecard. The latest override
 * of a target (an objective or default measure by id, or one rubric check of one post) wins; a `null` value
 * returns the target to its automatic value. The scorecard keeps the automatic value next to the override,
 * with who made it, when and why. Linear in the number of overrides.
 */
import type { OverrideTarget } from '../drill/commands';
import type { Override } from '../drill/state';
import { actorName, since, type DrillHistory } from './history';
import { RATING_POINTS } from './ratings';
import type { Evaluation, OverrideRecord, Rated } from './types';

const keyOf = (target: OverrideTarget): string => ('objective' in target ? `objective:${target.objective}` : `post:${target.post}:${target.check}`);

/** The overrides in force, by target; records which ones found their target. */
export class Overrides {
  private readonly latest = new Map<string, Override>();
  private readonly applied = new Set<string>();

  constructor(private readonly history: DrillHistory) {
    for (const o of history.state.overrides) this.latest.set(keyOf(o.target), o);
  }

  /** Whether any override is in force (a drill without overrides skips the work). */
  get any(): boolean {
    return this.latest.size > 0;
  }

  /** `rated` with the evaluator's rating for objective (or default measure) `id`, if one is in force. */
  rate<T extends Rated>(id: string, rated: T): T {
    const key = `objective:${id}`;
    const o = this.latest.get(key);
    if (!o || !o.value || !('rating' in o.value)) return rated;
    this.applied.add(key);
    const rating = o.value.rating;
    return {
      ...rated, rating, points: rating === 'N/A' ? null : RATING_POINTS[rating],
      override: { ...this.evaluation(o), automatic: rated.rating, rating },
    };
  }

  /** The evaluator's verdict on check `check` of post `seq`, if one is in force. */
  check(seq: number, check: string): (Evaluation & { passed: boolean }) | undefined {
    const key = `post:${seq}:${check}`;
    const o = this.latest.get(key);
    if (!o || !o.value || !('passed' in o.value)) return undefined;
    this.applied.add(key);
    return { ...this.evaluation(o), passed: o.value.passed };
  }

  /** Every override event, with what became of it. Call after everything was rated. */
  records(): OverrideRecord[] {
    return this.history.state.overrides.map((o): OverrideRecord => {
      const key = keyOf(o.target);
      const status = this.latest.get(key) !== o ? 'superseded' : o.value === null ? 'cleared' : this.applied.has(key) ? 'applied' : 'no-target';
      return { seq: o.seq, at: since(this.history, o.t), by: actorName(this.history.state, o.by), target: o.target, value: o.value, note: o.note, status };
    });
  }

  private evaluation(o: Override): Evaluation {
    return { seq: o.seq, at: since(this.history, o.t), by: actorName(this.history.state, o.by), note: o.note };
  }
}
