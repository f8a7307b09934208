import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, realClock } from '../../server/clock';

/** Timer functions that record what they were asked and fire only when told. */
function fakeTimers() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void; ms: number }>();
  let next = 1;
  return {
    asked: [] as number[],
    now: () => now,
    setTimeout(fn: () => void, ms: number) {
      this.asked.push(ms);
      timers.set(next, { at: now + ms, fn, ms });
      return next++;
    },
    clearTimeout(handle: unknown) {
      timers.delete(handle as number);
    },
    /** Moves time on, firing due timers in order. */
    advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= target).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = target;
    },
  };
}

describe('the real clock (issue 16, defect 8)', () => {
  it('never hands Node a delay of 2^31 ms or more (it would fire after 1 ms and spin): long waits are chained', () => {
    const timers = fakeTimers();
    const clock = realClock(timers, () => timers.now());
    let fired = 0;
    clock.setTimeout(() => fired++, 2 ** 31 + 5000);
    clock.setTimeout(() => fired++, 40 * 24 * 3_600_000);
    expect(Math.max(...timers.asked)).toBeLessThanOrEqual(MAX_TIMER_MS);
    timers.advance(MAX_TIMER_MS);
    expect(fired).toBe(0);
    timers.advance(5001);
    expect(fired).toBe(1);
    timers.advance(40 * 24 * 3_600_000);
    expect(fired).toBe(2);
    expect(Math.max(...timers.asked)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('clears a chained timer at any step, and treats a negative or infinite delay sanely', () => {
    const timers = fakeTimers();
    const clock = realClock(timers, () => timers.now());
    let fired = 0;
    const handle = clock.setTimeout(() => fired++, 2 ** 32);
    timers.advance(MAX_TIMER_MS + 1);
    clock.clearTimeout(handle);
    timers.advance(2 ** 32);
    expect(fired).toBe(0);
    clock.setTimeout(() => fired++, -5);
    expect(timers.asked.at(-1)).toBe(0);
    clock.setTimeout(() => fired++, Infinity);
    expect(timers.asked.at(-1)).toBe(MAX_TIMER_MS);
  });
});
