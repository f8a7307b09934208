/**
 * Runs the Playwright browser specs when Debian's Chromium is installed, and says plainly when it is not.
 * Playwright never downloads a browser here: playwright.config.ts points at /usr/bin/chromium.
 *
 * Without Chromium nothing runs, but the specs are counted (Playwright lists them without a browser) and
 * test-results/e2e.json records them as skipped, so the CI summary says they were skipped instead of
 * silently leaving them out.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CHROMIUM } from './chromium';

const specs = existsSync('tests/e2e') ? readdirSync('tests/e2e').filter((f) => f.endsWith('.spec.ts')) : [];
if (specs.length === 0) {
  console.log('e2e: no browser specs yet.');
  process.exit(0);
}
if (!existsSync(CHROMIUM)) {
  const listed = spawnSync('npx', ['playwright', 'test', '--list', '--reporter=list'], { encoding: 'utf8' });
  const total = /Total: (\d+) tests?/.exec(listed.stdout ?? '');
  // Listing uses only the list reporter, so it never writes the JSON report the CI summary reads. If even listing
  // fails, every spec file counts as one skipped test rather than none.
  const skipped = total ? Number(total[1]) : specs.length;
  // E2E_RESULTS_DIR lets tests/ci/summary.test.ts check this path without touching the real test-results/.
  const dir = process.env.E2E_RESULTS_DIR ?? 'test-results';
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/e2e.json`, JSON.stringify({ stats: { expected: 0, unexpected: 0, flaky: 0, skipped }, skippedBecause: `${CHROMIUM} is missing` }));
  console.log(`e2e: SKIPPED ${skipped} browser test(s) in ${specs.length} spec file(s): ${CHROMIUM} is missing (apt-get install -y chromium).`);
  process.exit(0);
}
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
