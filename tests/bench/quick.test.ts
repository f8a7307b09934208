import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Results } from '../../bench/results';

/**
 * Smoke test of the benchmark harness: `npm run bench -- --quick` runs end to end (real server, baseline,
 * client workers, kill -9 recovery) and writes every figure. It asserts that the figures are there and
 * numeric, never how fast anything was: timings on a shared CI machine are not a test.
 */
const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-test-'));
const out = join(dir, 'latest.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runQuick(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGTERM'), 150_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const numeric = (value: unknown) => expect(typeof value === 'number' && Number.isFinite(value), `${String(value)} is a number`).toBe(true);
const summary = (s: unknown) => {
  for (const key of ['n', 'p50', 'p95', 'p99', 'max', 'mean']) numeric((s as Record<string, unknown>)[key]);
};

describe('npm run bench -- --quick', () => {
  it('writes every figure, numeric, with baselines and ratios', { timeout: 160_000 }, async () => {
    const run = await runQuick();
    expect(run.code, run.output).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8')) as Results;
    expect(results.errors).toEqual([]);
    expect(results.fanout.length).toBeGreaterThan(0);
    for (const f of results.fanout) {
      for (const target of [f.firedrill, f.baseline]) {
        summary(target.inject);
        summary(target.postAck);
        summary(target.postAll);
        // Every drill's start reached its whole team, on both sides.
        expect(target.startAll?.n).toBe(f.drills);
        summary(target.startAll!);
      }
      for (const r of Object.values(f.ratio)) numeric(r);
      expect(f.rounds.length).toBeGreaterThan(0);
      for (const round of f.rounds) {
        summary(round.firedrill.inject);
        summary(round.baseline.inject);
        numeric(round.ratio.injectP99);
        numeric(round.loadavg.firedrill);
      }
      numeric(f.ratioSpread.injectP99!.min);
      numeric(f.ratioSpread.postAllP99!.max);
      numeric(f.memory.perDrillKiB);
      numeric(f.memory.perParticipantKiB);
      // CPU while playing, from /proc: the server's event loop is part of the whole server, and both sides did work.
      for (const side of [f.cpu!.firedrill, f.cpu!.baseline]) {
        for (const share of [side.eventLoop, side.server, side.clients]) {
          numeric(share);
          expect(share).toBeGreaterThan(0);
        }
        expect(side.eventLoop).toBeLessThanOrEqual(side.server + 0.01); // read a moment apart: one 10 ms tick of slack
      }
      numeric(f.cpu!.ratio.eventLoop);
    }
    for (const key of ['start', 'end', 'max', 'mean'] as const) numeric(results.machine.loadavg[key]);
    summary(results.timer!.drift);
    numeric(results.timer!.driftTrendMs);
    // The timed drill plays next to the sweep's largest load (5 × 3 in the quick run), whose injects are measured too.
    expect(results.timer!.load).toMatchObject({ drills: 5, participants: 3 });
    summary(results.timer!.load.inject!);
    for (const key of ['spawnToReadyMs', 'readyToResyncedMs', 'totalMs', 'ackedCommands', 'lostCommands', 'restoreMs', 'readyToFirstViewMs', 'fromSnapshot', 'fullReplay'] as const) numeric(results.recovery![key]);
    // The recovery floor: the bare server killed and restarted the same way, every socket back, with Firedrill's views.
    const floor = results.recovery!.floor!;
    for (const key of ['spawnToReadyMs', 'readyToFirstViewMs', 'readyToResyncedMs', 'totalMs'] as const) numeric(floor[key]);
    expect(floor.resyncFailures).toBe(0);
    expect(floor.errors).toEqual([]);
    // The participant's view holds less than the facilitator's (no script, no facilitator notes), and both hold something.
    expect(floor.viewBytes.participant).toBeGreaterThan(500);
    expect(floor.viewBytes.facilitator).toBeGreaterThan(floor.viewBytes.participant);
    numeric(results.recovery!.ratio!.readyToResynced);
    numeric(results.recovery!.ratio!.total);
    for (const key of ['scoreMs', 'scoreEvents', 'simulateMs'] as const) numeric(results.offline![key]);
    numeric(results.memory!.perDrillKiB);
    numeric(results.memory!.perParticipantKiB);
    numeric(results.clientSize!.gzipBytes);
    // The room loads one JavaScript file: a module split the wrong way makes the bundler add shared chunks to the
    // first load (it happened twice: lazy pages of their own, and shared/drill/state.ts split into three modules).
    expect(results.clientSize!.files).toHaveLength(1);
    for (const part of ['js', 'css', 'workers'] as const) numeric(results.clientSize!.studio![part].gzipBytes);
    expect(run.output).toContain('| Drills × participants |');
    expect(run.output).toContain('| CPU while playing, 5 × 3');
    expect(run.output).toContain('| Start sent → every participant has the running clock,');
    expect(run.output).toContain('| Recovery floor: bare Socket.IO,');
  });
});
