import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, loadScenarioDir, loadScenarioFile } from '../../server/scenario-files';
import { BASE, edit } from '../shared/scenario/helpers';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firedrill-scenarios-'));
  writeFileSync(join(dir, 'tiny.yaml'), BASE);
  writeFileSync(join(dir, 'broken.yaml'), edit('id: tiny', 'id: broken', edit('duration: 30m', 'duration: half an hour')));
  writeFileSync(join(dir, 'stuck.yaml'), edit('id: tiny', 'id: stuck', edit('    on:\n      - { when: { escalated: vendor }, goto: recovery }\n  recovery:', '  recovery:')));
  writeFileSync(join(dir, 'zz-copy.yml'), BASE);
  writeFileSync(join(dir, 'scenario.schema.json'), '{}');
  writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scenario files on the server', () => {
  it('loads the good files of a folder and reports the bad ones with file, line, column and severity', () => {
    const { scenarios, problems } = loadScenarioDir(dir);
    expect(scenarios.map((s) => s.id)).toEqual(['stuck', 'tiny']);
    expect(problems.map(formatProblem)).toEqual([
      `${join(dir, 'broken.yaml')}:6:11: "half an hour" is not a duration; write it like "45s", "5m" or "1h30m"`,
      `${join(dir, 'stuck.yaml')}:27:3: warning: state "storm" has no way out (no on or after): once there, the drill only ends when its time runs out`,
      `${join(dir, 'zz-copy.yml')}:1:5: warning: id "tiny" does not match the file name "zz-copy.yml"; rename the file to "tiny.yml" or change the id`,
      `${join(dir, 'zz-copy.yml')}:1:5: scenario id "tiny" is already used by tiny.yaml; this file is skipped`,
    ]);
    expect(problems.map((p) => p.severity)).toEqual(['error', 'warning', 'warning', 'error']);
  });

  it('gives a file with only warnings its scenario', () => {
    const loaded = loadScenarioFile(join(dir, 'stuck.yaml'));
    expect(loaded.scenario?.id).toBe('stuck');
    expect(loaded.problems).toEqual([
      { file: join(dir, 'stuck.yaml'), line: 27, col: 3, severity: 'warning', message: 'state "storm" has no way out (no on or after): once there, the drill only ends when its time runs out' },
    ]);
  });

  it('gives a file with errors no scenario', () => {
    const loaded = loadScenarioFile(join(dir, 'broken.yaml'));
    expect(loaded.scenario).toBeUndefined();
    expect(loaded.problems.map((p) => p.severity)).toEqual(['error']);
  });
});
