import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../shared/scenario/load';

const DIR = join(import.meta.dirname, '../../../scenarios');
const FILES = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const SCHEMA_LINE = '# yaml-language-server: $schema=./scenario.schema.json';

describe('bundled scenarios', () => {
  it('there are some', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  it.each(FILES)('%s validates with no errors', (file) => {
    const result = loadScenario(readFileSync(join(DIR, file), 'utf8'));
    const problems = result.ok ? [] : result.problems.filter((p) => p.severity === 'error');
    expect(problems.map((p) => `${file}:${p.line}:${p.col}: ${p.message}`)).toEqual([]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(`${result.scenario.id}.yaml`).toBe(file);
  });

  it.each(FILES)('%s starts with the schema line, for editor completion', (file) => {
    expect(readFileSync(join(DIR, file), 'utf8').split('\n')[0]).toBe(SCHEMA_LINE);
  });
});
