import { useMemo } from 'react';
import { formatClock } from '../../../shared/duration';
import { formatStoryTime, storyStamp, storyStartOf, type StoryStart, type StoryTimeOptions } from '../../../shared/story-time';
import { useMaybeSession } from '../session/DrillSession';

export type { StoryStart } from '../../../shared/story-time';

/**
 * The story clock of the drill this page is in (the scenario's `starts-at`), or undefined when the scenario has
 * none or the view has not arrived. Every time a person reads goes through it, so "18:52 · T+12:10" is the same
 * everywhere (shared/story-time.ts).
 */
export function useStoryStart(): StoryStart | undefined {
  const startsAt = useMaybeSession()?.view?.scenario.startsAt;
  return useMemo(() => storyStartOf(startsAt), [startsAt]);
}

/** "18:52 · T+12:10", or "T+12:10" without a story start. */
export function stampOf(start: StoryStart | undefined, t: number, options?: StoryTimeOptions): string {
  return storyStamp(start, t, options);
}

/**
 * A time as customers read it on a status page: story time alone ("18:52", "Sat 00:12" after midnight), or the
 * drill clock when the scenario has no story start.
 */
export function publicTime(start: StoryStart | undefined, t: number): string {
  return formatStoryTime(start, t) ?? formatClock(t);
}
