import { loadScenario, type LoadOptions } from '../../../shared/scenario/load';

/**
 * A small valid scenario whose line numbers the tests rely on (line 1 is `id: tiny`, line 18 `states:`,
 * line 35 `done: { final: true }`): edit it with `edit` and assert where each problem is reported.
 * Changing a line's length or count moves the expected positions in every test.
 */
export const BASE = `id: tiny
version: 1
title: Tiny drill
summary: A scenario written for the loader tests.
severity: SEV2
duration: 30m
roles:
  - { id: ic, name: Incident Commander, required: true }
  - { id: comms, name: Communications Lead }
contacts:
  - { id: vendor, name: Vendor support, responds: 4m }
telemetry:
  - { id: errors, title: Error rate, unit: "%" }
objectives:
  - { id: acked, measure: { kind: ack, inject: page }, target: 5m }
  - { id: quality, measure: { kind: rubric, channel: status-page }, target: 70 }
initial: detection
states:
  detection:
    injects:
      - { id: page, channel: pager, title: Errors are up, ack: true }
      - { at: 1m, telemetry: { errors: [1, 5, 30] } }
    on:
      - { when: { escalated: vendor }, goto: recovery }
    after:
      - { in: 10m, unless: { posted: status-page }, goto: storm }
  storm:
    injects:
      - { channel: social, to: [comms], title: Why is nobody saying anything? }
    on:
      - { when: { escalated: vendor }, goto: recovery }
  recovery:
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`;

/** BASE with one exact piece of text replaced; throws when the piece is not there, so a test cannot go stale silently. */
export function edit(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} is not in the scenario`);
  return text.replace(from, to);
}

/** Every problem of a scenario text as the CLI prints it, without the file name: `line:col: [warning: ]message`. */
export function problemsOf(text: string, options?: LoadOptions): string[] {
  const result = loadScenario(text, options);
  const problems = result.ok ? result.warnings : result.problems;
  return problems.map((p) => `${p.line}:${p.col}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`);
}
