import { defineConfig } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROMIUM, CHROMIUM_ARGS } from './tests/e2e/chromium';

mkdirSync('test-results', { recursive: true });

/**
 * Browser specs in Debian's Chromium (never a downloaded browser). One real server for the run (global setup
 * starts it on a free port with a temporary SQLite file); specs run one at a time because the drills are timed
 * and the machines are small.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  globalSetup: './tests/e2e/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    reducedMotion: 'reduce',
  },
});
