/**
 * Runs the Playwright browser specs when Debian's Chromium is installed, and says plainly when it is not.
 * Playwright never downloads a browser here: playwright.config.ts points at /usr/bin/chromium.
 */
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CHROMIUM } from './chromium';

const specs = existsSync('tests/e2e') ? readdirSync('tests/e2e').filter((f) => f.endsWith('.spec.ts')) : [];
if (specs.length === 0) {
  console.log('e2e: no browser specs yet.');
  process.exit(0);
}
if (!existsSync(CHROMIUM)) {
  console.log(`e2e: SKIPPED ${specs.length} browser spec file(s): ${CHROMIUM} is missing (apt-get install -y chromium).`);
  process.exit(0);
}
const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
