import { ClientPool, mergeReports } from './clients';
import { cpuMs, rssKiB, stop, type Spawned } from './processes';
import { load1, type CpuShare, type FanoutRatio, type FanoutResult, type FanoutRound, type MemorySample, type TargetRun } from './results';
import { baselineSlots, createDrills, dbFile, startBaseline, startFiredrill } from './servers';
import { median, ratio, summarize } from './stats';
import type { DrillSlot, StopReport, Target } from './worker-protocol';

export interface FanoutConfig {
  drills: number;
  participants: number;
  windowMs: number;
  postEveryMs: number;
  speed: number;
  workers: number;
  /** Interleaved rounds: each plays Firedrill and bare once, alternating which goes first. */
  rounds: number;
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

interface Played { report: StopReport; rss: { idle: number; drills: number; joined: number }; sockets: number; loadavg: number; cpu?: CpuShare }

/** One target at one load: start the server, fill the rooms, play for the window, collect, stop everything. */
async function play(target: Target, config: FanoutConfig, round: number, progress: (line: string) => void): Promise<Played> {
  const server: Spawned = target === 'firedrill'
    ? await startFiredrill(dbFile(config.dir, `fanout-${config.drills}x${config.participants}-${round}`))
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
    progress(`  round ${round + 1}, ${target}: ${sockets} sockets joined; playing ${config.windowMs / 1000} s at x${config.speed}`);
    await pool.all('start', { speed: config.speed }, setupTimeout);
    await pool.all('post', { everyMs: config.postEveryMs, kind: 'status.post' }, 10_000);
    const loads: number[] = [];
    const sampler = setInterval(() => loads.push(load1()), 1000);
    const cpuBefore = cpuOf(pid, pool.pids);
    await sleep(config.windowMs);
    const cpu = cpuShare(cpuBefore, cpuOf(pid, pool.pids));
    clearInterval(sampler);
    const report = await pool.stop(SETTLE_MS, 60_000);
    return { report, rss: { idle, drills, joined }, sockets, loadavg: loads.length ? Math.max(...loads) : load1(), ...(cpu ? { cpu } : {}) };
  } finally {
    await pool.close();
    await stop(server.child);
  }
}

interface CpuReading { at: number; server: { process: number; mainThread: number }; clients: number }

/** The server's and the client workers' CPU so far (ms); undefined where /proc cannot be read. */
function cpuOf(server: number, clients: number[]): CpuReading | undefined {
  const own = cpuMs(server);
  const theirs = clients.map((pid) => cpuMs(pid)?.process);
  if (!own || theirs.some((ms) => ms === undefined)) return undefined;
  return { at: performance.now(), server: own, clients: theirs.reduce((sum: number, ms) => sum + ms!, 0) };
}

function cpuShare(before: CpuReading | undefined, after: CpuReading | undefined): CpuShare | undefined {
  if (!before || !after) return undefined;
  const wall = after.at - before.at;
  const share = (ms: number) => Math.round((ms / wall) * 1000) / 1000;
  return {
    eventLoop: share(after.server.mainThread - before.server.mainThread),
    server: share(after.server.process - before.server.process),
    clients: share(after.clients - before.clients),
  };
}

/** One target's figures from its measurements; throws when nothing was measured (the target did not work). */
export function targetRun(r: StopReport, what: string): TargetRun {
  if (!r.injectLatencies.length) throw new Error(`${what}: no inject was received (${r.errors.slice(0, 3).join('; ') || 'no errors reported'})`);
  if (!r.postAll.length) throw new Error(`${what}: no post reached every room member (${r.errors.slice(0, 3).join('; ') || 'no errors reported'})`);
  return {
    inject: summarize(r.injectLatencies), injectsMissing: r.injectsMissing, injectsExpected: r.injectsExpected,
    postAck: summarize(r.postAck), postAll: summarize(r.postAll), ...(r.startAll.length ? { startAll: summarize(r.startAll) } : {}),
    postsSent: r.postsSent, postsRefused: r.postsRefused, postsIncomplete: r.postsIncomplete, errors: r.errors.slice(0, 10),
  };
}

const ratios = (firedrill: TargetRun, baseline: TargetRun): FanoutRatio => ({
  injectP50: ratio(firedrill.inject.p50, baseline.inject.p50), injectP95: ratio(firedrill.inject.p95, baseline.inject.p95),
  injectP99: ratio(firedrill.inject.p99, baseline.inject.p99), injectMax: ratio(firedrill.inject.max, baseline.inject.max),
  postAllP50: ratio(firedrill.postAll.p50, baseline.postAll.p50), postAllP99: ratio(firedrill.postAll.p99, baseline.postAll.p99),
});

/**
 * Figures 1, 2 and the memory part of 6 at one load, in `rounds` interleaved rounds: each round plays Firedrill and
 * the bare floor on the same layout, one after the other, alternating which goes first, so that a noisy minute on a
 * shared machine weighs on both sides and on one round only. The ratio of each figure is the median of the rounds'
 * ratios (`ratio`), with the lowest and highest (`ratioSpread`); the latencies (`firedrill`, `baseline`) pool every
 * round's samples. Memory comes from the first round.
 */
export async function runFanout(config: FanoutConfig, progress: (line: string) => void): Promise<FanoutResult> {
  const label = `${config.drills}x${config.participants}`;
  const played: { real: Played; floor: Played; order: Target[] }[] = [];
  for (let round = 0; round < config.rounds; round++) {
    const order: Target[] = round % 2 === 0 ? ['firedrill', 'baseline'] : ['baseline', 'firedrill'];
    const got = new Map<Target, Played>();
    for (const target of order) got.set(target, await play(target, config, round, progress));
    played.push({ real: got.get('firedrill')!, floor: got.get('baseline')!, order });
  }
  const rounds: FanoutRound[] = played.map(({ real, floor, order }, i) => {
    const firedrill = targetRun(real.report, `firedrill ${label} round ${i + 1}`);
    const baseline = targetRun(floor.report, `baseline ${label} round ${i + 1}`);
    return {
      first: order[0], loadavg: { firedrill: real.loadavg, baseline: floor.loadavg },
      firedrill: { inject: firedrill.inject, postAll: firedrill.postAll, injectsMissing: firedrill.injectsMissing },
      baseline: { inject: baseline.inject, postAll: baseline.postAll, injectsMissing: baseline.injectsMissing },
      ratio: ratios(firedrill, baseline),
      ...(real.cpu && floor.cpu ? { cpu: { firedrill: real.cpu, baseline: floor.cpu } } : {}),
    };
  });
  const firedrill = targetRun(mergeReports(played.map((p) => p.real.report)), `firedrill ${label}`);
  const baseline = targetRun(mergeReports(played.map((p) => p.floor.report)), `baseline ${label}`);
  const { real, floor } = played[0];
  const memory: MemorySample = {
    serverIdleKiB: real.rss.idle, serverDrillsKiB: real.rss.drills, serverJoinedKiB: real.rss.joined,
    perDrillKiB: round((real.rss.drills - real.rss.idle) / config.drills),
    perParticipantKiB: round((real.rss.joined - real.rss.drills) / (config.drills * (config.participants + 1))),
    baselineIdleKiB: floor.rss.idle, baselineJoinedKiB: floor.rss.joined,
    baselinePerSocketKiB: round((floor.rss.joined - floor.rss.idle) / floor.sockets),
  };
  const cpus = rounds.flatMap((r) => (r.cpu ? [r.cpu] : []));
  const medianShare = (of: (c: { firedrill: CpuShare; baseline: CpuShare }) => CpuShare): CpuShare => ({
    eventLoop: median(cpus.map((c) => of(c).eventLoop)), server: median(cpus.map((c) => of(c).server)), clients: median(cpus.map((c) => of(c).clients)),
  });
  const cpu = cpus.length === rounds.length ? { firedrill: medianShare((c) => c.firedrill), baseline: medianShare((c) => c.baseline) } : undefined;
  const keys = Object.keys(rounds[0].ratio) as (keyof FanoutRatio)[];
  const across = (key: keyof FanoutRatio) => rounds.map((r) => r.ratio[key]).filter((v): v is number => v !== null);
  return {
    drills: config.drills, participants: config.participants, sockets: real.sockets, windowMs: config.windowMs,
    firedrill, baseline,
    ratio: Object.fromEntries(keys.map((k) => [k, across(k).length ? median(across(k)) : null])) as unknown as FanoutRatio,
    ratioSpread: Object.fromEntries(keys.map((k) => [k, across(k).length ? { min: Math.min(...across(k)), max: Math.max(...across(k)) } : null])) as FanoutResult['ratioSpread'],
    rounds,
    memory,
    ...(cpu ? { cpu: { ...cpu, ratio: { eventLoop: ratio(cpu.firedrill.eventLoop, cpu.baseline.eventLoop), server: ratio(cpu.firedrill.server, cpu.baseline.server) } } } : {}),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
