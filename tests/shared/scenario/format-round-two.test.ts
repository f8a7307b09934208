import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../shared/scenario/load';
import { scenarioPowers } from '../../../shared/scenario/model';
import { BASE, edit, problemsOf } from './helpers';

/**
 * The keys of format round two (issues #10 and #11): starts-at, powers, useful contacts, fixed states, decision
 * injects, the decided and premature conditions and the decision objective. Each case edits BASE once (or
 * adds a decision inject first) and checks every problem, with its position and words.
 */

const DECISION = `      - { id: page, channel: pager, title: Errors are up, ack: true }
      - id: call
        to: [ic]
        title: Fail over now?
        decision:
          options:
            - { id: failover, label: Fail over now, rating: P, why: Fastest. }
            - { id: wait, label: Wait for the vendor, rating: M, why: No ETA. }`;
/** BASE with a decision inject `call` (lines 22–28) after the page. */
const WITH_DECISION = edit('      - { id: page, channel: pager, title: Errors are up, ack: true }', DECISION);
const FIRST_ON = '{ when: { escalated: vendor }, goto: recovery }\n    after:';
const onWhen = (condition: string) => edit(FIRST_ON, `{ when: ${condition}, goto: recovery }\n    after:`, WITH_DECISION);
const topLevel = (line: string) => edit('initial: detection', `${line}\ninitial: detection`);

describe('starts-at', () => {
  it.each([
    ['a time', 'starts-at: "18:40"', []],
    ['a weekday and a time', 'starts-at: Fri 18:40', []],
    ['a time that does not exist', 'starts-at: "25:61"', ['7:12: "25:61" is not a story time; write it like "18:40" or "Fri 18:40"']],
    ['a number', 'starts-at: 1840', ['7:12: starts-at must be text, not 1840']],
    ['a misspelt key', 'start-at: "18:40"', ['7:1: unknown key "start-at" — did you mean "starts-at"?']],
  ])('%s', (_name, line, expected) => {
    expect(problemsOf(edit('duration: 30m', `duration: 30m\n${line}`))).toEqual(expected);
  });
});

describe('powers', () => {
  it('defaults to the incident commander', () => {
    const result = loadScenario(BASE);
    expect(result.ok && scenarioPowers(result.scenario)).toEqual({ declare: ['ic'], severity: ['ic'], takeOverAfterMs: 5 * 60_000 });
  });

  it('takes roles of the scenario, filling in what is left out', () => {
    const text = topLevel('powers: { declare: [ic, comms], take-over-after: 3m }');
    expect(problemsOf(text)).toEqual([]);
    const result = loadScenario(text);
    expect(result.ok && scenarioPowers(result.scenario)).toEqual({ declare: ['ic', 'comms'], severity: ['ic'], takeOverAfterMs: 3 * 60_000 });
  });

  it.each([
    ['unknown roles, with suggestions', 'powers: { declare: [icc], severity: [ops] }', ['17:21: unknown role "icc" — did you mean "ic"?', '17:38: unknown role "ops"; the roles are ic, comms']],
    ['a misspelt key', 'powers: { declair: [ic] }', ['17:11: unknown key "declair" in powers — did you mean "declare"?']],
    ['an empty list', 'powers: { declare: [] }', ['17:20: powers.declare must not be empty']],
    ['a bad duration', 'powers: { take-over-after: 5 minutes }', ['17:28: "5 minutes" is not a duration; write it like "45s", "5m" or "1h30m"']],
  ])('%s', (_name, line, expected) => {
    expect(problemsOf(topLevel(line))).toEqual(expected);
  });

  it('warns when the default would leave the team without anyone who may declare', () => {
    const text = edit('to: [comms]', 'to: [lead]', edit('  - { id: ic, name: Incident Commander, required: true }', '  - { id: lead, name: Incident Lead, required: true }'));
    expect(problemsOf(text)).toEqual([
      '7:1: warning: this scenario has no role "ic", so by default only the facilitator may declare the incident mitigated or resolved and change its severity; name the roles that may in powers: { declare: [...], severity: [...] }',
    ]);
    expect(problemsOf(edit('initial: detection', 'powers: { declare: [lead], severity: [lead] }\ninitial: detection', text))).toEqual([]);
  });
});

describe('useful contacts', () => {
  it('take true or false, and a misspelling is caught', () => {
    expect(problemsOf(edit('responds: 4m }', 'responds: 4m, useful: true }'))).toEqual([]);
    expect(problemsOf(edit('responds: 4m }', 'responds: 4m, usefull: true }'))).toEqual(['11:55: unknown key "usefull" in contacts[0] — did you mean "useful"?']);
    expect(problemsOf(edit('responds: 4m }', 'responds: 4m, useful: yes please }'))).toEqual(['11:63: contacts[0].useful must be true or false, not "yes please"']);
  });
});

describe('fixed states', () => {
  it('mark a state mitigated or resolved', () => {
    expect(problemsOf(edit('  recovery:\n', '  recovery:\n    fixed: mitigated\n'))).toEqual([]);
    expect(problemsOf(edit('  recovery:\n', '  recovery:\n    fixed: fixed\n'))).toEqual(['33:12: states.recovery.fixed must be one of mitigated, resolved']);
  });

  it('are never final: a final state only ends the story', () => {
    expect(problemsOf(edit('done: { final: true }', 'done: { final: true, fixed: resolved }'))).toEqual([
      '35:24: final state "done" cannot be fixed: resolved: a final state only ends the story; mark the state before it, where the service works again',
    ]);
  });

  it('warn when the team only gets there by declaring (every declaration would be premature)', () => {
    const text = edit('  storm:\n', '  fixing:\n    fixed: resolved\n    on:\n      - { when: { declared: resolved }, goto: done }\n  storm:\n',
      edit('{ when: { declared: resolved }, goto: done }', '{ when: { declared: resolved }, goto: fixing }'));
    expect(problemsOf(text)).toEqual([
      '28:5: warning: state "fixing" is entered only when the team declares, so every declaration of resolved would count as premature; mark the state where the fix happens (after a reply or a decision) instead',
    ]);
  });

  it('are what a premature condition needs', () => {
    const premature = edit('unless: { posted: status-page }', 'unless: { premature: mitigated }');
    expect(problemsOf(premature)).toEqual([
      '18:1: warning: declarations cannot be checked against the story: no reachable state is marked fixed: mitigated or fixed: resolved, so a premature condition never holds; mark the state where the service works again',
    ]);
    expect(problemsOf(edit('  recovery:\n', '  recovery:\n    fixed: mitigated\n', premature))).toEqual([]);
    expect(problemsOf(edit('unless: { posted: status-page }', 'unless: { premature: fixed }'))).toEqual(['26:41: states.detection.after[0].unless.premature must be one of mitigated, resolved']);
  });

  it('are what a scored declaration and a marked fixed state need, once none is reachable', () => {
    const scored = edit('{ kind: ack, inject: page }, target: 5m }', '{ kind: declared, status: mitigated }, target: 20m }');
    expect(problemsOf(scored)).toEqual([
      '18:1: warning: declarations cannot be checked against the story: no reachable state is marked fixed: mitigated or fixed: resolved, so an all-clear given before the fix rates like one given after it; mark the state where the service works again',
    ]);
    expect(problemsOf(edit('  recovery:\n', '  recovery:\n    fixed: mitigated\n', scored))).toEqual([]);
    const orphan = edit('  done: { final: true }\n', '  done: { final: true }\n  island:\n    fixed: resolved\n');
    expect(problemsOf(orphan)).toContain(
      '18:1: warning: declarations cannot be checked against the story: no reachable state is marked fixed: mitigated or fixed: resolved, so no state marked fixed is ever entered and every declaration would count as premature; mark the state where the service works again',
    );
  });

  it('are not required: a scenario of round one that reads declarations still validates clean', () => {
    expect(BASE).toContain('{ declared: resolved }');
    expect(problemsOf(BASE)).toEqual([]);
  });
});

describe('decision injects', () => {
  it('have an id, two or more options with unique ids, and exactly the keys id, label, rating, why', () => {
    expect(problemsOf(WITH_DECISION)).toEqual([]);
    expect(problemsOf(edit('      - id: call\n        to: [ic]', '      - to: [ic]', WITH_DECISION))).toEqual([
      '24:9: an inject with a decision needs an id, so that decided conditions and objectives can name it: add id: fail-over-now',
    ]);
    expect(problemsOf(edit('            - { id: wait, label: Wait for the vendor, rating: M, why: No ETA. }', '', WITH_DECISION))).toEqual([
      '27:13: states.detection.injects[1].decision.options must have at least 2 entries',
    ]);
    expect(problemsOf(edit('{ id: wait,', '{ id: failover,', WITH_DECISION))).toEqual(['28:21: duplicate option id "failover" in this decision; it is already used by options[0]']);
    expect(problemsOf(edit('rating: M', 'rating: X', WITH_DECISION))).toEqual(['28:63: states.detection.injects[1].decision.options[1].rating must be one of P, S, M, U']);
    expect(problemsOf(edit(', why: No ETA.', '', WITH_DECISION))).toEqual(['28:15: missing "why" in states.detection.injects[1].decision.options[1]']);
    expect(problemsOf(edit('why: No ETA.', 'why: No ETA., score: 3', WITH_DECISION))).toEqual(['28:80: unknown key "score" in states.detection.injects[1].decision.options[1]']);
  });
});

describe('decided conditions', () => {
  it.each([
    ['a decision and one of its options', '{ decided: { inject: call, option: failover } }', []],
    ['any choice of a decision', '{ decided: { inject: call } }', []],
    ['an unknown inject', '{ decided: { inject: cal } }', ['31:38: unknown inject "cal" — did you mean "call"?']],
    ['an inject without a decision', '{ decided: { inject: page } }', ['31:38: inject "page" has no decision, so the team can never decide it; add decision: { options: [...] } to it']],
    ['an option the decision does not have', '{ decided: { inject: call, option: failovr } }', ['31:52: decision "call" has no option "failovr" — did you mean "failover"?']],
    ['a misspelt key inside', '{ decided: { injct: call } }', ['31:30: unknown key "injct" in states.detection.on[0].when.decided — did you mean "inject"?']],
    ['a misspelt condition', '{ decidd: { inject: call } }', [
      '31:19: unknown condition "decidd" in states.detection.on[0].when — did you mean "decided"? (a condition is one of: escalated, replied, posted, role-filled, handed-over, acked, declared, decided, alerted, premature, severity, all, any, not)',
    ]],
  ])('%s', (_name, condition, expected) => {
    expect(problemsOf(onWhen(condition))).toEqual(expected);
  });
});

describe('decision objectives', () => {
  const objective = (measure: string, target = '5m') => edit('{ kind: ack, inject: page }, target: 5m', `${measure}, target: ${target}`, WITH_DECISION);

  it.each([
    ['a decision inject', objective('{ kind: decision, inject: call }'), []],
    ['an inject without a decision', objective('{ kind: decision, inject: page }'), ['15:53: inject "page" has no decision, so the team can never decide it; add decision: { options: [...] } to it']],
    ['an unknown inject', objective('{ kind: decision, inject: cal }'), ['15:53: unknown inject "cal" — did you mean "call"?']],
    ['a score as target', objective('{ kind: decision, inject: call }', '80'), ['15:69: the target of a "decision" objective is a duration from when the inject arrived, like "5m"; only rubric targets are scores']],
  ])('%s', (_name, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });
});
