import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPolling, type Visibility } from '../../client/src/status/poll';
import { publicUpdates } from '../../client/src/status/StatusPageView';

/** A page whose visibility the test switches. */
function fakeVisibility(hidden = false): Visibility & { set(hidden: boolean): void } {
  const listeners = new Set<() => void>();
  return {
    hidden: () => hidden,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      hidden = next;
      for (const listener of listeners) listener();
    },
  };
}

/** Lets the poller's promise callbacks run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('status page polling', () => {
  it('asks at once, then every interval after each answer', async () => {
    const load = vi.fn(async () => ({ status: 'running' }));
    const results: unknown[] = [];
    const stop = startPolling({ load, onResult: (r) => results.push(r), onError: () => {}, interval: 5000, visibility: fakeVisibility() });
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(4999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(4);
    expect(results).toHaveLength(4);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('pauses while the tab is hidden and asks at once when it is shown again', async () => {
    const load = vi.fn(async () => 'ok');
    const page = fakeVisibility();
    const stop = startPolling({ load, onResult: () => {}, onError: () => {}, interval: 5000, visibility: page });
    await settle();
    page.set(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(1);
    page.set(false);
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(load).toHaveBeenCalledTimes(3);
    stop();
  });

  it('does not start while hidden', async () => {
    const load = vi.fn(async () => 'ok');
    const page = fakeVisibility(true);
    const stop = startPolling({ load, onResult: () => {}, onError: () => {}, interval: 5000, visibility: page });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(load).not.toHaveBeenCalled();
    page.set(false);
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    stop();
  });

  it('keeps one request at a time: showing the tab during a slow answer does not add a second', async () => {
    let answer: (value: string) => void = () => {};
    const load = vi.fn(() => new Promise<string>((resolve) => { answer = resolve; }));
    const page = fakeVisibility();
    const stop = startPolling({ load, onResult: () => {}, onError: () => {}, interval: 5000, visibility: page });
    page.set(true);
    page.set(false);
    await settle();
    expect(load).toHaveBeenCalledTimes(1);
    answer('late');
    await settle();
    await vi.advanceTimersByTimeAsync(5000);
    expect(load).toHaveBeenCalledTimes(2);
    stop();
  });

  it('stops once the answer says nothing more can change, and after a fatal error; retries other errors', async () => {
    const ended = vi.fn(async () => ({ status: 'ended' }));
    const stopEnded = startPolling({ load: ended, onResult: () => {}, onError: () => {}, done: (r) => r.status === 'ended', interval: 5000, visibility: fakeVisibility() });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(ended).toHaveBeenCalledTimes(1);
    stopEnded();

    const errors: unknown[] = [];
    let calls = 0;
    const flaky = vi.fn(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      if (calls === 2) return 'back';
      throw new Error('gone');
    });
    const stop = startPolling({
      load: flaky, onResult: () => {}, onError: (e) => errors.push((e as Error).message),
      fatal: (e) => (e as Error).message === 'gone', interval: 5000, visibility: fakeVisibility(),
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(flaky).toHaveBeenCalledTimes(3);
    expect(errors).toEqual(['offline', 'gone']);
    stop();
  });
});

describe('public status updates', () => {
  it('become the status page view’s updates, in the server’s order (newest first)', () => {
    expect(publicUpdates({
      title: 'Service status', status: 'running', declared: {},
      updates: [{ seq: 9, t: 120_000, phase: 'monitoring', text: 'Better' }, { seq: 4, t: 60_000, phase: 'investigating', text: 'Broken' }],
    })).toEqual([
      { key: 9, phase: 'monitoring', text: 'Better', t: 120_000 },
      { key: 4, phase: 'investigating', text: 'Broken', t: 60_000 },
    ]);
  });
});
