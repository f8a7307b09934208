import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers';
import { run, SCHEMA_FILE, schemaFileText } from '../../server/cli/schema';
import { scenarioJsonSchema } from '../../shared/scenario/schema';

let dir: string;

async function schema(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, out, err } = await runCli(run, args);
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join('');
  return { code, out: text(out), err: text(err) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firedrill-schema-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firedrill schema', () => {
  it('writes the JSON Schema pretty-printed with two spaces and a trailing newline', async () => {
    const out = join(dir, 'written.json');
    expect((await schema('--out', out)).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(JSON.parse(text)).toEqual(scenarioJsonSchema());
    expect(text).toBe(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    expect(text.split('\n')[1]).toMatch(/^ {2}"/);
  });

  it('--check passes on the committed file', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schemaFileText());
    expect(await schema('--check')).toMatchObject({ code: 0 });
  });

  it('--check fails with what to run when the file is stale, and changes nothing', async () => {
    const stale = join(dir, 'stale.json');
    writeFileSync(stale, '{}\n');
    const { code, err } = await schema('--check', '--out', stale);
    expect(code).toBe(1);
    expect(err).toContain('is stale: it no longer matches shared/scenario/schema.ts. Run `npm run firedrill -- schema` and commit the file.');
    expect(readFileSync(stale, 'utf8')).toBe('{}\n');
  });

  it('--check fails when the file is missing', async () => {
    const { code, err } = await schema('--check', '--out', join(dir, 'nowhere.json'));
    expect(code).toBe(1);
    expect(err).toContain('is missing: run `npm run firedrill -- schema` and commit the file.');
  });

  it('refuses arguments it does not know', async () => {
    const { code, err } = await schema('--chek');
    expect(code).toBe(2);
    expect(err).toContain('Unknown argument "--chek".');
  });
});
