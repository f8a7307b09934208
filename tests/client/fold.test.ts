import { describe, expect, it } from 'vitest';
import { clockAfter, drillNow, foldEvent, mergeLog } from '../../client/src/session/fold';
import { ev, msg, viewAt } from './fixtures';

describe('folding pushed events', () => {
  it('applies the next event with the shared reducer', () => {
    const result = foldEvent(viewAt(3), 3, msg(ev(4, { type: 'severity.set', severity: 'SEV1' }), 3));
    expect(result.kind).toBe('applied');
    if (result.kind === 'applied') {
      expect(result.view.state.severity).toBe('SEV1');
      expect(result.lastSeq).toBe(4);
    }
  });

  it('accepts an event whose prev is older than ours (events we could not see were skipped)', () => {
    expect(foldEvent(viewAt(3), 3, msg(ev(7, { type: 'chat.post', text: 'x' }), 2)).kind).toBe('applied');
  });

  it('reports a gap when the server sent something we never got', () => {
    expect(foldEvent(viewAt(3), 3, msg(ev(6, { type: 'chat.post', text: 'x' }), 5)).kind).toBe('gap');
  });

  it('ignores an event it already has', () => {
    expect(foldEvent(viewAt(3), 3, msg(ev(3, { type: 'chat.post', text: 'x' }), 2)).kind).toBe('stale');
  });

  it('moves the clock on start, pause and speed events', () => {
    const clock = { status: 'lobby' as const, t: 0, speed: 1, wall: 0 };
    expect(clockAfter(clock, ev(1, { type: 'drill.start' }, 0)).status).toBe('running');
    expect(clockAfter(clock, ev(2, { type: 'drill.pause' }, 9000))).toMatchObject({ status: 'paused', t: 9000 });
    expect(clockAfter(clock, ev(3, { type: 'drill.speed', speed: 60 }, 9000)).speed).toBe(60);
  });
});

describe('drill time between clock samples', () => {
  it('runs at the drill speed from the moment the sample arrived, and stops when paused', () => {
    const running = { status: 'running' as const, t: 10_000, speed: 60, wall: 0 };
    expect(drillNow(running, 1000, 2000)).toBe(70_000);
    expect(drillNow({ ...running, status: 'paused' }, 1000, 2000)).toBe(10_000);
    expect(drillNow(running, 1000, 1_000_000, 3_600_000)).toBe(3_600_000);
  });

  it('merges the fetched log with pushed events by seq', () => {
    const merged = mergeLog([ev(1, { type: 'drill.start' }), ev(2, { type: 'chat.post', text: 'a' })], [ev(2, { type: 'chat.post', text: 'a' }), ev(3, { type: 'chat.post', text: 'b' })]);
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
