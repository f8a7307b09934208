import { ClientPool } from './clients';
import { stop } from './processes';
import type { TimerResult } from './results';
import { createDrills, dbFile, startFiredrill } from './servers';
import { summarize, trend } from './stats';

/**
 * Figure 3: one drill with one participant on an otherwise idle server, played for `drillMs` of drill time
 * at `speed`. Drift is receipt minus scheduled time for each inject; the trend shows whether it accumulates.
 */
export async function runTimer(opts: { drillMs: number; speed: number; dir: string; scheduleTs: number[] }, progress: (line: string) => void): Promise<TimerResult> {
  const server = await startFiredrill(dbFile(opts.dir, 'timer'));
  const pool = ClientPool.start(1);
  try {
    const slots = await createDrills(server.url, 1);
    await pool.setup('firedrill', server.url, slots, 1, opts.scheduleTs, 30_000);
    const wallMs = opts.drillMs / opts.speed;
    progress(`  one drill for ${opts.drillMs / 60_000} drill-minutes (${(wallMs / 1000).toFixed(0)} s at x${opts.speed})`);
    await pool.all('start', { speed: opts.speed }, 30_000);
    await new Promise((resolve) => setTimeout(resolve, wallMs + 200));
    const report = await pool.stop(300, 30_000);
    const series = report.injectSeries.filter(([t]) => t <= opts.drillMs).sort((a, b) => a[0] - b[0]);
    if (!series.length) throw new Error(`timer: no inject arrived (${report.errors.slice(0, 3).join('; ') || 'no errors reported'})`);
    const drift = series.map(([, latency]) => latency);
    return { drillMs: opts.drillMs, speed: opts.speed, injects: series.length, injectsMissing: report.injectsMissing, drift: summarize(drift), driftTrendMs: trend(drift) };
  } finally {
    await pool.close();
    await stop(server.child);
  }
}
