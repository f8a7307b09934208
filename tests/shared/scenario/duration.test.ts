import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatMinutes, isDuration, parseDuration } from '../../../shared/duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('durations as scenario authors write them', () => {
  it.each([
    ['0s', 0],
    ['45s', 45 * S],
    ['90s', 90 * S],
    ['5m', 5 * M],
    ['1h', H],
    ['1h30m', H + 30 * M],
    ['2h5m10s', 2 * H + 5 * M + 10 * S],
    ['1m30s', 90 * S],
    ['250ms', 250],
    ['1s500ms', 1500],
    [' 5m ', 5 * M],
  ])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
    expect(isDuration(text)).toBe(true);
  });

  it.each(['', ' ', '5', '5 minutes', '5min', '1.5h', '-5m', '30m1h', '5m5m', 'm', '5M', '1h 30m', 'PT5M'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(isDuration(text)).toBe(false);
  });

  it.each([
    [0, '0s'],
    [45 * S, '45s'],
    [90 * S, '1m30s'],
    [5 * M, '5m'],
    [H + 30 * M, '1h30m'],
    [2 * H, '2h'],
    [1500, '1s500ms'],
  ])('%i ms is written %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('formats every duration so that it parses back to the same value', () => {
    for (const ms of [0, 1, 999, 1000, 59 * S, 61 * S, 59 * M + 59 * S, 3 * H + 7 * M + 1, 25 * H]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });

  it('shows drill time as a stopwatch and in minutes', () => {
    expect(formatClock(0)).toBe('T+00:00');
    expect(formatClock(12 * M + 5 * S + 999)).toBe('T+12:05');
    expect(formatClock(H + 2 * M + 3 * S)).toBe('T+1:02:03');
    expect(formatClock(-5 * S)).toBe('T+00:00');
    expect(formatMinutes(14 * M)).toBe('14 min');
    expect(formatMinutes(90 * S)).toBe('1.5 min');
  });
});

describe('the 24-hour cap (issue 16, defect 8)', () => {
  it('refuses a scenario whose duration, or any delay in it, is longer than 24h', async () => {
    const { edit, problemsOf } = await import('./helpers');
    expect(problemsOf(edit('duration: 30m', 'duration: 24h'))).toEqual([]);
    expect(problemsOf(edit('duration: 30m', 'duration: 24h1s'))).toEqual(['6:11: duration: is longer than 24h, the longest a drill or a delay in it may be']);
    expect(problemsOf(edit('duration: 30m', 'duration: 600h'))[0]).toMatch(/longer than 24h/);
    expect(problemsOf(edit('responds: 4m', 'responds: 9999h'))[0]).toMatch(/longer than 24h/);
    expect(problemsOf(edit('in: 10m', 'in: 25h'))[0]).toMatch(/longer than 24h/);
  });
});
