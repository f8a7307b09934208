import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import type { DrillEvent } from '../../../shared/drill/events';
import { formatClock } from '../../../shared/duration';
import { formatStoryTime, type StoryStart } from '../../../shared/story-time';
import { stampOf } from '../drill/story-clock';
import { at, keyTarget, SPEEDS, type Playhead, type Speed } from './playback';

/**
 * The replay's timeline: a range over the log's events (0 is before the first), play / pause and the speed, and
 * the moment in story time and drill time. Keys on the range: arrows one event, PageUp / PageDown a minute,
 * Home / End the ends; they are handled here so that every browser moves by the same steps.
 */
export function Scrubber({ events, playhead, onMove, playing, onPlay, speed, onSpeed, start, autoFocus = false }: {
  events: readonly DrillEvent[];
  playhead: Playhead;
  onMove: (to: Playhead) => void;
  playing: boolean;
  onPlay: (play: boolean) => void;
  speed: Speed;
  onSpeed: (speed: Speed) => void;
  start?: StoryStart;
  /** Focus the range when the page opens (it was opened at a linked moment: the keys go on from there). */
  autoFocus?: boolean;
}) {
  const id = useId();
  const range = useRef<HTMLInputElement>(null);
  const focusOnce = useRef(autoFocus);
  useEffect(() => {
    if (focusOnce.current) range.current?.focus();
    focusOnce.current = false;
  }, []);
  const last = events.at(-1)?.seq ?? 0;
  const story = formatStoryTime(start, playhead.t);
  const where = playhead.seq === 0 ? 'Before the first event' : `Event ${playhead.seq} of ${last}`;
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const to = keyTarget(event.key, events, playhead);
    if (!to) return;
    event.preventDefault();
    onPlay(false);
    onMove(to);
  };
  return (
    <div className="scrubber">
      <div className="scrub-controls">
        <button type="button" className="btn btn-primary scrub-play" onClick={() => onPlay(!playing)} disabled={last === 0} aria-describedby={`${id}-where`}>
          {playing ? 'Pause' : playhead.seq >= last && last > 0 ? 'Play from the start' : 'Play'}
        </button>
        <div className="segmented" role="group" aria-label="Replay speed">
          {SPEEDS.map((s) => (
            <button key={s} type="button" className={`seg${s === speed ? ' selected' : ''}`} aria-pressed={s === speed} onClick={() => onSpeed(s)}>
              ×{s}
            </button>
          ))}
        </div>
        <p className="scrub-time" aria-live={playing ? 'off' : 'polite'}>
          {story ? <strong className="scrub-story tabular" data-testid="replay-story-time">{story}</strong> : null}
          <span className={`tabular ${story ? 'muted' : 'scrub-story'}`} data-testid="replay-drill-time">{formatClock(playhead.t)}</span>
          <span className="small muted" id={`${id}-where`} data-testid="replay-position">{where}</span>
        </p>
      </div>
      <label className="sr-only" htmlFor={`${id}-range`}>Moment in the drill</label>
      <input ref={range} id={`${id}-range`} type="range" className="scrub-range" min={0} max={last} step={1} value={playhead.seq}
        aria-valuetext={`${where}, ${stampOf(start, playhead.t)}`} aria-describedby={`${id}-keys`} data-testid="replay-scrubber"
        onChange={(e) => { onPlay(false); onMove(at(events, Number(e.target.value))); }} onKeyDown={onKey} />
      <p className="small muted scrub-keys" id={`${id}-keys`}>
        <kbd>←</kbd> <kbd>→</kbd> one event · <kbd>PgUp</kbd> <kbd>PgDn</kbd> a minute · <kbd>Home</kbd> <kbd>End</kbd> start and end
      </p>
    </div>
  );
}
