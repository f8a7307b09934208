import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// The CI summary line is what a reviewer reads first. Defect #16.10: with Chromium missing it said
// "351 passed, 0 failed, 0 skipped", and a failed typecheck or lint read "0 passed, 0 failed, 0 skipped".

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function results(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fd-ci-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return dir;
}
const summary = (dir: string) => execFileSync('node', ['.ci/summary.mjs', dir], { encoding: 'utf8' }).trim().split('\n');
const allOk = 'typecheck ok\nlint ok\ntest:unit ok\ntest:e2e ok\n';
const unit = { numPassedTests: 351, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };

describe('CI summary line', () => {
  it('adds unit and browser results when everything ran', () => {
    const lines = summary(results({ 'ci-steps.txt': allOk, 'vitest.json': unit, 'e2e.json': { stats: { expected: 18, unexpected: 0, flaky: 1, skipped: 0 } } }));
    expect(lines).toEqual(['370 passed, 0 failed, 0 skipped']);
  });

  it('counts browser specs as skipped, and says why, when Chromium is missing', () => {
    const dir = results({ 'ci-steps.txt': allOk, 'vitest.json': unit });
    // The real runner, pointed at a browser that does not exist, writes the skip report.
    execFileSync('npx', ['tsx', 'tests/e2e/run.ts'], { env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', E2E_RESULTS_DIR: dir }, encoding: 'utf8' });
    const report = JSON.parse(readFileSync(join(dir, 'e2e.json'), 'utf8')) as { stats: { skipped: number } };
    expect(report.stats.skipped).toBeGreaterThan(10);
    const lines = summary(dir);
    expect(lines[0]).toMatch(/^ci: browser tests SKIPPED \(\d+\): \/nonexistent\/chromium is missing$/);
    expect(lines[1]).toBe(`351 passed, 0 failed, ${report.stats.skipped} skipped`);
  }, 60_000);

  it('names a failed typecheck and lint instead of reading 0 failed', () => {
    const lines = summary(results({ 'ci-steps.txt': 'typecheck failed\nlint failed\ntest:unit ok\ntest:e2e ok\n', 'vitest.json': unit, 'e2e.json': { stats: { expected: 18, unexpected: 0, skipped: 0 } } }));
    expect(lines).toEqual(['ci: typecheck FAILED', 'ci: lint FAILED', '369 passed, 2 failed, 0 skipped']);
  });

  it('counts a runner that crashed without a report as a failure', () => {
    const lines = summary(results({ 'ci-steps.txt': 'typecheck ok\nlint ok\ntest:unit failed\ntest:e2e failed\n' }));
    expect(lines).toEqual([
      'ci: unit tests did not report (no test-results/vitest.json)',
      'ci: browser tests did not report (no test-results/e2e.json)',
      '0 passed, 2 failed, 0 skipped',
    ]);
  });

  it('counts a unit run that failed outside any test', () => {
    const lines = summary(results({ 'ci-steps.txt': 'typecheck ok\nlint ok\ntest:unit failed\ntest:e2e ok\n', 'vitest.json': unit, 'e2e.json': { stats: { expected: 1, unexpected: 0, skipped: 0 } } }));
    expect(lines).toEqual(['ci: unit test run FAILED outside any test', '352 passed, 1 failed, 0 skipped']);
  });
});
