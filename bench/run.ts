/**
 * `npm run bench [-- --quick]`: the live-drill benchmark (docs/performance.md). Starts the real server and a
 * bare Socket.IO floor as child processes on loopback, drives them with socket.io clients in worker
 * processes, stops everything it started (by PID) on success, error or deadline, and writes
 * bench/results/latest.json plus a Markdown table on stdout. Progress goes to stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureClientSize } from './client-size';
import { runFanout } from './fanout';
import { parseOptions, type BenchOptions, type Figure } from './options';
import { stopAll } from './processes';
import { runRecovery } from './recovery';
import { machine, sampleLoad, toMarkdown, writeResults, type Results } from './results';
import { injectSchedule, loadBenchScenario, writeBaselineSchedule } from './schedule';
import { runTimer } from './timer';

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(options: BenchOptions): Promise<number> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-'));
  const results: Results = {
    version: 1, mode: options.quick ? 'quick' : 'full', date: new Date().toISOString(), machine: machine(), runtimeMs: 0,
    fanout: [], timer: null, recovery: null, offline: null, memory: null, clientSize: null, errors: [],
  };
  // The machine is shared: its load is sampled through the run and reported with the figures.
  const stopSampling = sampleLoad(results.machine.loadavg);
  const finish = (code: number) => {
    stopSampling();
    results.runtimeMs = Math.round(performance.now() - started);
    writeResults(options.out, results);
    process.stdout.write(`${toMarkdown(results)}\n`);
    progress(`wrote ${options.out}`);
    rmSync(dir, { recursive: true, force: true });
    return code;
  };

  // The whole run is bounded: past the deadline, stop every child and write what was measured.
  const deadline = setTimeout(() => {
    progress(`deadline of ${options.deadlineMs / 1000} s reached: stopping`);
    results.errors.push(`the run hit its ${options.deadlineMs / 1000} s deadline; later figures are missing`);
    void stopAll().then(() => process.exit(finish(1)));
  }, options.deadlineMs);
  deadline.unref();

  const figure = async (name: Figure, title: string, fn: () => Promise<void>) => {
    if (!options.only.includes(name)) return;
    progress(`${title}…`);
    const t0 = performance.now();
    try {
      await fn();
    } catch (error) {
      results.errors.push(`${title}: ${(error as Error).message}`);
      progress(`  failed: ${(error as Error).message}`);
      await stopAll();
    }
    progress(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  };

  const scenario = loadBenchScenario();
  const horizon = Math.min(2 * 3600_000, (options.windowMs + 15_000) * options.speed);
  const schedule = writeBaselineSchedule(scenario, horizon, options.speed, dir);
  if (options.cluster) {
    // Its own figures and results file (bench/cluster.ts); the deadline above still bounds it.
    const code = await (await import('./cluster')).runClusterBench(options, dir, schedule, progress);
    clearTimeout(deadline);
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    return code;
  }

  await figure('offline', 'Scoring and simulation', async () => {
    // Loaded here so that a scoring or simulator module that does not load fails this figure only.
    const { runOffline } = await import('./offline');
    results.offline = runOffline(options.scoreEvents, options.offlineRuns, options.offlineBudgetMs);
  });
  await figure('size', 'Client initial JS size', async () => {
    results.clientSize = await measureClientSize(120_000);
  });
  for (const { drills, participants } of options.sweep) {
    await figure('fanout', `Fan-out ${drills} drills × ${participants} participants`, async () => {
      const config = { drills, participants, windowMs: options.windowMs, postEveryMs: options.postEveryMs, speed: options.speed, workers: options.workers, rounds: options.rounds, dir, schedule: schedule.file, scheduleTs: schedule.ts };
      results.fanout.push(await runFanout(config, progress));
    });
  }
  const largest = [...results.fanout].sort((a, b) => b.sockets - a.sockets)[0];
  if (largest) {
    results.memory = { perDrillKiB: largest.memory.perDrillKiB, perParticipantKiB: largest.memory.perParticipantKiB, fromConfig: `${largest.drills} × ${largest.participants}` };
  }
  await figure('timer', 'Timer accuracy', async () => {
    // Next to the largest fan-out load of the sweep (200 × 10 in the full run), with its status posts.
    const [heaviest] = [...options.sweep].sort((a, b) => b.drills * (b.participants + 1) - a.drills * (a.participants + 1));
    const load = { drills: heaviest?.drills ?? 0, participants: heaviest?.participants ?? 0, postEveryMs: options.postEveryMs, workers: options.workers };
    results.timer = await runTimer({ drillMs: options.timerDrillMs, speed: options.speed, dir, scheduleTs: injectSchedule(scenario, options.timerDrillMs).map((e) => e.t), load }, progress);
  });
  await figure('recovery', 'Recovery after kill -9', async () => {
    results.recovery = await runRecovery({ ...options.recovery, speed: options.speed, workers: options.workers, dir, scheduleTs: schedule.ts, schedule: schedule.file }, progress);
  });

  clearTimeout(deadline);
  await stopAll();
  return finish(results.errors.length ? 1 : 0);
}

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    progress(`${signal}: stopping children`);
    void stopAll().then(() => process.exit(130));
  });
}
main(options).then(
  (code) => process.exit(code),
  async (error: Error) => {
    console.error(error.stack ?? error.message);
    await stopAll();
    process.exit(1);
  },
);
