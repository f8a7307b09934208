import { formatClock } from './duration';

/**
 * Story time: the wall clock of the scenario's world. A scenario may say when its story starts (`starts-at:
 * "Fri 18:40"`); drill time `t` (ms since the drill started, paused time left out) is then also a time of day
 * the team can read ("18:52") and use in status updates ("next update by 19:10"). Pure functions, no clock:
 * the same `t` always gives the same words.
 */

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** When the story starts: minutes after midnight, and the weekday (0 = Monday) when the scenario names one. */
export interface StoryStart {
  minutes: number;
  weekday?: number;
}

/** A story time of day: which day of the story (0 = the day it starts), and the time on that day. */
export interface StoryMoment {
  day: number;
  /** 0–6 (Monday first), when the scenario names the starting weekday. */
  weekday?: number;
  hours: number;
  minutes: number;
}

const STARTS_AT = /^(?:([A-Za-z]+)\s+)?(\d{1,2}):(\d{2})$/;

/** The weekday a word names: "Fri", "friday", "FRI" → 4; anything else → undefined. */
function weekdayOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  const index = WEEKDAYS.findIndex((day) => day.toLowerCase() === lower || day.slice(0, 3).toLowerCase() === lower);
  return index >= 0 ? index : undefined;
}

/**
 * Reads a `starts-at` value: `"HH:MM"` (24-hour clock, `"9:05"` allowed) with an optional weekday first, as a
 * three-letter abbreviation or in full (`"Fri 18:40"`, `"Friday 18:40"`). Undefined when it is not one.
 */
export function parseStartsAt(text: string): StoryStart | undefined {
  const match = STARTS_AT.exec(text.trim());
  if (!match) return undefined;
  const [, day, h, m] = match;
  const hours = Number(h);
  const minutes = Number(m);
  if (hours > 23 || minutes > 59) return undefined;
  if (day === undefined) return { minutes: hours * 60 + minutes };
  const weekday = weekdayOf(day);
  return weekday === undefined ? undefined : { minutes: hours * 60 + minutes, weekday };
}

/** True when `text` is a valid `starts-at` value. */
export function isStartsAt(text: string): boolean {
  return parseStartsAt(text) !== undefined;
}

/** The story start of a scenario's `starts-at` (undefined when it has none or it does not parse). */
export function storyStartOf(startsAt: string | undefined): StoryStart | undefined {
  return startsAt === undefined ? undefined : parseStartsAt(startsAt);
}

/** The story's time of day at drill time `t` (ms). Seconds are dropped: 18:52:59 is still 18:52. */
export function storyMoment(start: StoryStart, t: number): StoryMoment {
  const total = start.minutes + Math.floor(Math.max(0, t) / MINUTE);
  const day = Math.floor(total / DAY_MINUTES);
  const ofDay = total % DAY_MINUTES;
  return {
    day,
    ...(start.weekday !== undefined ? { weekday: (start.weekday + day) % 7 } : {}),
    hours: Math.floor(ofDay / 60),
    minutes: ofDay % 60,
  };
}

export interface StoryTimeOptions {
  /**
   * `'auto'` (default): the weekday only when the scenario names one and the time is on another day than
   * the start ("Sat 00:12"); a story without a weekday that runs past midnight says so with "+1d".
   * `'always'`: the weekday whenever the scenario names one ("Fri 18:52").
   */
  day?: 'auto' | 'always';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A story moment in words: "18:52", "Sat 00:12", "00:12 +1d". */
export function formatMoment(moment: StoryMoment, options: StoryTimeOptions = {}): string {
  const clock = `${pad(moment.hours)}:${pad(moment.minutes)}`;
  const showDay = options.day === 'always' || moment.day > 0;
  if (!showDay) return clock;
  if (moment.weekday !== undefined) return `${WEEKDAYS[moment.weekday].slice(0, 3)} ${clock}`;
  return moment.day > 0 ? `${clock} +${moment.day}d` : clock;
}

/** Drill time `t` as story time ("18:52"), or undefined when the scenario has no `starts-at`. */
export function formatStoryTime(start: StoryStart | undefined, t: number, options: StoryTimeOptions = {}): string | undefined {
  return start ? formatMoment(storyMoment(start, t), options) : undefined;
}

/** The stamp people read next to an event: `"18:52 · T+12:10"`, or plain `"T+12:10"` without a story start. */
export function storyStamp(start: StoryStart | undefined, t: number, options: StoryTimeOptions = {}): string {
  const clock = formatClock(t);
  const story = formatStoryTime(start, t, options);
  return story ? `${story} · ${clock}` : clock;
}

/** A suggested time for the next update: when it is in drill time, and how to write it for customers. */
export interface NextUpdate {
  /** Drill time (ms) of the suggested moment. */
  t: number;
  /** "19:10" (story time), or "T+30:00" when the scenario has no `starts-at`. */
  label: string;
  /** The interval it was computed for (ms). */
  interval: number;
}

const ROUND = 5 * MINUTE;

/**
 * "Next update by …" for a status post written at drill time `now`: the first clock time at least `interval`
 * ms later that falls on a five-minute mark (19:10, not 19:07), so customers read a time they can remember.
 * Without a story start the same rounding applies to the drill clock.
 */
export function nextUpdateBy(start: StoryStart | undefined, now: number, interval: number): NextUpdate {
  const offset = start ? start.minutes * MINUTE : 0;
  const earliest = offset + Math.max(0, now) + Math.max(0, interval);
  const t = Math.ceil(earliest / ROUND) * ROUND - offset;
  return { t, label: start ? formatMoment(storyMoment(start, t)) : formatClock(t), interval };
}

/** Suggestions for the status composer: one per interval (default every 15, 30 and 60 minutes). */
export function nextUpdateSuggestions(start: StoryStart | undefined, now: number, intervals: readonly number[] = [15 * MINUTE, 30 * MINUTE, 60 * MINUTE]): NextUpdate[] {
  return intervals.map((interval) => nextUpdateBy(start, now, interval));
}
