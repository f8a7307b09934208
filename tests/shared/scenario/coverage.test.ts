import { describe, expect, it } from 'vitest';
import { blindSpots, objectiveCoverage } from '../../../shared/scenario/coverage';
import { loadScenario } from '../../../shared/scenario/load';
import type { Scenario } from '../../../shared/scenario/schema';
import { BASE, edit } from './helpers';

function load(text: string): Scenario {
  const result = loadScenario(text);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n'));
  return result.scenario;
}

describe('objective coverage', () => {
  it('maps each state, transition and inject to the objectives that evaluate it', () => {
    // BASE measures the page's ack and the status page's rubric: the `after … unless posted` contingency is
    // evaluated (by the rubric objective, which reads posts); paging the vendor and declaring resolved are not.
    const coverage = objectiveCoverage(load(BASE));
    expect(coverage.transitions.map((t) => [`${t.from}.${t.kind}[${t.index}] → ${t.to}`, t.by])).toEqual([
      ['detection.on[0] → recovery', []],
      ['detection.after[0] → storm', ['quality']],
      ['storm.on[0] → recovery', []],
      ['recovery.on[0] → done', []],
    ]);
    expect(coverage.states.map((s) => [s.id, s.by])).toEqual([['detection', ['quality']], ['storm', []], ['recovery', []], ['done', []]]);
    expect(coverage.injects.map((i) => [i.id, i.by])).toEqual([['page', ['acked', 'quality']], ['detection.2', ['quality']], ['storm.1', []]]);
  });

  it('counts a reached objective for its state and the transitions into it, and a page for its reply', () => {
    const text = edit('objectives:\n', 'objectives:\n  - { id: got-there, measure: { kind: reached, state: recovery }, target: 20m }\n  - { id: paged, measure: { kind: escalated, contact: vendor }, target: 10m }\n',
      edit('{ when: { escalated: vendor }, goto: recovery }\n  recovery', '{ when: { replied: vendor }, goto: recovery }\n  recovery'));
    const coverage = objectiveCoverage(load(text));
    const by = (from: string) => coverage.transitions.find((t) => t.from === from)!.by;
    expect(by('detection')).toEqual(['paged', 'got-there']);
    // storm waits for the vendor's reply: measuring the page measures whether a reply could come.
    expect(by('storm')).toEqual(['paged', 'got-there']);
    expect(coverage.states.find((s) => s.id === 'recovery')!.by).toEqual(['got-there']);
  });

  it('names the blind spots, and injects that ask for an acknowledgement nothing measures', () => {
    const spots = blindSpots(objectiveCoverage(load(edit('  - { id: acked, measure: { kind: ack, inject: page }, target: 5m }\n', ''))));
    expect(spots.states.map((s) => s.id)).toEqual(['storm', 'recovery', 'done']);
    expect(spots.transitions.map((t) => t.label)).toEqual(['vendor paged', 'vendor paged', 'resolved declared']);
    expect(spots.injects.map((i) => i.id)).toEqual(['storm.1']);
    expect(spots.unmeasuredAcks.map((i) => i.id)).toEqual(['page']);
  });

  it('finds a branch on something no objective can measure: the severity', () => {
    const text = edit('unless: { posted: status-page }', 'unless: { severity: SEV1 }');
    const spots = blindSpots(objectiveCoverage(load(text)));
    expect(spots.transitions.map((t) => `${t.from} → ${t.to}: ${t.label}`)).toContain('detection → storm: after 10m unless severity is SEV1');
  });
});
