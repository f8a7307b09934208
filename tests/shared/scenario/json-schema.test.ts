import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../shared/scenario/schema';

const SCHEMA_FILE = join(import.meta.dirname, '../../../scenarios/scenario.schema.json');
const STALE = 'scenarios/scenario.schema.json is stale: run `npm run firedrill -- schema` and commit the file';

describe('scenarios/scenario.schema.json', () => {
  it('is what the zod schema generates today', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(JSON.parse(committed), STALE).toEqual(scenarioJsonSchema());
    expect(committed, `${STALE} (it is formatted by that command)`).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  });

  it('lets an editor complete the keys an author types', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: unknown };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['id', 'version', 'title', 'duration', 'roles', 'objectives', 'initial', 'states']));
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'title', 'summary', 'severity', 'duration', 'roles', 'initial', 'states']));
    // Strict objects: an editor underlines a typo'd key just as the loader does.
    expect(schema.additionalProperties).toBe(false);
  });
});
