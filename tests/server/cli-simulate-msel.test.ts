import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/msel/csv';
import { run as exportMsel } from '../../server/cli/export-msel';
import { run as importMsel } from '../../server/cli/import-msel';
import { run as simulate } from '../../server/cli/simulate';
import { loadScenarioFile } from '../../server/scenario-files';
import { runCli } from './cli-helpers';

const ROOT = join(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'tests/fixtures/msel/payment-provider-outage.csv');
let dir: string;

/** Runs a CLI command in-process; returns its exit code and what it printed on stdout and stderr. */
async function cli(run: (args: string[]) => Promise<number>, ...args: string[]) {
  const { code, out, err } = await runCli(run, args);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'firedrill-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('firedrill simulate', () => {
  const scenario = join(ROOT, 'scenarios/partner-db-down.yaml');

  it('prints the full scorecard as JSON with --json, and a textbook team scores high', async () => {
    const { code, out } = await cli(simulate, scenario, '--team', 'textbook', '--seed', '3', '--json');
    expect(code).toBe(0);
    const card = JSON.parse(out) as { overall: number; scenario: { id: string } };
    expect(card.scenario.id).toBe('partner-db-down');
    expect(card.overall).toBeGreaterThanOrEqual(85);
  });

  it('is reproducible with a seed and tells a silent team apart', async () => {
    const first = await cli(simulate, scenario, '--team', 'silent', '--seed', '9', '--json');
    const again = await cli(simulate, scenario, '--team', 'silent', '--seed', '9', '--json');
    expect(first.out).toBe(again.out);
    expect((JSON.parse(first.out) as { overall: number }).overall).toBeLessThanOrEqual(25);
  });

  it('prints a readable summary by default', async () => {
    const { code, out } = await cli(simulate, scenario, '--team', 'slow');
    expect(code).toBe(0);
    expect(out).toMatch(/overall/i);
    expect(out).toContain('Your partner database just went down');
  });

  it('refuses an unknown team with the choices and exit code 2', async () => {
    const { code, err } = await cli(simulate, scenario, '--team', 'heroic');
    expect(code).toBe(2);
    expect(err).toContain('There is no team "heroic"; choose textbook, slow, silent, chaotic, declare-victory, keyword-stuffer, blame-shifter.');
  });

  it('--all prints a row for every bundled scenario and exits 0 when each separates the teams', async () => {
    const { code, out } = await cli(simulate, '--all');
    expect(code).toBe(0);
    const ids = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace('.yaml', ''));
    // `yes*`: separates, with a caveat printed below the table (a scenario without `fixed` states).
    for (const id of ids) expect(out).toMatch(new RegExp(`^${id}\\s.*\\byes\\*?$`, 'm'));
    expect(out).toMatch(/^partner-db-down\s.*\byes$/m);
  });
});

describe('firedrill import-msel / export-msel', () => {
  it('imports the sample MSEL into a scenario that validates, and exports it back with every inject', async () => {
    const yamlFile = join(dir, 'payment-provider-outage.yaml');
    const imported = await cli(importMsel, SAMPLE, '--out', yamlFile);
    expect(imported.code).toBe(0);
    const loaded = loadScenarioFile(yamlFile);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(readFileSync(yamlFile, 'utf8').startsWith('# yaml-language-server: $schema=./scenario.schema.json')).toBe(true);

    const csvFile = join(dir, 'round-trip.csv');
    const exported = await cli(exportMsel, yamlFile, '--out', csvFile);
    expect(exported.code).toBe(0);
    const titles = (text: string) => {
      const parsed = parseCsv(text);
      if (!parsed.ok) throw new Error(parsed.message);
      const [header, ...rows] = parsed.records.map((r) => r.fields);
      const column = header.indexOf('title');
      return rows.map((row) => row[column]).filter(Boolean).sort();
    };
    expect(titles(readFileSync(csvFile, 'utf8'))).toEqual(titles(readFileSync(SAMPLE, 'utf8')));
  });

  it('reports a bad row as row and column, writes nothing and exits 1', async () => {
    const bad = join(dir, 'bad.csv');
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    lines[2] = lines[2].replace('T+02:00', '7 minutes');
    writeFileSync(bad, lines.join('\n'));
    const out = join(dir, 'never.yaml');
    const result = await cli(importMsel, bad, '--out', out);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/row 3, column "time": "7 minutes" is not a time/);
    expect(() => readFileSync(out)).toThrow();
  });
});
