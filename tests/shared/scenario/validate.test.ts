import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../shared/scenario/load';
import { validateScenario } from '../../../shared/scenario/validate';
import { BASE, edit, problemsOf } from './helpers';

/** BASE with several edits applied in order. */
function edits(...pairs: [string, string][]): string {
  return pairs.reduce((text, [from, to]) => edit(from, to, text), BASE);
}

const FIRST_ON = '{ when: { escalated: vendor }, goto: recovery }\n    after:';
const onWhen = (condition: string): [string, string] => [FIRST_ON, `{ when: ${condition}, goto: recovery }\n    after:`];

describe('validate: references name something that exists', () => {
  it.each([
    ['a role in an inject\'s `to`, listing the roles when nothing is close', [['to: [comms]', 'to: [all, press]']], ['29:38: unknown role "press"; the roles are ic, comms']],
    ['a role in `to`, with a suggestion', [['to: [comms]', 'to: [icc]']], ['29:33: unknown role "icc" — did you mean "ic"?']],
    ['a telemetry series in a telemetry inject, pointing at the key', [['telemetry: { errors:', 'telemetry: { eror:']], ['22:32: unknown telemetry series "eror" — did you mean "errors"?']],
    ['a contact in `escalated`', [onWhen('{ escalated: vendr }')], ['24:30: unknown contact "vendr" — did you mean "vendor"?']],
    ['a contact in `replied`, deep inside any and not', [onWhen('{ any: [{ not: { replied: boss } }] }')], ['24:43: unknown contact "boss"; the contacts are vendor']],
    ['a role in `role-filled`', [['unless: { posted: status-page }', 'unless: { role-filled: scribe }']], ['26:43: unknown role "scribe"; the roles are ic, comms']],
    ['a role in `handed-over`', [['unless: { posted: status-page }', 'unless: { handed-over: icc }']], ['26:43: unknown role "icc" — did you mean "ic"?']],
    ['an inject in `acked`', [['unless: { posted: status-page }', 'unless: { acked: pager }']], ['26:37: unknown inject "pager" — did you mean "page"?']],
    ['a state in an `on` goto', [[FIRST_ON, '{ when: { escalated: vendor }, goto: recovry }\n    after:']], ['24:46: state "recovry" is not defined — did you mean "recovery"?']],
    ['a state in an `after` goto (and the state it meant still counts as reachable)', [['goto: storm', 'goto: strom']], ['26:59: state "strom" is not defined — did you mean "storm"?']],
    ['the initial state', [['initial: detection', 'initial: detect']], ['17:10: state "detect" is not defined — did you mean "detection"?']],
    ['an inject in an ack objective', [['inject: page }', 'inject: paeg }']], ['15:48: unknown inject "paeg" — did you mean "page"?']],
    ['a role in a role-filled objective', [['{ kind: ack, inject: page }', '{ kind: role-filled, role: lead }']], ['15:54: unknown role "lead"; the roles are ic, comms']],
    ['a contact in an escalated objective', [['{ kind: ack, inject: page }', '{ kind: escalated, contact: vendors }']], ['15:55: unknown contact "vendors" — did you mean "vendor"?']],
    ['a state in a reached objective', [['{ kind: ack, inject: page }', '{ kind: reached, state: recovered }']], ['15:51: state "recovered" is not defined — did you mean "recovery"?']],
    ['a contact when the scenario has none', [['contacts:\n  - { id: vendor, name: Vendor support, responds: 4m }\n', '']], [
      '22:30: unknown contact "vendor"; this scenario has no contacts',
      '29:30: unknown contact "vendor"; this scenario has no contacts',
    ]],
  ])('%s', (_name, pairs, expected) => {
    expect(problemsOf(edits(...(pairs as [string, string][])))).toEqual(expected);
  });

  it('an ack objective or acked condition needs an inject marked "ack: true"', () => {
    const text = edits(
      ['{ channel: social, to: [comms],', '{ id: tweet, channel: social, to: [comms],'],
      ['inject: page }', 'inject: tweet }'],
      ['unless: { posted: status-page }', 'unless: { acked: tweet }'],
    );
    expect(problemsOf(text)).toEqual([
      '15:48: inject "tweet" is not marked "ack: true", so the team can never acknowledge it',
      '26:37: inject "tweet" is not marked "ack: true", so the team can never acknowledge it',
    ]);
  });
});

describe('validate: ids are unique', () => {
  it.each([
    ['roles', [['{ id: comms, name', '{ id: ic, name'], ['to: [comms]', 'to: [ic]']], '9:11: duplicate role id "ic"; it is already used at line 8'],
    ['contacts', [['  - { id: vendor, name: Vendor support, responds: 4m }', '  - { id: vendor, name: Vendor support, responds: 4m }\n  - { id: vendor, name: Boss, responds: 9m }']], '12:11: duplicate contact id "vendor"; it is already used at line 11'],
    ['telemetry series', [['  - { id: errors, title: Error rate, unit: "%" }', '  - { id: errors, title: Error rate }\n  - { id: errors, title: Latency }']], '14:11: duplicate telemetry series id "errors"; it is already used at line 13'],
    ['objectives', [['{ id: quality,', '{ id: acked,']], '16:11: duplicate objective id "acked"; it is already used at line 15'],
    ['injects across states', [['{ channel: social, to: [comms],', '{ id: page, channel: social, to: [comms],']], '29:15: duplicate inject id "page"; it is already used at line 21'],
  ])('%s', (_name, pairs, expected) => {
    expect(problemsOf(edits(...(pairs as [string, string][])))).toEqual([expected]);
  });
});

describe('validate: the state graph', () => {
  it('every state can be reached from the initial one', () => {
    expect(problemsOf(edit('goto: storm', 'goto: recovery'))).toEqual(['27:3: state "storm" cannot be reached from "detection"']);
  });

  it('a scenario needs a final state', () => {
    expect(problemsOf(edit('done: { final: true }', 'done: { final: false }'))).toEqual([
      '18:1: no final state: the drill can only end when its time runs out',
      '35:3: warning: state "done" has no way out (no on or after): once there, the drill only ends when its time runs out',
    ]);
  });

  it('a final state has to be reachable', () => {
    expect(problemsOf(edit('{ when: { declared: resolved }, goto: done }', '{ when: { declared: resolved }, goto: storm }'))).toEqual([
      '17:10: no final state can be reached from "detection": the drill can only end when its time runs out',
      '30:5: warning: on transitions go round in a circle (storm → recovery → storm): facts only accumulate, so once these conditions all hold the drill bounces between these states after every team action',
      '35:3: state "done" cannot be reached from "detection"',
    ]);
  });

  it('a final state has no injects, on or after', () => {
    const text = edit('done: { final: true }', 'done: { final: true, injects: [{ title: Bye }], on: [{ when: { posted: war-room }, goto: storm }], after: [{ in: 1m, goto: storm }] }');
    expect(problemsOf(text)).toEqual([
      '35:24: final state "done" has injects, but the drill ends as soon as it is entered, so they never happen',
      '35:51: final state "done" has on transitions, but the drill ends as soon as it is entered, so they never happen',
      '35:102: final state "done" has after transitions, but the drill ends as soon as it is entered, so they never happen',
    ]);
  });

  it('an on transition cannot go to its own state', () => {
    const text = edit('{ when: { escalated: vendor }, goto: recovery }\n  recovery:', '{ when: { escalated: vendor }, goto: storm }\n  recovery:');
    expect(problemsOf(text)).toEqual([
      '27:3: warning: no final state can be reached from state "storm": once there, the drill only ends when its time runs out',
      '31:46: this on transition goes back to its own state "storm": once its condition holds it would fire again and again',
    ]);
  });

  it('warns when on transitions go round in a circle', () => {
    const text = edit('      - { when: { declared: resolved }, goto: done }', '      - { when: { declared: resolved }, goto: done }\n      - { when: { posted: status-page }, goto: storm }');
    expect(loadScenario(text).ok).toBe(true);
    expect(problemsOf(text)).toEqual([
      '30:5: warning: on transitions go round in a circle (storm → recovery → storm): facts only accumulate, so once these conditions all hold the drill bounces between these states after every team action',
    ]);
  });

  it('warns about a state with no way out', () => {
    const text = edit('    on:\n      - { when: { escalated: vendor }, goto: recovery }\n  recovery:', '    description: the team is stuck here\n  recovery:');
    const result = loadScenario(text);
    expect(result.ok).toBe(true);
    expect(problemsOf(text)).toEqual([
      '27:3: warning: state "storm" has no way out (no on or after): once there, the drill only ends when its time runs out',
    ]);
  });

  it('warns about a state from which no final state can be reached', () => {
    // storm and limbo send the drill back and forth between them, never to recovery.
    const text = edit(
      '{ when: { escalated: vendor }, goto: recovery }\n  recovery:',
      '{ when: { escalated: vendor }, goto: limbo }\n  limbo:\n    after:\n      - { in: 5m, goto: storm }\n  recovery:',
    );
    expect(problemsOf(text)).toEqual([
      '27:3: warning: no final state can be reached from state "storm": once there, the drill only ends when its time runs out',
      '32:3: warning: no final state can be reached from state "limbo": once there, the drill only ends when its time runs out',
    ]);
  });
});

describe('validate: timing and targets', () => {
  it('an inject at or after the end of the drill is never sent', () => {
    expect(problemsOf(edit('{ at: 1m,', '{ at: 30m,'))).toEqual(['22:15: inject at 30m is at or after the end of the drill (duration 30m), so it is never sent']);
    expect(problemsOf(edit('{ at: 1m,', '{ at: 29m59s,'))).toEqual([]);
  });

  it('a timed transition at or after the end of the drill never fires', () => {
    expect(problemsOf(edit('{ in: 10m,', '{ in: 1h,'))).toEqual(['26:15: transition after 1h is at or after the end of the drill (duration 30m), so it never fires']);
  });

  it('a drill lasts longer than nothing', () => {
    expect(problemsOf(edit('duration: 30m', 'duration: 0s'))).toContain('6:11: duration must be longer than 0s');
  });

  it('a rubric target is a score from 0 to 100', () => {
    expect(problemsOf(edit('target: 70', 'target: 70m'))).toEqual(['16:77: the target of a rubric objective is a score from 0 to 100, like 70, not a duration']);
    expect(problemsOf(edit('target: 70', 'target: -1'))).toEqual(['16:77: the target of a rubric objective is a score from 0 to 100; -1 is out of range']);
    expect(problemsOf(edit('target: 70', 'target: 100'))).toEqual([]);
    expect(problemsOf(edit('target: 70', 'target: 0'))).toEqual([]);
  });

  it.each([
    ['ack', 'inject: page', 'an "ack"'],
    ['role-filled', 'role: ic', 'a "role-filled"'],
    ['roles-filled', '', 'a "roles-filled"'],
    ['first-post', 'channel: war-room', 'a "first-post"'],
    ['cadence', 'channel: status-page', 'a "cadence"'],
    ['escalated', 'contact: vendor', 'an "escalated"'],
    ['declared', 'status: mitigated', 'a "declared"'],
    ['reached', 'state: recovery', 'a "reached"'],
  ])('the target of %s objective is a duration, not a score', (kind, field, named) => {
    const measure = `{ kind: ${kind}${field ? `, ${field}` : ''} }`;
    const good = edit('{ kind: ack, inject: page }, target: 5m }', `${measure}, target: 5m }`);
    // A scored declaration needs a state where the service is fixed, or an all-clear at minute 1 rates like one after the fix.
    expect(problemsOf(good)).toEqual(kind === 'declared'
      ? ['18:1: warning: declarations cannot be checked against the story: no reachable state is marked fixed: mitigated or fixed: resolved, so an all-clear given before the fix rates like one given after it; mark the state where the service works again']
      : []);
    expect(problemsOf(edit('  recovery:\n', '  recovery:\n    fixed: mitigated\n', good))).toEqual([]);
    const bad = edit('  recovery:\n', '  recovery:\n    fixed: mitigated\n', edit('{ kind: ack, inject: page }, target: 5m }', `${measure}, target: 5 }`));
    const col = '  - { id: acked, measure: '.length + measure.length + ', target: '.length + 1;
    expect(problemsOf(bad)).toEqual([`15:${col}: the target of ${named} objective is a duration from the start of the drill, like "10m"; only rubric targets are scores`]);
  });
});

describe('validateScenario on its own', () => {
  it('writes references to other places as paths when it has no positions', () => {
    const good = loadScenario(BASE);
    if (!good.ok) throw new Error('BASE must load');
    const scenario = { ...good.scenario, roles: [...good.scenario.roles, { id: 'ic', name: 'Second IC', required: false }] };
    expect(validateScenario(scenario)).toEqual([
      { path: ['roles', 2, 'id'], message: 'duplicate role id "ic"; it is already used at roles[0].id', severity: 'error' },
    ]);
  });
});
