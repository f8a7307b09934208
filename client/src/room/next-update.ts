import { nextUpdateSuggestions, type StoryStart } from '../../../shared/story-time';

/** One "next update" sentence the status composer offers. */
export interface NextUpdateSuggestion { sentence: string; label: string }

/**
 * "Next update by 19:10." for each interval (15, 30, 60 minutes), from the story clock: the first time at least
 * that far ahead on a five-minute mark (shared/story-time.ts). A scenario without a story start has no time of day
 * customers could read, so it offers "Next update in 30 minutes." instead of a drill-clock time.
 */
export function nextUpdateOptions(start: StoryStart | undefined, now: number): NextUpdateSuggestion[] {
  if (!start) {
    return [15, 30, 60].map((m) => ({ sentence: `Next update in ${m === 60 ? 'an hour' : `${m} minutes`}.`, label: `in ${m === 60 ? '1 hour' : `${m} min`}` }));
  }
  const seen = new Set<string>();
  return nextUpdateSuggestions(start, now)
    .filter((s) => !seen.has(s.label) && seen.add(s.label))
    .map((s) => ({ sentence: `Next update by ${s.label}.`, label: `by ${s.label}` }));
}

/** A sentence that already promises the next update ("Next update in 30 minutes", "next update at 19:00."). */
const NEXT_UPDATE = /\bnext update (?:by|at|in|around|before|within|no later than)\b[^.!?\n]*[.!?]?/i;

/**
 * The draft with the suggested sentence in it: it replaces a "next update …" sentence the draft already has
 * (the time moved on since it was written), otherwise it is added at the end.
 */
export function withNextUpdate(draft: string, sentence: string): string {
  if (NEXT_UPDATE.test(draft)) return draft.replace(NEXT_UPDATE, sentence);
  const text = draft.trimEnd();
  if (!text) return sentence;
  return `${text}${/[.!?]$/.test(text) ? ' ' : '. '}${sentence}`;
}
