import { ClientPool } from './clients';
import { stop } from './processes';
import { load1, type TimerResult } from './results';
import { createDrills, dbFile, startFiredrill } from './servers';
import { summarize, trend } from './stats';

export interface TimerConfig {
  drillMs: number;
  speed: number;
  dir: string;
  scheduleTs: number[];
  /** The load the timed drill plays next to: drills × participants, each drill with a status post every `postEveryMs`. */
  load: { drills: number; participants: number; postEveryMs: number; workers: number };
}

/**
 * Figure 3: one drill with one participant, played for `drillMs` of drill time at `speed` on a server that plays
 * `load.drills` other drills of `load.participants` participants at the same time (the largest fan-out load, with
 * its status posts). Drift is receipt minus scheduled time for each inject of the timed drill; the trend shows
 * whether it accumulates. The timed drill's client is a worker process of its own, so the load's clients do not
 * delay its receipts.
 */
export async function runTimer(config: TimerConfig, progress: (line: string) => void): Promise<TimerResult> {
  const server = await startFiredrill(dbFile(config.dir, 'timer'));
  const { load } = config;
  const loadPool = load.drills > 0 ? ClientPool.start(load.workers) : undefined;
  const pool = ClientPool.start(1);
  try {
    const setupTimeout = 30_000 + load.drills * load.participants * 50;
    if (loadPool) {
      const slots = await createDrills(server.url, load.drills);
      await loadPool.setup('firedrill', server.url, slots, load.participants, config.scheduleTs, setupTimeout);
    }
    const slots = await createDrills(server.url, 1);
    await pool.setup('firedrill', server.url, slots, 1, config.scheduleTs, 30_000);
    const wallMs = config.drillMs / config.speed;
    progress(`  one drill for ${config.drillMs / 60_000} drill-minutes (${(wallMs / 1000).toFixed(0)} s at x${config.speed})${loadPool ? ` next to ${load.drills} drills × ${load.participants} participants` : ''}`);
    if (loadPool) {
      await loadPool.all('start', { speed: config.speed }, setupTimeout);
      await loadPool.all('post', { everyMs: load.postEveryMs, kind: 'status.post' }, 10_000);
    }
    await pool.all('start', { speed: config.speed }, 30_000);
    const loads: number[] = [];
    const sampler = setInterval(() => loads.push(load1()), 1000);
    await new Promise((resolve) => setTimeout(resolve, wallMs + 200));
    clearInterval(sampler);
    const report = await pool.stop(300, 30_000);
    const background = loadPool ? await loadPool.stop(300, 60_000) : undefined;
    const series = report.injectSeries.filter(([t]) => t <= config.drillMs).sort((a, b) => a[0] - b[0]);
    if (!series.length) throw new Error(`timer: no inject arrived (${report.errors.slice(0, 3).join('; ') || 'no errors reported'})`);
    const drift = series.map(([, latency]) => latency);
    return {
      drillMs: config.drillMs, speed: config.speed, injects: series.length, injectsMissing: report.injectsMissing, drift: summarize(drift), driftTrendMs: trend(drift),
      load: {
        drills: load.drills, participants: load.participants, loadavg: loads.length ? Math.max(...loads) : load1(),
        ...(background ? { inject: summarize(background.injectLatencies), injectsMissing: background.injectsMissing } : {}),
      },
    };
  } finally {
    await loadPool?.close();
    await pool.close();
    await stop(server.child);
  }
}
