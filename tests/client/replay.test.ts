import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import { replayHref, seqFrom, viewpointFrom } from '../../client/src/replay/links';
import { advance, at, keyTarget, PAGE_MS } from '../../client/src/replay/playback';
import { matchRoute } from '../../client/src/app/router';

const MIN = 60_000;
/** A log of events at these drill times (seq 1, 2, …). */
const log = (...times: number[]): DrillEvent[] =>
  times.map((t, i) => ({ seq: i + 1, t, by: { kind: 'system' }, type: 'telemetry.point', series: 'x', value: i }) as DrillEvent);

describe('replay addresses', () => {
  it('keep the moment and the viewpoint, never a key, and read back what they wrote', () => {
    expect(replayHref('d 1')).toBe('/drill/d%201/replay');
    expect(replayHref('d1', { seq: 42 })).toBe('/drill/d1/replay?seq=42');
    expect(replayHref('d1', { seq: 42, viewpoint: { kind: 'role', role: 'comms' } })).toBe('/drill/d1/replay?seq=42&viewpoint=comms');
    expect(replayHref('d1', { seq: 0, viewpoint: { kind: 'facilitator' } })).toBe('/drill/d1/replay?seq=0');
    expect(matchRoute('/drill/:id/replay', '/drill/d1/replay')).toEqual({ id: 'd1' });
    const roles = [{ id: 'ic' }, { id: 'comms' }];
    expect(viewpointFrom('comms', roles)).toEqual({ kind: 'role', role: 'comms' });
    expect(viewpointFrom('ceo', roles)).toEqual({ kind: 'facilitator' }); // not a role of this scenario
    expect(viewpointFrom(null, roles)).toEqual({ kind: 'facilitator' });
    expect([seqFrom('7', 10), seqFrom('70', 10), seqFrom('-3', 10), seqFrom('x', 10), seqFrom(null, 10), seqFrom('', 10), seqFrom('2.5', 10)]).toEqual([7, 10, 0, 10, 10, 10, 10]);
  });
});

describe('the scrubber keys', () => {
  const events = log(0, 0, 30_000, 2 * MIN, 2 * MIN + 5_000, 10 * MIN);
  it('step one event with the arrows and jump to the ends with Home and End', () => {
    expect(keyTarget('ArrowRight', events, at(events, 2))).toEqual({ seq: 3, t: 30_000 });
    expect(keyTarget('ArrowUp', events, at(events, 6))).toEqual({ seq: 6, t: 10 * MIN });
    expect(keyTarget('ArrowLeft', events, at(events, 1))).toEqual({ seq: 0, t: 0 });
    expect(keyTarget('ArrowDown', events, at(events, 0))).toEqual({ seq: 0, t: 0 });
    expect(keyTarget('Home', events, at(events, 4))).toEqual({ seq: 0, t: 0 });
    expect(keyTarget('End', events, at(events, 1))).toEqual({ seq: 6, t: 10 * MIN });
    expect(keyTarget('a', events, at(events, 1))).toBeUndefined();
  });
  it('move a minute of drill time with PageUp and PageDown, showing every event up to then', () => {
    expect(keyTarget('PageUp', events, at(events, 3))).toEqual({ seq: 3, t: 30_000 + PAGE_MS });
    expect(keyTarget('PageUp', events, { seq: 3, t: 90_000 })).toEqual({ seq: 5, t: 150_000 });
    expect(keyTarget('PageUp', events, at(events, 5))).toEqual({ seq: 5, t: 3 * MIN + 5_000 });
    expect(keyTarget('PageUp', events, { seq: 5, t: 9.5 * MIN })).toEqual({ seq: 6, t: 10 * MIN }); // not past the end
    expect(keyTarget('PageDown', events, at(events, 6))).toEqual({ seq: 5, t: 9 * MIN });
    expect(keyTarget('PageDown', events, at(events, 4))).toEqual({ seq: 3, t: MIN });
    expect(keyTarget('PageDown', events, at(events, 3))).toEqual({ seq: 2, t: 0 });
  });
});

describe('the player', () => {
  const events = log(0, 10_000, 70_000, 130_000);
  it('runs drill time at its speed, shows every event it passes, and stops at the last', () => {
    expect(advance(events, at(events, 0), 1_000, 5)).toEqual({ seq: 1, t: 5_000, done: false });
    expect(advance(events, { seq: 1, t: 5_000 }, 1_000, 5)).toEqual({ seq: 2, t: 10_000, done: false });
    expect(advance(events, { seq: 2, t: 10_000 }, 1_000, 60)).toEqual({ seq: 3, t: 70_000, done: false });
    expect(advance(events, { seq: 3, t: 70_000 }, 2_000, 60)).toEqual({ seq: 4, t: 130_000, done: true });
    expect(advance(events, { seq: 2, t: 10_000 }, -50, 60)).toEqual({ seq: 2, t: 10_000, done: false });
    expect(advance([], at([], 0), 1_000, 1)).toEqual({ seq: 0, t: 0, done: true });
  });
});
