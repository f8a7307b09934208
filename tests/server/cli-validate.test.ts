import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../server/cli/validate';
import { runCli } from './cli-helpers';
import { BASE, edit } from '../shared/scenario/helpers';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
const file = (name: string) => join(dir, name);

/** Runs `validate` in-process and returns its exit code and everything it printed, one string per line. */
function validate(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  return runCli(run, args);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firedrill-validate-'));
  writeFileSync(file('tiny.yaml'), BASE);
  writeFileSync(file('bad.yaml'), edit('id: tiny', 'id: bad', edit('to: [comms]', 'to: [icc]')));
  writeFileSync(file('layers.yaml'), edit('id: tiny', 'id: layers', edit('duration: 30m', 'duration: 30 minutes', edit('to: [comms]', 'to: [icc]'))));
  writeFileSync(file('renamed.yaml'), BASE);
  writeFileSync(file('tiny-json.json'), JSON.stringify({ ...parse(BASE), id: 'tiny-json' }, null, 2));
  mkdirSync(file('folder'));
  writeFileSync(join(dir, 'folder', 'tiny.yaml'), BASE);
  writeFileSync(join(dir, 'folder', 'scenario.schema.json'), '{}');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firedrill validate', () => {
  it('prints one ok line per good file and exits 0', async () => {
    expect(await validate(file('tiny.yaml'), file('tiny-json.json'))).toEqual({
      code: 0,
      out: [
        `ok  ${file('tiny.yaml')} — Tiny drill (4 states, 3 injects, 2 objectives)`,
        `ok  ${file('tiny-json.json')} — Tiny drill (4 states, 3 injects, 2 objectives)`,
      ],
      err: [],
    });
  });

  it('prints each problem as path:line:col: message and exits 1 when any file has an error', async () => {
    const { code, out } = await validate(file('bad.yaml'), file('tiny.yaml'));
    expect(code).toBe(1);
    expect(out).toEqual([
      `${file('bad.yaml')}:29:33: unknown role "icc" — did you mean "ic"?`,
      `ok  ${file('tiny.yaml')} — Tiny drill (4 states, 3 injects, 2 objectives)`,
    ]);
  });

  it('prints a schema error and a reference error behind it in one run', async () => {
    const { code, out } = await validate(file('layers.yaml'));
    expect(code).toBe(1);
    expect(out).toEqual([
      `${file('layers.yaml')}:6:11: "30 minutes" is not a duration; write it like "45s", "5m" or "1h30m"`,
      `${file('layers.yaml')}:29:33: unknown role "icc" — did you mean "ic"?`,
    ]);
  });

  it('prints warnings with "warning:" and still calls the file ok', async () => {
    expect(await validate(file('renamed.yaml'))).toEqual({
      code: 0,
      out: [
        `${file('renamed.yaml')}:1:5: warning: id "tiny" does not match the file name "renamed.yaml"; rename the file to "tiny.yaml" or change the id`,
        `ok  ${file('renamed.yaml')} — Tiny drill (4 states, 3 injects, 2 objectives)`,
      ],
      err: [],
    });
  });

  it('reports a file that does not exist', async () => {
    const { code, out } = await validate(file('missing.yaml'));
    expect(code).toBe(1);
    expect(out).toEqual([`${file('missing.yaml')}:1:1: cannot read the file: no such file`]);
  });

  it('checks every scenario in a folder, but not the JSON Schema beside them', async () => {
    const { code, out } = await validate(join(dir, 'folder'));
    expect(code).toBe(0);
    expect(out).toEqual([`ok  ${join(dir, 'folder', 'tiny.yaml')} — Tiny drill (4 states, 3 injects, 2 objectives)`]);
  });

  it('reports two files with the same scenario id', async () => {
    const { code, out } = await validate(file('tiny.yaml'), join(dir, 'folder', 'tiny.yaml'));
    expect(code).toBe(1);
    expect(out).toEqual([
      `ok  ${file('tiny.yaml')} — Tiny drill (4 states, 3 injects, 2 objectives)`,
      `${join(dir, 'folder', 'tiny.yaml')}:1:5: scenario id "tiny" is already used by ${file('tiny.yaml')}`,
    ]);
  });

  it('explains itself and exits 2 when given nothing to check', async () => {
    const { code, err } = await validate();
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('Usage: npm run firedrill -- validate <files or folders...>');
  });

  it('sets the process exit code through the CLI dispatcher', () => {
    const cli = (...args: string[]) => spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['server/cli.ts', 'validate', ...args], { cwd: ROOT, encoding: 'utf8' });
    const good = cli(file('tiny.yaml'));
    expect(good.status).toBe(0);
    expect(good.stdout).toBe(`ok  ${file('tiny.yaml')} — Tiny drill (4 states, 3 injects, 2 objectives)\n`);
    const bad = cli(file('bad.yaml'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe(`${file('bad.yaml')}:29:33: unknown role "icc" — did you mean "ic"?\n`);
  });
});
