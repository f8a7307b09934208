import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../shared/scenario/load';
import { BASE, edit, problemsOf } from './helpers';

const CONDITION_KEYS = 'escalated, replied, posted, role-filled, handed-over, acked, declared, decided, alerted, premature, severity, all, any, not';
const DURATION_HINT = 'write it like "45s", "5m" or "1h30m"';

describe('loadScenario: the schema, in words an author understands', () => {
  it('loads a good file with its defaults filled in', () => {
    const result = loadScenario(BASE);
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    expect(result.warnings).toEqual([]);
    expect(result.scenario.states.storm.injects[0]).toMatchObject({ at: '0s', ack: false, channel: 'social', to: ['comms'] });
    expect(result.scenario.contacts[0].responds).toBe('4m');
  });

  it.each([
    ['an unknown top-level key, pointing at the key', ['title: Tiny drill', 'titel: Tiny drill'], ['3:1: unknown key "titel" — did you mean "title"?']],
    ['an unknown key too far from any other to guess, beside the key it replaced', ['{ id: ic, name: Incident Commander,', '{ id: ic, nom: Incident Commander,'], ['8:5: missing "name" in roles[0]', '8:15: unknown key "nom" in roles[0]']],
    ['an unknown key that is no typo of anything', ['{ id: comms, name: Communications Lead }', '{ id: comms, name: Communications Lead, colour: red }'], ['9:45: unknown key "colour" in roles[1]']],
    ['a missing top-level key, at the enclosing map', ['title: Tiny drill\n', ''], ['1:1: missing "title"']],
    ['a missing key in a flow map', [', responds: 4m }', ' }'], ['11:5: missing "responds" in contacts[0]']],
    ['a missing key in a block map', ['  - { id: ic, name: Incident Commander, required: true }', '  - id: ic\n    required: true'], ['8:5: missing "name" in roles[0]']],
    ['a severity outside the list', ['severity: SEV2', 'severity: SEV9'], ['5:11: severity must be one of SEV1, SEV2, SEV3, SEV4']],
    ['a severity in the wrong case, with a suggestion', ['severity: SEV2', 'severity: sev2'], ['5:11: severity must be one of SEV1, SEV2, SEV3, SEV4 — did you mean "SEV2"?']],
    ['another format version', ['version: 1', 'version: 2'], ['2:10: version must be 1; this Firedrill reads scenario format version 1']],
    ['a duration that is a number', ['responds: 4m', 'responds: 4'], [`11:51: 4 is not a duration; ${DURATION_HINT}`]],
    ['an inject time in words', ['{ at: 1m,', '{ at: 1 minute,'], [`22:15: "1 minute" is not a duration; ${DURATION_HINT}`]],
    ['an id that is not kebab-case', ['{ id: vendor,', '{ id: Vendor_Support,'], ['11:11: "Vendor_Support" is not a valid id: ids are lower-case kebab-case, like "vendor-support" — did you mean "vendor-support"?']],
    ['a state name that is not an id, pointing at the key', ['  storm:\n', '  Storm:\n'], ['27:3: "Storm" is not a valid id: ids are lower-case kebab-case, like "vendor-support" — did you mean "storm"?']],
    ['an empty recipient list', ['to: [comms]', 'to: []'], ['29:32: states.storm.injects[0].to must not be empty']],
    ['an unknown channel', ['channel: social', 'channel: twitter'], ['29:20: states.storm.injects[0].channel must be one of pager, chat, email, support, social, news, vendor, telemetry']],
    ['a weight of zero', ['target: 5m }', 'target: 5m, weight: 0 }'], ['15:76: objectives[0].weight must be more than 0']],
    ['a target of the wrong type', ['target: 5m }', 'target: true }'], ['15:64: objectives[0].target must be a duration like "5m" or a number, not true']],
    ['a target duration in words', ['target: 5m }', 'target: 5 mins }'], [`15:64: "5 mins" is not a duration; ${DURATION_HINT}`]],
    ['an unknown measure kind, with a suggestion', ['{ kind: ack,', '{ kind: acks,'], ['15:35: objectives[0].measure.kind must be one of ack, role-filled, roles-filled, first-post, cadence, escalated, declared, reached, rubric, decision, alert-ack — did you mean "ack"?']],
    ['a measure without a kind', ['{ kind: ack, inject: page }', '{ inject: page }'], ['15:27: missing "kind" in objectives[0].measure; it is one of ack, role-filled, roles-filled, first-post, cadence, escalated, declared, reached, rubric, decision, alert-ack']],
    ['a typo in a measure key: one message, not also "missing"', ['inject: page }', 'injct: page }'], ['15:40: unknown key "injct" in objectives[0].measure — did you mean "inject"?']],
    ['an empty title', ['title: Tiny drill', 'title: ""'], ['3:8: title must not be empty']],
    ['a title with no value, pointing at the key', ['title: Tiny drill', 'title:'], ['3:1: title has no value; it must be text']],
    ['final written as yes', ['{ final: true }', '{ final: yes }'], ['35:18: states.done.final must be true or false, not "yes"']],
    ['a map where a list belongs, with the likely fix', ['    on:\n      - { when: { declared: resolved }, goto: done }', '    on:\n      { when: { declared: resolved }, goto: done }'], ['34:7: states.recovery.on must be a list, not a map; start each entry with "- "']],
    ['a list where a map belongs', ['  done: { final: true }', '  done: [final]'], ['35:9: states.done must be a map of keys, not a list']],
  ])('%s', (_name, [from, to], expected) => {
    expect(problemsOf(edit(from, to))).toEqual(expected);
  });
});

describe('loadScenario: conditions', () => {
  const when = (condition: string) => edit('{ when: { escalated: vendor }, goto: recovery }\n    after:', `{ when: ${condition}, goto: recovery }\n    after:`);

  it.each([
    ['an unknown condition, with a suggestion', '{ escalatd: vendor }', [`24:19: unknown condition "escalatd" in states.detection.on[0].when — did you mean "escalated"? (a condition is one of: ${CONDITION_KEYS})`]],
    ['an unknown condition with nothing close', '{ paged: vendor }', [`24:19: unknown condition "paged" in states.detection.on[0].when; a condition is one of: ${CONDITION_KEYS}`]],
    ['two keys in one condition, pointing at the second', '{ escalated: vendor, posted: status-page }', ['24:38: a condition has one key, but states.detection.on[0].when has 2 (escalated, posted); to combine them write all: [...] or any: [...]']],
    ['a condition that is not a map', 'vendor', [`24:17: states.detection.on[0].when must be a condition, not "vendor"; a condition is one of: ${CONDITION_KEYS}`]],
    ['an empty condition', '{}', [`24:17: states.detection.on[0].when is an empty condition; a condition is one of: ${CONDITION_KEYS}`]],
    ['a bad value deep inside all', '{ all: [{ escalated: vendor }, { posted: statuspage }] }', ['24:58: states.detection.on[0].when.all[1].posted must be one of war-room, status-page — did you mean "status-page"?']],
    ['an unknown condition inside not', '{ not: { declard: mitigated } }', [`24:26: unknown condition "declard" in states.detection.on[0].when.not — did you mean "declared"? (a condition is one of: ${CONDITION_KEYS})`]],
    ['an empty any', '{ any: [] }', ['24:24: states.detection.on[0].when.any must not be empty']],
    ['a number where a contact id belongs', '{ replied: 3 }', ['24:28: states.detection.on[0].when.replied must be text, not 3']],
  ])('%s', (_name, condition, expected) => {
    expect(problemsOf(when(condition as string))).toEqual(expected);
  });

  it('checks `unless` the same way', () => {
    expect(problemsOf(edit('unless: { posted: status-page }', 'unless: { postd: status-page }'))).toEqual([
      `26:30: unknown condition "postd" in states.detection.after[0].unless — did you mean "posted"? (a condition is one of: ${CONDITION_KEYS})`,
    ]);
  });
});

describe('loadScenario: YAML itself', () => {
  it('reports a duplicate key at the second one, with the line of the first', () => {
    expect(problemsOf(edit('summary:', 'title: Tiny drill again\nsummary:'))).toEqual([
      '4:1: duplicate key "title"; it is already set on line 3',
    ]);
  });

  it('reports duplicate keys deep in the file too', () => {
    expect(problemsOf(edit('{ id: page, channel: pager,', '{ id: page, channel: pager, channel: chat,'))).toEqual([
      '21:37: duplicate key "channel"; it is already set on line 21',
    ]);
  });

  it.each([
    ['a tab used for indentation', ['  - { id: ic,', '\t- { id: ic,'], '8:1: YAML syntax error: YAML does not allow tabs for indentation; indent with spaces'],
    ['an unquoted value containing ": "', ['title: Tiny drill', 'title: Drill: the return'], '3:8: YAML syntax error: this line looks like a key inside a value; quote a value that contains ": ", or put the nested keys on their own, more indented lines'],
    ['a quote that is never closed', ['title: Tiny drill', 'title: "Tiny drill'], '3:19: YAML syntax error: a quoted value is never closed; add the closing quote'],
    ['a second document', ['summary:', '---\nsummary:'], '4:1: YAML syntax error: a scenario file holds one YAML document; remove the extra "---"'],
  ])('reports %s with its position', (_name, [from, to], expected) => {
    const result = loadScenario(edit(from, to));
    expect(result.ok).toBe(false);
    expect(problemsOf(edit(from, to))[0]).toBe(expected);
  });

  it('says so when the file is empty or not a map', () => {
    expect(problemsOf('')).toEqual(['1:1: the file is empty: a scenario starts with id, version, title, summary, …']);
    expect(problemsOf('# nothing yet\n')).toEqual(['1:1: the file is empty: a scenario starts with id, version, title, summary, …']);
    expect(problemsOf('- id: tiny\n')).toEqual(['1:1: a scenario is a map of keys (id, version, title, …), not a list']);
  });

  it('reports an alias to an anchor that does not exist', () => {
    expect(problemsOf(edit('title: Tiny drill', 'title: *name'))).toEqual(['3:8: the alias "*name" has no anchor "&name" before it']);
  });
});

describe('loadScenario: the result', () => {
  it('sorts problems by position and gives each its path and severity', () => {
    const result = loadScenario(edit('severity: SEV2', 'severity: SEV9', edit('title: Tiny drill', 'titel: Tiny drill')));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 3, col: 1, path: ['titel'], severity: 'error', message: 'unknown key "titel" — did you mean "title"?' },
      { line: 5, col: 11, path: ['severity'], severity: 'error', message: 'severity must be one of SEV1, SEV2, SEV3, SEV4' },
    ]);
  });

  it('keeps a file with only warnings usable, and reports the warnings', () => {
    const result = loadScenario(edit('{ channel: social, to: [comms], title: Why is nobody saying anything? }', '{ channel: social, to: [comms] }'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([
      { line: 29, col: 9, path: ['states', 'storm', 'injects', 0], severity: 'warning', message: 'this inject has no title and no telemetry, so the team would see an empty message' },
    ]);
  });

  it('a file with errors lists its warnings among the problems', () => {
    const text = edit('to: [comms], title: Why is nobody saying anything?', 'to: [coms]');
    expect(problemsOf(text)).toEqual([
      '29:9: warning: this inject has no title and no telemetry, so the team would see an empty message',
      '29:33: unknown role "coms" — did you mean "comms"?',
    ]);
  });
});
