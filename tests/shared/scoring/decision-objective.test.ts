import { describe, expect, it } from 'vitest';
import type { DrillCommand } from '../../../shared/drill/commands';
import { score } from '../../../shared/scoring';
import { tinyScenario } from '../drill/helpers';
import { joins, play, type Line } from './play';

/**
 * The `decision` objective as the format defines it: time from the inject's arrival to the choice that stood,
 * rated no better than the chosen option's own rating. (Its own scorecard dimension, overrides and the
 * report's wording belong to the scoring work that follows.)
 */
const scenario = tinyScenario(`
  start:
    injects:
      - id: failover-call
        at: 2m
        to: [ic]
        title: Fail over now?
        decision:
          options:
            - { id: failover, label: Fail over to the standby now, rating: P, why: Restores checkout fastest. }
            - { id: wait, label: Wait for the storage fix, rating: M, why: No ETA while checkout is down. }
    on:
      - { when: { decided: { inject: failover-call, option: failover } }, goto: fixed }
      - { when: { escalated: boss }, goto: fixed }
  fixed:
    fixed: mitigated
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);
const withObjective = { ...scenario, objectives: [{ id: 'call', measure: { kind: 'decision' as const, inject: 'failover-call' }, target: '5m', weight: 2 }] };

const decide = (option: string): DrillCommand => ({ type: 'decision.make', injectId: 'failover-call', option });
const opening: Line[] = [...joins([['ann', 'Ann']]), ['0:00', 'ann', { type: 'role.claim', role: 'ic' }], ['0:00', 'facilitator', { type: 'drill.start' }]];
const rated = (lines: Line[]) => score(withObjective, play(withObjective, [...opening, ...lines], { until: '20m' })).objectives.find((o) => o.id === 'call')!;

describe('decision objectives', () => {
  it('rate a good call in time P, and measure from the inject\'s arrival', () => {
    expect(rated([['4:00', 'ann', decide('failover')]])).toMatchObject({ rating: 'P', value: 2 * 60_000, kind: 'decision' });
  });

  it('rate a good call made late by its time', () => {
    expect(rated([['9:00', 'ann', decide('failover')]])).toMatchObject({ rating: 'S', value: 7 * 60_000 });
    expect(rated([['12:00', 'ann', decide('failover')]])).toMatchObject({ rating: 'M', value: 10 * 60_000 });
  });

  it('rate a poor call no better than its option, however fast', () => {
    const result = rated([['2:10', 'ann', decide('wait')], ['2:20', 'ann', { type: 'contact.page', contact: 'boss', message: 'Need you' }]]);
    expect(result).toMatchObject({ rating: 'M' });
    expect(result.summary).toContain('"Wait for the storage fix" (rated M: No ETA while checkout is down.)');
  });

  it('rate the choice that stood when the story moved on', () => {
    expect(rated([['2:30', 'ann', decide('wait')], ['3:00', 'ann', decide('failover')]])).toMatchObject({ rating: 'P', value: 60_000 });
  });

  it('rate a decision never made U, and one that never came up N/A', () => {
    expect(rated([])).toMatchObject({ rating: 'U', value: null });
    expect(rated([['1:00', 'ann', { type: 'contact.page', contact: 'boss', message: 'Need you' }]])).toMatchObject({ rating: 'N/A', points: null });
  });
});
