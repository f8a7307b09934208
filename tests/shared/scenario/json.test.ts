import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../../../shared/scenario/load';
import { BASE, problemsOf } from './helpers';

const json = (opts: { indent?: string } = {}) => JSON.stringify(parse(BASE), null, opts.indent ?? 2);
const asJson = { format: 'json' as const };

describe('loadScenario: JSON files', () => {
  it('loads the same scenario from JSON as from YAML, tabs and all', () => {
    // `locate` points into each file's own text, so only what was read is compared.
    const { locate: _yamlLocate, ...fromYaml } = loadScenario(BASE);
    for (const text of [json(), json({ indent: '\t' }), JSON.stringify(parse(BASE))]) {
      const { locate: _jsonLocate, ...fromJson } = loadScenario(text, asJson);
      expect(fromJson).toEqual(fromYaml);
      expect(fromJson.ok).toBe(true);
    }
  });

  it('points schema problems at the JSON key or value', () => {
    const text = '{\n  "id": "tiny",\n  "version": 1,\n  "titel": "Tiny drill"\n}\n';
    const problems = problemsOf(text, asJson);
    expect(problems).toContain('4:3: unknown key "titel" — did you mean "title"?');
    expect(problems).toContain('1:1: missing "summary"');
  });

  it('points semantic problems into the JSON text', () => {
    const text = json().replace('"to": [\n            "comms"\n          ]', '"to": [\n            "icc"\n          ]');
    expect(text).not.toEqual(json());
    const line = text.split('\n').findIndex((l) => l.includes('"icc"')) + 1;
    expect(problemsOf(text, asJson)).toEqual([`${line}:13: unknown role "icc" — did you mean "ic"?`]);
  });

  it.each([
    ['a trailing comma', '{\n  "id": "tiny",\n}\n', '2:15: JSON syntax error: JSON does not allow a comma before "}"; remove it'],
    ['a comment', '{\n  // the id\n  "id": "tiny"\n}\n', '2:3: JSON syntax error: JSON does not allow comments; remove it, or write the scenario as YAML'],
    ['single quotes', "{\n  'id': 'tiny'\n}\n", '2:3: JSON syntax error: JSON strings use double quotes, not single quotes'],
    ['a missing comma', '{\n  "id": "tiny"\n  "version": 1\n}\n', '3:3: JSON syntax error: expected "," or "}" after a value'],
    ['a bare word', '{\n  "id": tiny\n}\n', '2:9: JSON syntax error: "tiny" needs double quotes in JSON'],
    ['True with a capital', '{\n  "ok": True\n}\n', '2:9: JSON syntax error: write true in lower case'],
    ['an unquoted key', '{\n  id: "tiny"\n}\n', '2:3: JSON syntax error: a key in JSON needs double quotes'],
    ['a string that spans lines', '{\n  "id": "ti\nny"\n}\n', '2:12: JSON syntax error: a JSON string cannot span lines; write "\\n" for a line break'],
    ['a file cut short', '{\n  "id": "tiny",\n  "roles": [\n', '4:1: JSON syntax error: the JSON ends in the middle of a value; a closing bracket or quote may be missing'],
    ['text after the end', '{ "id": "tiny" }\n}\n', '2:1: JSON syntax error: unexpected text after the end of the JSON value'],
  ])('reports %s with its position', (_name, text, expected) => {
    const result = loadScenario(text, asJson);
    expect(result.ok).toBe(false);
    expect(problemsOf(text, asJson)).toEqual([expected]);
  });

  it('reads the same text leniently as YAML when no format is given', () => {
    const text = json().replace(/\n}\s*$/, ',\n}\n');
    expect(loadScenario(text).ok).toBe(true);
    expect(loadScenario(text, asJson).ok).toBe(false);
  });

  it('reports duplicate keys, which JSON.parse would silently drop', () => {
    const text = json().replace('"title": "Tiny drill",', '"title": "Tiny drill",\n  "title": "Again",');
    expect(problemsOf(text, asJson)).toEqual(['5:3: duplicate key "title"; it is already set on line 4']);
  });
});
