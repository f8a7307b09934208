import { describe, expect, it } from 'vitest';
import { edit, problemsOf } from './helpers';

/** A live game day's keys in a scenario (docs/scenario-format.md, "Alert rules"), checked in words. */
const withAlerts = (rules: string, text?: string) => edit('initial: detection', `alerts:\n${rules}\ninitial: detection`, text);
const strip = (problems: string[]) => problems.map((p) => p.replace(/^\d+:\d+: /, ''));

describe('alert rules, alerted conditions, alert-ack objectives and faults', () => {
  it('accept a well-formed game day', () => {
    let text = withAlerts('  - { id: errors, match: { alertname: HighErrorRate }, to: [ic], ack: true }\n  - { id: rest, to: [comms], ack: false }');
    text = edit('{ when: { escalated: vendor }, goto: recovery }', '{ when: { alerted: { rule: errors, status: firing } }, goto: recovery }', text);
    text = edit('  recovery:\n', '  recovery:\n    fault: { webhook: chaos, title: Kill one checkout pod, payload: { pods: 1 } }\n', text);
    text = edit('  - { id: quality,', '  - { id: real-ack, measure: { kind: alert-ack, rule: errors }, target: 5m }\n  - { id: quality,', text);
    expect(problemsOf(text)).toEqual([]);
  });

  it('report unknown roles and rules, bad label names, bad expressions and an early catch-all', () => {
    let text = withAlerts([
      '  - { id: all-of-it, to: [ic] }',
      '  - { id: errors, match: { 9lives: x }, match-re: { service: "check(" }, to: [oncall] }',
      '  - { id: errors, channel: telemetry, to: [ic] }',
    ].join('\n'));
    text = edit('{ when: { escalated: vendor }, goto: recovery }', '{ when: { alerted: { rule: erorrs } }, goto: recovery }', text);
    text = edit('  - { id: quality,', '  - { id: real-ack, measure: { kind: alert-ack, rule: all-of-it }, target: 5m }\n  - { id: quality,', text);
    expect(strip(problemsOf(text))).toEqual(expect.arrayContaining([
      'unknown role "oncall"; the roles are ic, comms',
      '"9lives" is not a Prometheus label name (letters, digits and _, not starting with a digit), like alertname or service',
      '"check(" is not a regular expression this server can read; write it as in Alertmanager, like "checkout|payments" or "5..".',
      'duplicate alert rule id "errors"; it is already used by alerts[1]',
      'unknown alert rule "erorrs" — did you mean "errors"?',
      'warning: alert rule "all-of-it" has no match and no match-re, so it takes every alert and the rules after it never match; move it to the end',
      'warning: a dashboard alert (channel telemetry) that must be acknowledged is unusual; use channel pager for a page, or ack: false',
    ]));
  });

  it('refuse an alert-ack objective on a rule nobody can acknowledge, and a fault on a final state', () => {
    let text = withAlerts('  - { id: info, match: { severity: info }, ack: false }');
    text = edit('  - { id: quality,', '  - { id: real-ack, measure: { kind: alert-ack, rule: info }, target: 5m }\n  - { id: quality,', text);
    text = edit('  done: { final: true }', '  done: { final: true, fault: { webhook: chaos } }', text);
    expect(strip(problemsOf(text))).toEqual(expect.arrayContaining([
      'alert rule "info" has ack: false, so the team can never acknowledge its alerts',
      'a final state ends the drill, so its fault would never be proposed; put the fault on the state before it',
    ]));
    expect(strip(problemsOf(edit('  - { id: quality,', '  - { id: real-ack, measure: { kind: alert-ack, rule: errors }, target: 5m }\n  - { id: quality,')))).toEqual([
      'unknown alert rule "errors"; this scenario has no alerts: section',
    ]);
  });
});
