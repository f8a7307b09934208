import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../../shared/drill/events';
import { turnEvents } from '../../../shared/protocol/turn';

const event = (seq: number) => ({ type: 'chat.post', seq, t: seq * 1000, by: { kind: 'participant', id: 'p1' }, text: `post ${seq}` }) as unknown as DrillEvent;

describe('the events of a drill:turn', () => {
  it('chain each event to the one sent before it, starting from the message prev, across seqs the socket may not see', () => {
    // The socket was last sent seq 4; seqs 6 and 8 were staff-only and left out of its message.
    expect(turnEvents({ events: [event(5), event(7), event(9)], prev: 4 }).map(({ event: e, prev }) => [e.seq, prev])).toEqual([[5, 4], [7, 5], [9, 7]]);
  });

  it('are none for a message that only carries the clock', () => {
    expect(turnEvents({ events: [], prev: 4, clock: { status: 'paused', t: 1000, speed: 1, wall: 0 } })).toEqual([]);
  });
});
