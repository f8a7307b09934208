#!/usr/bin/env node
// One plain summary line for a CI run, from the runners' JSON reports and the steps' exit codes in DIR
// (default test-results): ci-steps.txt ("<step> ok|failed" per line), vitest.json, e2e.json. A step that failed
// without a report of its own (typecheck, lint, a runner that crashed) counts as one failure and is named on the
// line before; browser specs that could not run are counted as skipped. Tested by tests/ci/summary.test.ts.
import fs from "node:fs";
import path from "node:path";
const dir = process.argv[2] || "test-results";
let passed = 0, failed = 0, skipped = 0;
const notes = [];
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return undefined; } };
const steps = Object.fromEntries(fs.readFileSync(path.join(dir, "ci-steps.txt"), "utf8").trim().split("\n").map((l) => l.split(" ")));
for (const step of ["typecheck", "lint"]) if (steps[step] !== "ok") { failed += 1; notes.push(`${step} FAILED`); }
const v = read(path.join(dir, "vitest.json"));
if (v) { passed += v.numPassedTests; failed += v.numFailedTests; skipped += (v.numPendingTests || 0) + (v.numTodoTests || 0); }
else { failed += 1; notes.push("unit tests did not report (no test-results/vitest.json)"); }
if (v && steps["test:unit"] !== "ok" && v.numFailedTests === 0) { failed += 1; notes.push("unit test run FAILED outside any test"); }
const e = read(path.join(dir, "e2e.json"));
if (e && e.stats) {
  passed += e.stats.expected + (e.stats.flaky || 0); failed += e.stats.unexpected; skipped += e.stats.skipped;
  if (e.skippedBecause) notes.push(`browser tests SKIPPED (${e.stats.skipped}): ${e.skippedBecause}`);
  if (steps["test:e2e"] !== "ok" && e.stats.unexpected === 0) { failed += 1; notes.push("browser test run FAILED outside any test"); }
} else { failed += 1; notes.push("browser tests did not report (no test-results/e2e.json)"); }
for (const note of notes) console.log(`ci: ${note}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
