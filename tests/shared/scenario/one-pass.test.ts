import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../shared/scenario/load';
import { BASE, edit, problemsOf } from './helpers';

const DURATION_HINT = 'write it like "45s", "5m" or "1h30m"';
const CONDITION_KEYS = 'escalated, replied, posted, role-filled, handed-over, acked, declared, decided, alerted, premature, severity, all, any, not';
const ACKED = '{ id: acked, measure: { kind: ack, inject: page }, target: 5m }';

/**
 * Every problem in one pass: a schema error in one part of the file no longer hides the problems that need the
 * whole file (references, timing, the graph) elsewhere, and the checks say nothing about what the broken part
 * hides.
 */
describe('loadScenario: every problem in one pass', () => {
  it('reports a bad duration and an objective naming an unknown role together (the example of issue 17)', () => {
    const text = edit(ACKED, `${ACKED}\n  - { id: ic-named, measure: { kind: role-filled, role: icc }, target: 3m }`, edit('duration: 30m', 'duration: 30 minutes'));
    expect(problemsOf(text)).toEqual([
      `6:11: "30 minutes" is not a duration; ${DURATION_HINT}`,
      '16:57: unknown role "icc" — did you mean "ic"?',
    ]);
  });

  it('says nothing about timing against a duration it cannot read', () => {
    // With the duration unreadable, neither "longer than 0s" nor "inject after the end" can be judged.
    const text = edit('{ at: 1m,', '{ at: 45m,', edit('duration: 30m', 'duration: 30'));
    expect(problemsOf(text)).toEqual([`6:11: 30 is not a duration; ${DURATION_HINT}`]);
  });

  it('still knows the id of a role the schema rejects, and suggests it', () => {
    const text = edit('{ id: ic, name: Incident Commander, required: true }', '{ id: ic, required: true }', edit('to: [comms]', 'to: [icc]'));
    expect(problemsOf(text)).toEqual(['8:5: missing "name" in roles[0]', '29:33: unknown role "icc" — did you mean "ic"?']);
  });

  it('does not report references to a kind whose ids it cannot all read', () => {
    // The contact's id is itself broken: "vendor" may be what it was meant to be, so `escalated: vendor` is not judged.
    expect(problemsOf(edit('{ id: vendor,', '{ id: Vendor,'))).toEqual([
      '11:11: "Vendor" is not a valid id: ids are lower-case kebab-case, like "vendor-support" — did you mean "vendor"?',
    ]);
    // A misspelt optional list may be the contacts: no "unknown contact" for every page.
    expect(problemsOf(edit('contacts:', 'contacs:'))).toEqual(['10:1: unknown key "contacs" — did you mean "contacts"?']);
  });

  it('still checks the rest of a file that has no roles yet (as a new file often has not)', () => {
    const text = edit('roles:\n  - { id: ic, name: Incident Commander, required: true }\n  - { id: comms, name: Communications Lead }\n', '', edit('{ escalated: vendor }, goto: recovery }\n    after:', '{ escalated: vendr }, goto: recovery }\n    after:'));
    expect(problemsOf(text)).toEqual(['1:1: missing "roles"', '21:30: unknown contact "vendr" — did you mean "vendor"?']);
  });

  it('does not call an inject unacknowledgeable when its own entry does not read', () => {
    // `page` has a bad channel; the ack objective and the acked check cannot know its `ack`, so they stay silent.
    const text = edit('{ id: page, channel: pager,', '{ id: page, channel: slack,', edit('to: [comms]', 'to: [opps]'));
    expect(problemsOf(text)).toEqual([
      '21:30: states.detection.injects[0].channel must be one of pager, chat, email, support, social, news, vendor, telemetry',
      '29:33: unknown role "opps"; the roles are ic, comms',
    ]);
  });

  it('keeps a broken transition as a way between states, and reports an unknown state elsewhere', () => {
    const text = edit(
      '{ when: { escalated: vendor }, goto: recovery }\n    after:', '{ when: { escalatd: vendor }, goto: recovery }\n    after:',
      edit('{ when: { escalated: vendor }, goto: recovery }\n  recovery', '{ when: { escalated: vendor }, goto: recovry }\n  recovery'),
    );
    expect(problemsOf(text)).toEqual([
      `24:19: unknown condition "escalatd" in states.detection.on[0].when — did you mean "escalated"? (a condition is one of: ${CONDITION_KEYS})`,
      '31:46: state "recovry" is not defined — did you mean "recovery"?',
    ]);
  });

  it('does not call a state a dead end when its only way out is broken', () => {
    const text = edit('{ when: { declared: resolved }, goto: done }', '{ when: { declared: finished }, goto: done }');
    expect(problemsOf(text)).toEqual(['34:29: states.recovery.on[0].when.declared must be one of mitigated, resolved']);
  });

  it('judges no reachability when a state does not read, but still checks the rest', () => {
    const text = edit('  done: { final: true }', '  done: [final]', edit('to: [comms]', 'to: [icc]'));
    expect(problemsOf(text)).toEqual(['29:33: unknown role "icc" — did you mean "ic"?', '35:9: states.done must be a map of keys, not a list']);
  });

  it('points at the right entry when broken entries before it were left out', () => {
    const roles = '  - { id: comms }\n  - { id: ops, name: Ops }\n  - { id: ops, name: Ops again }';
    expect(problemsOf(edit('  - { id: comms, name: Communications Lead }', roles))).toEqual([
      '9:5: missing "name" in roles[1]',
      '11:11: duplicate role id "ops"; it is already used at line 10',
    ]);
    const injects = '      - { id: page, channel: slack, title: Errors are up, ack: true }\n      - { channel: chat, to: [opps], title: Hi }';
    expect(problemsOf(edit('      - { id: page, channel: pager, title: Errors are up, ack: true }', injects))).toEqual([
      '21:30: states.detection.injects[0].channel must be one of pager, chat, email, support, social, news, vendor, telemetry',
      '22:31: unknown role "opps"; the roles are ic, comms',
    ]);
  });

  it('reports each problem once', () => {
    // The unknown state in `initial` is reported by the schema (not an id); the check that it exists stays silent.
    expect(problemsOf(edit('initial: detection', 'initial: Detection'))).toEqual([
      '17:10: "Detection" is not a valid id: ids are lower-case kebab-case, like "vendor-support" — did you mean "detection"?',
    ]);
  });

  it('gives the draft of what reads, and where each part of it is written', () => {
    const result = loadScenario(edit('duration: 30m', 'duration: soon', edit('      - { id: page, channel: pager,', '      - { id: page, channel: slack,')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.draft?.states ?? {})).toEqual(['detection', 'storm', 'recovery', 'done']);
    // The broken inject is left out; the telemetry inject is the draft's first and is found on its own line.
    expect(result.draft?.states.detection.injects).toHaveLength(1);
    expect(result.locate(['states', 'detection', 'injects', 0])).toEqual({ line: 22, col: 9 });
    expect(result.locate(['states', 'storm'], 'key')).toEqual({ line: 27, col: 3 });
  });

  it('a file that passes the schema but not the whole-file checks is its own draft', () => {
    const result = loadScenario(edit('to: [comms]', 'to: [icc]'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.draft?.states.storm.injects[0].to).toEqual(['icc']);
  });

  it('a good file is unchanged: no draft, the scenario and its warnings', () => {
    const result = loadScenario(BASE);
    expect(result.ok).toBe(true);
    expect('draft' in result).toBe(false);
    expect(result.locate(['initial'])).toEqual({ line: 17, col: 10 });
  });
});

describe('loadScenario: any damage to any line', () => {
  // Each line of the base file with its value replaced by something else: the loader must never throw and
  // never report the same problem twice.
  const DAMAGE = ['', '[]', '{ x: 1 }', 'Not An Id', '-3'];
  const lines = BASE.split('\n');
  it.each(lines.map((line, i) => [i + 1, line] as const).filter(([, line]) => line.includes(': ')))('line %i: %s', (n) => {
    for (const damage of DAMAGE) {
      const text = lines.map((line, i) => (i + 1 === n ? line.replace(/: .*$/, `: ${damage}`) : line)).join('\n');
      const result = loadScenario(text);
      const problems = result.ok ? result.warnings : result.problems;
      const seen = problems.map((p) => `${p.line}:${p.col}:${p.message}`);
      expect(new Set(seen).size, `${damage}: ${seen.join('\n')}`).toBe(seen.length);
    }
  });
});
