import { formatClock } from '../../../shared/duration';
import { formatStoryTime, type StoryStart } from '../../../shared/story-time';

/**
 * When something happened, as people read it: the story's time of day first and the drill clock after it,
 * "18:52 · T+12:10" (plain "T+12:10" when the scenario has no `starts-at`). `stacked` puts the two on two
 * lines for narrow columns (the console's log); the words are the same for a screen reader.
 */
export function Stamp({ t, start, stacked = false, className }: { t: number; start: StoryStart | undefined; stacked?: boolean; className?: string }) {
  const story = formatStoryTime(start, t);
  const clock = formatClock(t);
  const cls = `stamp tabular${stacked ? ' stacked' : ''}${className ? ` ${className}` : ''}`;
  if (!story) return <time className={cls}>{clock}</time>;
  return (
    <time className={cls}>
      <span className="stamp-story">{story}</span>
      <span className="stamp-sep">{stacked ? <span className="sr-only"> · </span> : ' · '}</span>
      <span className="stamp-clock">{clock}</span>
    </time>
  );
}
