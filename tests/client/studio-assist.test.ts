import { describe, expect, it } from 'vitest';
import { SchemaNavigator, type JsonSchema } from '../../client/src/studio/schema-nav';
import { cursorContext } from '../../client/src/studio/yaml-cursor';
import { scenarioJsonSchema } from '../../shared/scenario/schema';
import { BASE } from '../shared/scenario/helpers';

/** The text with `|` marking the cursor. */
function at(textWithCursor: string) {
  const pos = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, pos) + textWithCursor.slice(pos + 1);
  return cursorContext(text, pos);
}
const nav = new SchemaNavigator(scenarioJsonSchema() as JsonSchema);
const keysAt = (textWithCursor: string) => {
  const ctx = at(textWithCursor)!;
  return nav.keys(ctx.path, ctx.root).map((k) => k.key).filter((k) => !ctx.siblings.includes(k));
};

describe('where the cursor is in a scenario being typed', () => {
  it('finds a key being typed in a block map, by indentation', () => {
    const ctx = at(BASE.replace('    injects:\n      - { channel: social', '    inj|\n    injects:\n      - { channel: social'));
    expect(ctx).toMatchObject({ mode: 'key', path: ['states', 'storm'], typed: 'inj', siblings: ['injects', 'on'] });
  });

  it('finds a key being typed in a flow map', () => {
    expect(at(BASE.replace('{ id: page, channel: pager,', '{ id: page, cha|, channel: pager,'))).toMatchObject({ mode: 'key', path: ['states', 'detection', 'injects', 0], typed: 'cha' });
  });

  it('finds a value being typed, in block and flow style, also on an unfinished line', () => {
    expect(at(BASE.replace('initial: detection', 'initial: det|'))).toMatchObject({ mode: 'value', path: ['initial'], typed: 'det' });
    expect(at(BASE.replace('goto: storm }', 'goto: st|'))).toMatchObject({ mode: 'value', path: ['states', 'detection', 'after', 0, 'goto'] });
    expect(at(BASE.replace('to: [comms]', 'to: [comms, |]'))).toMatchObject({ mode: 'value', path: ['states', 'storm', 'injects', 0, 'to', 1] });
    expect(at(BASE.replace('{ when: { escalated: vendor }, goto: recovery }\n  recovery', '{ when: { escalated: |\n  recovery'))).toMatchObject({ mode: 'value', path: ['states', 'storm', 'on', 0, 'when', 'escalated'] });
  });

  it('says nothing inside comments, quoted text and block text', () => {
    expect(at(BASE.replace('title: Tiny drill', 'title: "Tiny dr|ill"'))).toBeUndefined();
    expect(at(BASE.replace('title: Tiny drill', 'title: Tiny drill # a com|ment'))).toBeUndefined();
    expect(at(BASE.replace('summary: A scenario written for the loader tests.', 'summary: |\n  A scenario wr|itten'))).toBeUndefined();
  });
});

describe('what the JSON Schema allows there', () => {
  it('offers the keys a state may have that are not written yet', () => {
    expect(keysAt(BASE.replace('  done: { final: true }', '  done: { final: true }\n  later:\n    |'))).toEqual(['description', 'injects', 'on', 'after', 'fixed', 'fault', 'final']);
    expect(keysAt(BASE.replace('    injects:\n      - { channel: social', '    |\n    injects:\n      - { channel: social'))).toEqual(['description', 'after', 'fixed', 'fault', 'final']);
  });

  it('offers the keys of the measure kind already written, and every kind\'s keys before one is', () => {
    expect(keysAt(BASE.replace('{ kind: ack, inject: page }', '{ kind: escalated, | }'))).toEqual(['contact']);
    expect(keysAt(BASE.replace('{ kind: ack, inject: page }', '{ | }'))).toEqual(expect.arrayContaining(['kind', 'inject', 'role', 'contact', 'status', 'state', 'channel']));
  });

  it('offers every condition key inside a condition', () => {
    expect(keysAt(BASE.replace('{ when: { escalated: vendor }, goto: recovery }\n  recovery', '{ when: { | }, goto: recovery }\n  recovery'))).toEqual(
      ['escalated', 'replied', 'posted', 'role-filled', 'handed-over', 'acked', 'declared', 'decided', 'alerted', 'premature', 'severity', 'all', 'any', 'not'],
    );
  });

  it('knows the allowed values and describes what a value must be', () => {
    const channel = nav.at(['states', 'detection', 'injects', 0, 'channel'], {});
    expect(nav.values(channel)).toEqual(['pager', 'chat', 'email', 'support', 'social', 'news', 'vendor', 'telemetry']);
    expect(nav.values(nav.at(['states', 'x', 'final'], {}))).toEqual([true, false]);
    expect(nav.values(nav.at(['version'], {}))).toEqual([1]);
    expect(nav.describe(nav.at(['roles', 0, 'id'], {}))).toBe('an id (lower-case kebab-case)');
    expect(nav.describe(nav.at(['duration'], {}), 'duration')).toBe('a duration like "45s", "5m" or "1h30m"');
    expect(nav.describe(nav.at(['objectives', 0, 'target'], {}), 'target')).toContain('score 0–100');
    const posted = nav.at(['states', 'a', 'on', 0, 'when', 'posted'], { states: { a: { on: [{ when: { posted: 'x' } }] } } });
    expect(nav.values(posted)).toEqual(['war-room', 'status-page']);
  });

  it('says which keys are required', () => {
    const role = nav.keys(['roles', 0], { roles: [{}] });
    expect(role.filter((k) => k.required).map((k) => k.key)).toEqual(['id', 'name']);
  });
});

describe('completion and problems in the editor', async () => {
  const { CompletionContext } = await import('@codemirror/autocomplete');
  const { EditorState, Text } = await import('@codemirror/state');
  const { completeScenario, toDiagnostics } = await import('../../client/src/studio/assist');
  const { referencesOf } = await import('../../client/src/studio/references');
  const { loadScenario } = await import('../../shared/scenario/load');
  const loaded = loadScenario(BASE);
  if (!loaded.ok) throw new Error('BASE does not load');
  const complete = completeScenario({ nav, references: () => referencesOf(loaded.scenario) });
  const labels = (textWithCursor: string, explicit = false) => {
    const pos = textWithCursor.indexOf('|');
    const state = EditorState.create({ doc: textWithCursor.slice(0, pos) + textWithCursor.slice(pos + 1) });
    const result = complete(new CompletionContext(state, pos, explicit));
    return result ? result.options.map((o) => o.label) : null;
  };

  it('completes a goto with the states of the scenario', () => {
    expect(labels(BASE.replace('goto: storm }', 'goto: | }'))).toEqual(['detection', 'storm', 'recovery', 'done']);
  });

  it('completes recipients with all and the roles, a channel with its values, a contact with the contacts', () => {
    expect(labels(BASE.replace('to: [comms]', 'to: [|]'))).toEqual(['all', 'ic', 'comms']);
    expect(labels(BASE.replace('channel: social', 'channel: |'))).toEqual(['pager', 'chat', 'email', 'support', 'social', 'news', 'vendor', 'telemetry']);
    expect(labels(BASE.replace('{ when: { escalated: vendor }, goto: recovery }\n  recovery', '{ when: { escalated: | }, goto: recovery }\n  recovery'))).toEqual(['vendor']);
    // An ack objective only offers injects the team can acknowledge.
    expect(labels(BASE.replace('inject: page }', 'inject: | }'))).toEqual(['page']);
  });

  it('completes keys once a letter is typed (or on Ctrl-Space), not on every new line', () => {
    const newLine = BASE.replace('  done: { final: true }', '  done: { final: true }\n  later:\n    |');
    expect(labels(newLine)).toBeNull();
    expect(labels(newLine, true)).toEqual(['description', 'injects', 'on', 'after', 'fixed', 'fault', 'final']);
  });

  it('puts each problem on its words, with the suggested fix as an action', () => {
    const text = BASE.replace('to: [comms]', 'to: [icc]');
    const result = loadScenario(text);
    if (result.ok) throw new Error('should not load');
    const doc = Text.of(text.split('\n'));
    const [diagnostic] = toDiagnostics(doc, result.problems);
    expect(doc.sliceString(diagnostic.from, diagnostic.to)).toBe('icc');
    expect(diagnostic).toMatchObject({ severity: 'error', message: 'unknown role "icc" — did you mean "ic"?', source: 'line 29, column 33' });
    expect(diagnostic.actions?.map((a) => a.name)).toEqual(['Use "ic"']);
  });

  it('underlines a key, and a whole quoted value', () => {
    const text = BASE.replace('title: Tiny drill', 'titel: Tiny drill').replace('severity: SEV2', 'severity: "SEV 2"');
    const result = loadScenario(text);
    if (result.ok) throw new Error('should not load');
    const doc = Text.of(text.split('\n'));
    const spans = toDiagnostics(doc, result.problems).map((d) => doc.sliceString(d.from, d.to));
    expect(spans).toEqual(['titel', '"SEV 2"']);
  });
});
