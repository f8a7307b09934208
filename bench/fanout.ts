import { ClientPool } from './clients';
import { rssKiB, stop, type Spawned } from './processes';
import type { FanoutResult, MemorySample, TargetRun } from './results';
import { baselineSlots, createDrills, dbFile, startBaseline, startFiredrill } from './servers';
import { ratio, summarize } from './stats';
import type { DrillSlot, StopReport, Target } from './worker-protocol';

export interface FanoutConfig {
  drills: number;
  participants: number;
  windowMs: number;
  postEveryMs: number;
  speed: number;
  workers: number;
  /** Temp folder for SQLite files. */
  dir: string;
  /** The baseline server's schedule file, and the drill times in it (bench/schedule.ts). */
  schedule: string;
  scheduleTs: number[];
}

const SETTLE_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory after a short pause, so that the last burst of work has settled. */
async function settledRss(pid: number): Promise<number> {
  await sleep(500);
  return rssKiB(pid);
}

interface Played { report: StopReport; rss: { idle: number; drills: number; joined: number }; sockets: number }

/** One target at one load: start the server, fill the rooms, play for the window, collect, stop everything. */
async function play(target: Target, config: FanoutConfig, progress: (line: string) => void): Promise<Played> {
  const server: Spawned = target === 'firedrill'
    ? await startFiredrill(dbFile(config.dir, `fanout-${config.drills}x${config.participants}`))
    : await startBaseline(config.schedule);
  const pid = server.child.pid!;
  const pool = ClientPool.start(config.workers);
  try {
    const idle = await settledRss(pid);
    const slots: DrillSlot[] = target === 'firedrill' ? await createDrills(server.url, config.drills) : baselineSlots(config.drills);
    const drills = await settledRss(pid);
    const setupTimeout = 30_000 + config.drills * config.participants * 50;
    const sockets = await pool.setup(target, server.url, slots, config.participants, config.scheduleTs, setupTimeout);
    const joined = await settledRss(pid);
    progress(`  ${target}: ${sockets} sockets joined; playing ${config.windowMs / 1000} s at x${config.speed}`);
    await pool.all('start', { speed: config.speed }, setupTimeout);
    await pool.all('post', { everyMs: config.postEveryMs, kind: 'status.post' }, 10_000);
    await sleep(config.windowMs);
    const report = await pool.stop(SETTLE_MS, 60_000);
    return { report, rss: { idle, drills, joined }, sockets };
  } finally {
    await pool.close();
    await stop(server.child);
  }
}

function targetRun(r: StopReport, what: string): TargetRun {
  if (!r.injectLatencies.length) throw new Error(`${what}: no inject was received (${r.errors.slice(0, 3).join('; ') || 'no errors reported'})`);
  if (!r.postAll.length) throw new Error(`${what}: no post reached every room member (${r.errors.slice(0, 3).join('; ') || 'no errors reported'})`);
  return {
    inject: summarize(r.injectLatencies), injectsMissing: r.injectsMissing, injectsExpected: r.injectsExpected,
    postAck: summarize(r.postAck), postAll: summarize(r.postAll),
    postsSent: r.postsSent, postsRefused: r.postsRefused, postsIncomplete: r.postsIncomplete, errors: r.errors.slice(0, 10),
  };
}

/** Figure 1, 2 and the memory part of 6 at one load: Firedrill, then bare Socket.IO on the same layout. */
export async function runFanout(config: FanoutConfig, progress: (line: string) => void): Promise<FanoutResult> {
  const label = `${config.drills}x${config.participants}`;
  const real = await play('firedrill', config, progress);
  const floor = await play('baseline', config, progress);
  const firedrill = targetRun(real.report, `firedrill ${label}`);
  const baseline = targetRun(floor.report, `baseline ${label}`);
  const memory: MemorySample = {
    serverIdleKiB: real.rss.idle, serverDrillsKiB: real.rss.drills, serverJoinedKiB: real.rss.joined,
    perDrillKiB: round((real.rss.drills - real.rss.idle) / config.drills),
    perParticipantKiB: round((real.rss.joined - real.rss.drills) / (config.drills * (config.participants + 1))),
    baselineIdleKiB: floor.rss.idle, baselineJoinedKiB: floor.rss.joined,
    baselinePerSocketKiB: round((floor.rss.joined - floor.rss.idle) / floor.sockets),
  };
  return {
    drills: config.drills, participants: config.participants, sockets: real.sockets, windowMs: config.windowMs,
    firedrill, baseline,
    ratio: {
      injectP50: ratio(firedrill.inject.p50, baseline.inject.p50), injectP95: ratio(firedrill.inject.p95, baseline.inject.p95),
      injectP99: ratio(firedrill.inject.p99, baseline.inject.p99), injectMax: ratio(firedrill.inject.max, baseline.inject.max),
      postAllP50: ratio(firedrill.postAll.p50, baseline.postAll.p50), postAllP99: ratio(firedrill.postAll.p99, baseline.postAll.p99),
    },
    memory,
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
