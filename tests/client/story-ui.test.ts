import { describe, expect, it } from 'vitest';
import type { Override } from '../../shared/drill/state';
import type { DrillView } from '../../shared/protocol/messages';
import { parseStartsAt } from '../../shared/story-time';
import { powerOf } from '../../client/src/drill/powers';
import { canEvaluate, fromState, standingOverrides, targetKey } from '../../client/src/evaluate/overrides';
import { nextUpdateOptions, withNextUpdate } from '../../client/src/room/next-update';
import { viewAt } from './fixtures';

const MIN = 60_000;

describe('next update suggestions', () => {
  it('offers story-clock times on five-minute marks, 15, 30 and 60 minutes ahead', () => {
    const start = parseStartsAt('Fri 18:40');
    expect(nextUpdateOptions(start, 12 * MIN + 10_000).map((o) => o.sentence)).toEqual([
      'Next update by 19:10.', 'Next update by 19:25.', 'Next update by 19:55.',
    ]);
    expect(nextUpdateOptions(start, 0).map((o) => o.label)).toEqual(['by 18:55', 'by 19:10', 'by 19:40']);
  });

  it('offers a duration, never a drill-clock time, without a story clock', () => {
    expect(nextUpdateOptions(undefined, 5 * MIN).map((o) => o.sentence)).toEqual([
      'Next update in 15 minutes.', 'Next update in 30 minutes.', 'Next update in an hour.',
    ]);
  });

  it('adds the sentence to the draft, or replaces the promise already in it', () => {
    expect(withNextUpdate('', 'Next update by 19:10.')).toBe('Next update by 19:10.');
    expect(withNextUpdate('We are investigating', 'Next update by 19:10.')).toBe('We are investigating. Next update by 19:10.');
    expect(withNextUpdate('We are investigating.  ', 'Next update by 19:10.')).toBe('We are investigating. Next update by 19:10.');
    expect(withNextUpdate('We are sorry. Next update in 30 minutes. Thanks.', 'Next update by 19:10.'))
      .toBe('We are sorry. Next update by 19:10. Thanks.');
    expect(withNextUpdate('Fixed. next update at 19:00', 'Next update by 19:25.')).toBe('Fixed. Next update by 19:25.');
  });
});

describe('powers in the room', () => {
  const base = viewAt(3);
  const withIc = (holder?: string): DrillView => ({
    ...base,
    state: {
      ...base.state,
      participants: { p1: { id: 'p1', name: 'Ana', joinedAt: 0 }, p2: { id: 'p2', name: 'Ivy', joinedAt: 0 } },
      roles: holder ? { ic: holder } : ({} as Record<string, string>),
    },
  });

  it('lets a holder of a listed role, and the facilitator, act', () => {
    expect(powerOf(withIc('p1'), ['ic'], 'declare').allowed).toBe(true);
    expect(powerOf({ ...withIc(), identity: { kind: 'facilitator' } }, ['ic'], 'declare').allowed).toBe(true);
    expect(powerOf(withIc(), ['all'], 'make this call').allowed).toBe(true);
  });

  it('tells everyone else who can, in the server\'s words', () => {
    expect(powerOf(withIc('p2'), ['ic'], 'change the severity')).toEqual({
      allowed: false, reason: 'Only the Incident Commander can change the severity. Ask Ivy (Incident Commander).',
    });
    expect(powerOf(withIc(), ['ic'], 'change the severity').reason).toBe('Only the Incident Commander can change the severity. Nobody holds the role yet: claim it under Roles.');
    expect(powerOf({ ...withIc('p2'), identity: { kind: 'observer' } }, ['ic'], 'declare').allowed).toBe(false);
  });

  it('does not send people to a holder whose seat was removed', () => {
    const view = withIc('p2');
    view.state.participants.p2 = { ...view.state.participants.p2, removed: true };
    expect(powerOf(view, ['ic'], 'declare').reason).toContain('Nobody holds the role yet');
  });
});

describe('evaluator overrides', () => {
  const fac = { kind: 'facilitator' } as const;
  const o = (seq: number, target: Override['target'], value: Override['value'], note = 'n'): Override => ({ seq, t: seq * 1000, by: fac, target, value, note });

  it('keeps the latest override per target; a clear removes it', () => {
    const list = [
      o(1, { objective: 'ack' }, { rating: 'S' }),
      o(2, { post: 7, check: 'impact' }, { passed: true }),
      o(3, { objective: 'ack' }, { rating: 'M' }, 'changed my mind'),
      o(4, { post: 7, check: 'impact' }, null),
    ];
    const standing = standingOverrides(list);
    expect([...standing.keys()]).toEqual([targetKey({ objective: 'ack' })]);
    expect(standing.get('objective:ack')).toMatchObject({ seq: 3, value: { rating: 'M' }, note: 'changed my mind' });
    expect(fromState(standing.get('objective:ack'), 'P', () => 'Facilitator')).toEqual({
      seq: 3, at: 3000, by: 'Facilitator', note: 'changed my mind', automatic: 'P', value: 'M',
    });
    expect(fromState(undefined, true, () => 'x')).toBeUndefined();
  });

  it('lets the facilitator override, and an observer only while allowed', () => {
    const view = viewAt(3);
    expect(canEvaluate({ ...view, identity: fac })).toBe(true);
    expect(canEvaluate({ ...view, identity: { kind: 'observer' } })).toBe(false);
    expect(canEvaluate({ identity: { kind: 'observer' }, state: { ...view.state, evaluators: { observers: true } } })).toBe(true);
    expect(canEvaluate(view)).toBe(false);
  });
});
