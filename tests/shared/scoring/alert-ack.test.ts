import { describe, expect, it } from 'vitest';
import type { ReceivedAlert } from '../../../shared/alerts/alert';
import type { DrillCommand } from '../../../shared/drill/commands';
import { score } from '../../../shared/scoring';
import { renderReport } from '../../../shared/scoring/report-md';
import { tinyScenario } from '../drill/helpers';
import { joins, play, type Line } from './play';

/**
 * A live game day's real alerts are scored like scripted injects (docs/scoring.md): the `alert-ack` objective
 * runs from the first alert its rule routed to the first acknowledgement of one of that rule's pages.
 */
const base = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Scripted page, ack: true }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);
const scenario = {
  ...base,
  alerts: [
    { id: 'errors', match: { alertname: 'HighErrorRate' }, to: ['ic'], channel: 'pager' as const, ack: true },
    { id: 'noise', to: ['ic'], channel: 'pager' as const, ack: true },
  ],
  objectives: [{ id: 'real-ack', measure: { kind: 'alert-ack' as const, rule: 'errors' }, target: '5m', weight: 2 }],
};

const alert = (name: string, status: 'firing' | 'resolved' = 'firing', fingerprint = `fp-${name}`): DrillCommand => {
  const received: ReceivedAlert = { format: 'json', status, fingerprint, labels: { alertname: name }, annotations: {}, source: 'Prometheus', title: name };
  return { type: 'alert.receive', alert: received };
};
const opening: Line[] = [...joins([['ann', 'Ann']]), ['0:00', 'ann', { type: 'role.claim', role: 'ic' }], ['0:00', 'facilitator', { type: 'drill.start' }]];
const card = (lines: Line[]) => score(scenario, play(scenario, [...opening, ...lines], { until: '20m' }));
const objective = (lines: Line[]) => card(lines).objectives.find((o) => o.id === 'real-ack')!;
/** The inject a real alert delivered: `alert-<seq of its alert.receive>`. */
const injectOf = (lines: Line[], name: string) => {
  const event = play(scenario, [...opening, ...lines], { until: '20m' }).find((e) => e.type === 'inject.delivered' && e.alert !== undefined && e.title === name);
  if (event?.type !== 'inject.delivered') throw new Error(`no real alert "${name}" was delivered`);
  return event.injectId;
};

describe('alert-ack objectives', () => {
  it('rate a real page acknowledged in time P, measured from the alert\'s arrival', () => {
    const lines: Line[] = [['2:00', 'system', alert('HighErrorRate')]];
    const id = injectOf(lines, 'HighErrorRate');
    expect(objective([...lines, ['4:00', 'ann', { type: 'inject.ack', injectId: id }]])).toMatchObject({ rating: 'P', value: 2 * 60_000, kind: 'alert-ack', dimension: 'acknowledgement' });
  });

  it('do not count acknowledging another rule\'s page or the scripted one: a team cannot ack its way around the real alert', () => {
    const lines: Line[] = [['2:00', 'system', alert('HighErrorRate')], ['2:30', 'system', alert('DiskFull')]];
    const noise = injectOf(lines, 'DiskFull');
    const result = objective([...lines, ['2:40', 'ann', { type: 'inject.ack', injectId: noise }], ['2:50', 'ann', { type: 'inject.ack', injectId: 'page' }]]);
    expect(result).toMatchObject({ rating: 'U', value: null });
  });

  it('measure from the first alert, even when the team only acknowledges a later one of the rule', () => {
    const lines: Line[] = [['1:00', 'system', alert('HighErrorRate')], ['9:00', 'system', alert('HighErrorRate', 'firing', 'fp-second')]];
    const events = play(scenario, [...opening, ...lines], { until: '20m' });
    const second = events.filter((e) => e.type === 'inject.delivered' && e.alert !== undefined).at(-1) as { injectId: string };
    expect(objective([...lines, ['9:30', 'ann', { type: 'inject.ack', injectId: second.injectId }]])).toMatchObject({ value: 8.5 * 60_000 });
  });

  it('are not applicable when no real alert came (a tabletop, a simulation)', () => {
    expect(objective([])).toMatchObject({ rating: 'N/A', value: null });
  });

  it('rate real pages like scripted ones in the metrics, and the report says which were real', () => {
    const lines: Line[] = [['2:00', 'system', alert('HighErrorRate')]];
    const id = injectOf(lines, 'HighErrorRate');
    const result = card([...lines, ['3:00', 'ann', { type: 'inject.ack', injectId: id }], ['3:10', 'ann', { type: 'inject.ack', injectId: 'page' }], ['6:00', 'system', alert('HighErrorRate', 'resolved')]]);
    expect(result.metrics.acks.map((a) => [a.injectId, a.timeToAck, a.real ?? false])).toEqual([['page', 190_000, false], [id, 60_000, true]]);
    expect(result.timeline.filter((e) => e.real).map((e) => e.text)).toEqual([
      'Real alert on pager (to Incident Commander) — Prometheus: "HighErrorRate"',
      'The real alert "HighErrorRate" resolved.',
    ]);
    const report = renderReport(result);
    expect(report).toContain('2 events came from real monitoring');
    expect(report).toContain('Time to acknowledge "HighErrorRate" (real alert)');
  });
});
