import { describe, expect, it } from 'vitest';
import {
  formatStoryTime, isStartsAt, nextUpdateBy, nextUpdateSuggestions, parseStartsAt, storyMoment, storyStamp, storyStartOf,
} from '../../shared/story-time';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

describe('parseStartsAt', () => {
  it.each([
    ['18:40', { minutes: 18 * 60 + 40 }],
    ['9:05', { minutes: 9 * 60 + 5 }],
    ['00:00', { minutes: 0 }],
    ['23:59', { minutes: 23 * 60 + 59 }],
    ['Fri 18:40', { minutes: 18 * 60 + 40, weekday: 4 }],
    ['Friday 18:40', { minutes: 18 * 60 + 40, weekday: 4 }],
    ['mon 02:00', { minutes: 120, weekday: 0 }],
    ['SUNDAY 23:30', { minutes: 23 * 60 + 30, weekday: 6 }],
    ['  Sat   07:15  ', { minutes: 7 * 60 + 15, weekday: 5 }],
  ])('reads %j', (text, start) => {
    expect(parseStartsAt(text)).toEqual(start);
    expect(isStartsAt(text)).toBe(true);
  });

  it.each(['', '18', '1840', '18:4', '18:400', '24:00', '18:60', '6pm', '18:40 Fri', 'Fr 18:40', 'Funday 18:40', 'Fri18:40', '18.40', 'T+12:10'])(
    'refuses %j',
    (text) => {
      expect(parseStartsAt(text)).toBeUndefined();
      expect(isStartsAt(text)).toBe(false);
    },
  );

  it('reads a scenario\'s optional value', () => {
    expect(storyStartOf(undefined)).toBeUndefined();
    expect(storyStartOf('Fri 18:40')).toEqual({ minutes: 1120, weekday: 4 });
  });
});

describe('story time of a drill time', () => {
  const friday = parseStartsAt('Fri 18:40')!;
  const plain = parseStartsAt('18:40')!;

  it('adds drill time to the start and drops the seconds', () => {
    expect(formatStoryTime(plain, 0)).toBe('18:40');
    expect(formatStoryTime(plain, 12 * MIN + 10 * SEC)).toBe('18:52');
    expect(formatStoryTime(plain, 12 * MIN + 59 * SEC + 999)).toBe('18:52');
    expect(formatStoryTime(plain, 80 * MIN)).toBe('20:00');
  });

  it('rolls over midnight into the next day, naming the weekday when the scenario gives one', () => {
    expect(storyMoment(friday, 5 * HOUR + 32 * MIN)).toEqual({ day: 1, weekday: 5, hours: 0, minutes: 12 });
    expect(formatStoryTime(friday, 5 * HOUR + 20 * MIN - 1)).toBe('23:59');
    expect(formatStoryTime(friday, 5 * HOUR + 20 * MIN)).toBe('Sat 00:00');
    expect(formatStoryTime(friday, 5 * HOUR + 32 * MIN)).toBe('Sat 00:12');
    expect(formatStoryTime(plain, 5 * HOUR + 32 * MIN)).toBe('00:12 +1d');
    expect(formatStoryTime(plain, 29 * HOUR + 32 * MIN)).toBe('00:12 +2d');
  });

  it('wraps the week: Sunday night runs into Monday', () => {
    const sunday = parseStartsAt('Sun 23:50')!;
    expect(formatStoryTime(sunday, 15 * MIN)).toBe('Mon 00:05');
    expect(formatStoryTime(sunday, 7 * 24 * HOUR + 15 * MIN)).toBe('Mon 00:05');
  });

  it('shows the weekday on the first day only when asked', () => {
    expect(formatStoryTime(friday, 12 * MIN)).toBe('18:52');
    expect(formatStoryTime(friday, 12 * MIN, { day: 'always' })).toBe('Fri 18:52');
    expect(formatStoryTime(plain, 12 * MIN, { day: 'always' })).toBe('18:52');
  });

  it('is undefined without a starts-at', () => {
    expect(formatStoryTime(undefined, 12 * MIN)).toBeUndefined();
  });

  it('never goes before the start', () => {
    expect(formatStoryTime(plain, -5 * MIN)).toBe('18:40');
  });
});

describe('storyStamp', () => {
  it('puts story time next to the drill clock', () => {
    expect(storyStamp(parseStartsAt('18:40'), 12 * MIN + 10 * SEC)).toBe('18:52 · T+12:10');
    expect(storyStamp(parseStartsAt('Fri 23:50'), 22 * MIN)).toBe('Sat 00:12 · T+22:00');
    expect(storyStamp(parseStartsAt('Fri 18:40'), 0, { day: 'always' })).toBe('Fri 18:40 · T+00:00');
    expect(storyStamp(parseStartsAt('18:40'), HOUR + 2 * MIN + 3 * SEC)).toBe('19:42 · T+1:02:03');
  });

  it('is the plain drill clock without a starts-at', () => {
    expect(storyStamp(undefined, 12 * MIN + 10 * SEC)).toBe('T+12:10');
  });
});

describe('next update by', () => {
  const start = parseStartsAt('18:40')!;

  it('is the first five-minute mark at least the interval ahead', () => {
    // 18:52:10 + 15 min = 19:07:10 → 19:10
    expect(nextUpdateBy(start, 12 * MIN + 10 * SEC, 15 * MIN)).toEqual({ t: 30 * MIN, label: '19:10', interval: 15 * MIN });
    // Exactly on a mark stays there: 18:55 + 15 = 19:10.
    expect(nextUpdateBy(start, 15 * MIN, 15 * MIN)).toMatchObject({ t: 30 * MIN, label: '19:10' });
    // One second past a mark goes to the next one.
    expect(nextUpdateBy(start, 15 * MIN + SEC, 15 * MIN)).toMatchObject({ label: '19:15' });
  });

  it('rounds the story clock, not the drill clock (a start off the mark)', () => {
    const odd = parseStartsAt('18:42')!;
    // 18:42 + 10 min + 30 = 19:22 → 19:25, which is drill time 43 min.
    expect(nextUpdateBy(odd, 10 * MIN, 30 * MIN)).toEqual({ t: 43 * MIN, label: '19:25', interval: 30 * MIN });
  });

  it('crosses midnight', () => {
    expect(nextUpdateBy(parseStartsAt('Fri 23:40'), 10 * MIN, 30 * MIN)).toMatchObject({ label: 'Sat 00:20' });
    expect(nextUpdateBy(parseStartsAt('23:40'), 10 * MIN, 30 * MIN)).toMatchObject({ label: '00:20 +1d' });
  });

  it('rounds the drill clock without a starts-at', () => {
    expect(nextUpdateBy(undefined, 12 * MIN + 10 * SEC, 15 * MIN)).toEqual({ t: 30 * MIN, label: 'T+30:00', interval: 15 * MIN });
  });

  it('offers 15, 30 and 60 minutes by default', () => {
    expect(nextUpdateSuggestions(start, 12 * MIN).map((s) => s.label)).toEqual(['19:10', '19:25', '19:55']);
    expect(nextUpdateSuggestions(start, 12 * MIN, [20 * MIN]).map((s) => s.label)).toEqual(['19:15']);
  });
});
