import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { Summary } from './stats';

/**
 * bench/results/latest.json. Field names are documented in docs/performance.md; keep the two in step.
 * Latencies are milliseconds; memory KiB; sizes bytes.
 */
export interface TargetRun {
  /** Scheduled drill time → receipt at each participant. */
  inject: Summary;
  /** Injects due before the stop that a participant had not received 1.5 s later, of `injectsExpected`. */
  injectsMissing: number;
  injectsExpected: number;
  /** status.post sent → acknowledged (Firedrill: persisted) at the sender. */
  postAck: Summary;
  /** status.post sent → received by every other member of the room. */
  postAll: Summary;
  /**
   * Per drill: the facilitator's start sent → every participant has the running clock (the whole start as its
   * team sees it, queueing included). Absent where the run did not measure it.
   */
  startAll?: Summary;
  postsSent: number;
  postsRefused: number;
  postsIncomplete: number;
  errors: string[];
}

export interface FanoutResult {
  drills: number;
  participants: number;
  /** Sockets per target: drills × (participants + 1 facilitator). */
  sockets: number;
  /** Wall time the drills ran (ms). */
  windowMs: number;
  /** Every round's samples pooled. */
  firedrill: TargetRun;
  baseline: TargetRun;
  /** Firedrill ÷ baseline: the median of the rounds' ratios. */
  ratio: FanoutRatio;
  /** The lowest and highest of the rounds' ratios. */
  ratioSpread: Record<keyof FanoutRatio, { min: number; max: number } | null>;
  /** Each interleaved round: which target went first, the highest 1-minute load average while each played, its figures. */
  rounds: FanoutRound[];
  memory: MemorySample;
  /** CPU during the play window, each field the median of the rounds; absent where /proc cannot be read. */
  cpu?: { firedrill: CpuShare; baseline: CpuShare; ratio: { eventLoop: number | null; server: number | null } };
}

/**
 * CPU used while the drills played (the window after every start and the first posts), as a share of one core
 * (1 = one core busy the whole window): the server's event-loop thread, the whole server process (every thread),
 * and the bench's client workers together. A latency tail follows the event loop's share: a wave of injects that
 * needs more CPU than the time it is spread over makes its last drills wait.
 */
export interface CpuShare { eventLoop: number; server: number; clients: number }

export interface FanoutRatio { injectP50: number | null; injectP95: number | null; injectP99: number | null; injectMax: number | null; postAllP50: number | null; postAllP99: number | null }

export interface FanoutRound {
  first: 'firedrill' | 'baseline';
  loadavg: { firedrill: number; baseline: number };
  firedrill: { inject: Summary; postAll: Summary; injectsMissing: number };
  baseline: { inject: Summary; postAll: Summary; injectsMissing: number };
  ratio: FanoutRatio;
  cpu?: { firedrill: CpuShare; baseline: CpuShare };
}

export interface MemorySample {
  /** Server RSS (KiB): after start, after creating the drills and joining the facilitators, after the participants joined. */
  serverIdleKiB: number;
  serverDrillsKiB: number;
  serverJoinedKiB: number;
  perDrillKiB: number;
  perParticipantKiB: number;
  /** The same for the bare Socket.IO server (rooms cost it nothing until joined). */
  baselineIdleKiB: number;
  baselineJoinedKiB: number;
  baselinePerSocketKiB: number;
}

export interface TimerResult {
  /** Drill time covered (ms) at `speed`. */
  drillMs: number;
  speed: number;
  injects: number;
  /** Injects due in that time that never arrived. */
  injectsMissing: number;
  /** Delivery time minus scheduled time at the one participant (ms). */
  drift: Summary;
  /** Mean drift of the last tenth of injects minus that of the first tenth: positive means it accumulates. */
  driftTrendMs: number;
  /**
   * What played next to the timed drill on the same server: `drills` × `participants` (0 drills: an idle server),
   * the highest 1-minute load average meanwhile, and the load's own inject latency (all its participants).
   */
  load: { drills: number; participants: number; loadavg: number; inject?: Summary; injectsMissing?: number };
}

/** The wall-clock figures of one kill and rejoin wave (bench/recovery.ts, `timings`), for Firedrill and the floor. */
export interface RecoveryTimings {
  /** kill -9 → new process spawned (ms). */
  killToSpawnMs: number;
  /** spawn → ready line (ms): the server listens (its live drills come back in the background since issue 13). */
  spawnToReadyMs: number;
  /** ready line → the first client had its view again (ms). */
  readyToFirstViewMs: number;
  /** ready → every client rejoined and had its view (ms). */
  readyToResyncedMs: number;
  /** kill → every client resynced (ms). */
  totalMs: number;
  resyncFailures: number;
}

export interface RecoveryResult extends RecoveryTimings {
  drills: number;
  participants: number;
  sockets: number;
  /** Drills the restarted server said it restored ("restored N live drill(s) in T ms (S from a snapshot…"). */
  restoredDrills: number;
  /** Of those, rebuilt from a snapshot plus the events after it, and by replaying the whole log. */
  fromSnapshot?: number;
  fullReplay?: number;
  /** The server's own time for restoring every live drill (it listens before; a rejoin waits for its drill only). */
  restoreMs?: number;
  /** Commands acknowledged before the kill, and how many of them the restored logs lack. */
  ackedCommands: number;
  lostCommands: number;
  /** Drills whose restored view was not running again. */
  drillsNotRestored: number;
  errors: string[];
  /** The same kill and rejoin wave against the bare Socket.IO server (bench/recovery.ts, `runFloor`). */
  floor?: RecoveryFloor;
  /** Firedrill ÷ floor: ready → all resynced, and kill → all resynced. */
  ratio?: { readyToResynced: number; total: number };
}

/**
 * The recovery floor: the bare Socket.IO server, killed and restarted on the same port, its rooms playing on,
 * answering every rejoin with the views Firedrill sent (of `viewBytes` each). Nothing is stored or restored.
 */
export interface RecoveryFloor extends RecoveryTimings {
  /** The JSON size of the participant's and the facilitator's view it answered with. */
  viewBytes: { participant: number; facilitator: number };
  errors: string[];
}

export interface OfflineResult {
  scoreEvents: number;
  /** Median of `runs` calls of score() on that log (ms). */
  scoreMs: number;
  /**
   * CPU time of the same runs (median, ms), every thread of the process (the collector's helpers too): on a
   * busy machine it says more than the wall clock, which counts the time spent waiting for a core.
   */
  scoreCpuMs?: number;
  scoreRuns: number;
  simulateScenario: string;
  simulateTeam: string;
  simulateMs: number;
  simulateRuns: number;
  /** Distinct status posts the rubric scored per run (none from its cache), and µs per post (median run). */
  rubricPosts: number;
  rubricUsPerPost: number;
  rubricRuns: number;
}

export interface SizeResult {
  /** Entry JS of the built client (index.html's module script and modulepreloads), raw and gzip -6. */
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  built: boolean;
  /** What /studio loads on top of the initial JS (lazy), when the build has a manifest. */
  studio?: LazyPageSize;
}

export interface LazySize { files: string[]; rawBytes: number; gzipBytes: number }
/** A lazy page's own JS chunks, CSS, and the Web Workers it starts. */
export interface LazyPageSize { js: LazySize; css: LazySize; workers: LazySize }

export interface Results {
  version: 1;
  mode: 'quick' | 'full';
  date: string;
  /**
   * `loadavg`: the 1-minute load average when the run started and when it ended, and the highest and mean of it
   * sampled every 5 s during the run (others share the machine).
   */
  machine: { cpus: number; cpuModel: string; memGiB: number; node: string; platform: string; loadavg: { start: number; end: number; max: number; mean: number } };
  runtimeMs: number;
  fanout: FanoutResult[];
  timer: TimerResult | null;
  recovery: RecoveryResult | null;
  offline: OfflineResult | null;
  memory: { perDrillKiB: number; perParticipantKiB: number; fromConfig: string } | null;
  clientSize: SizeResult | null;
  /** Figures that could not be measured, with the reason. */
  errors: string[];
}

/** The 1-minute load average, rounded. */
export const load1 = (): number => Math.round(loadavg()[0] * 10) / 10;

export function machine(): Results['machine'] {
  return {
    cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version, platform: `${process.platform} ${process.arch}`, loadavg: { start: load1(), end: load1(), max: load1(), mean: load1() },
  };
}

/**
 * Samples the load average every 5 s into `into` (the machine is shared: the figures go with the load they were
 * measured under). The returned function stops sampling and writes the end, highest and mean.
 */
export function sampleLoad(into: Results['machine']['loadavg']): () => void {
  const loads = [into.start];
  const sampler = setInterval(() => loads.push(load1()), 5000);
  sampler.unref();
  return () => {
    clearInterval(sampler);
    into.end = load1();
    loads.push(into.end);
    into.max = Math.max(...loads);
    into.mean = Math.round((10 * loads.reduce((a, b) => a + b, 0)) / loads.length) / 10;
  };
}

export function writeResults(file: string, results: Results): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

const ms = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const x = (r: number | null) => (r === null ? 'n/a' : `×${r.toFixed(1)}`);
const pct = (share: number) => `${Math.round(share * 100)} %`;
const quad = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;
const pair = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)}`;

/** The results as Markdown tables (stdout, and pasted into docs/performance.md). */
export function toMarkdown(r: Results): string {
  const out: string[] = [];
  const load = r.machine.loadavg;
  out.push(`Firedrill bench (${r.mode}), ${r.date}, ${r.machine.cpus} cores, ${r.machine.memGiB} GiB, Node ${r.machine.node}, load average ${load.start} → ${load.end} (mean ${load.mean}, max ${load.max}); ran ${(r.runtimeMs / 1000).toFixed(0)} s.`, '');
  out.push('| Drills × participants | Inject latency p50 / p95 / p99 / max, Firedrill (ms) | Bare Socket.IO (ms) | Ratio p50 / p99, median of rounds [spread] | status.post → all members p50 / p99, Firedrill (ms) | Bare relay (ms) | Ratio p50 / p99 [spread] | Post ack p50 / p99 (ms) | Injects missing, Firedrill / bare |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const spread = (s: { min: number; max: number } | null | undefined) => (s ? ` [${s.min.toFixed(1)}–${s.max.toFixed(1)}]` : '');
  for (const f of r.fanout) {
    const rounds = `${f.rounds?.length ?? 1} round${f.rounds?.length === 1 ? '' : 's'}`;
    out.push(`| ${f.drills} × ${f.participants} (${f.sockets} sockets, ${rounds}) | ${quad(f.firedrill.inject)} | ${quad(f.baseline.inject)} | ${x(f.ratio.injectP50)}${spread(f.ratioSpread?.injectP50)} / ${x(f.ratio.injectP99)}${spread(f.ratioSpread?.injectP99)} | ${pair(f.firedrill.postAll)} | ${pair(f.baseline.postAll)} | ${x(f.ratio.postAllP50)}${spread(f.ratioSpread?.postAllP50)} / ${x(f.ratio.postAllP99)}${spread(f.ratioSpread?.postAllP99)} | ${pair(f.firedrill.postAck)} | ${f.firedrill.injectsMissing} / ${f.baseline.injectsMissing} of ${f.firedrill.injectsExpected} |`);
  }
  out.push('', '| Figure | Value |', '| --- | --- |');
  for (const f of r.fanout) {
    const start = (run: TargetRun) => (run.startAll ? `${ms(run.startAll.p50)} / ${ms(run.startAll.p99)} / ${ms(run.startAll.max)} ms` : 'n/a');
    if (f.cpu) {
      const share = (c: CpuShare) => `${pct(c.eventLoop)} / ${pct(c.server)} / ${pct(c.clients)}`;
      out.push(`| CPU while playing, ${f.drills} × ${f.participants}: server event loop / whole server / clients, share of one core (median of rounds) | Firedrill ${share(f.cpu.firedrill)}; bare ${share(f.cpu.baseline)}; event loop ${x(f.cpu.ratio.eventLoop)} bare |`);
    }
    if (f.firedrill.startAll || f.baseline.startAll) out.push(`| Start sent → every participant has the running clock, ${f.drills} × ${f.participants}, per drill p50 / p99 / max | Firedrill ${start(f.firedrill)}; bare ${start(f.baseline)} |`);
  }
  if (r.timer) {
    const { load } = r.timer;
    const next = load.drills ? ` next to ${load.drills} drills × ${load.participants} participants` : ' on an idle server';
    const loadInject = load.inject ? `; the load's own injects p50 ${ms(load.inject.p50)} / p99 ${ms(load.inject.p99)} ms, ${load.injectsMissing ?? 0} missing` : '';
    out.push(`| Timer drift over ${r.timer.drillMs / 60_000} drill-minutes at x${r.timer.speed}${next} (${r.timer.injects} injects, ${r.timer.injectsMissing} missing) | p50 ${ms(r.timer.drift.p50)} ms, p99 ${ms(r.timer.drift.p99)} ms, max ${ms(r.timer.drift.max)} ms, trend ${ms(r.timer.driftTrendMs)} ms${loadInject} |`);
  }
  if (r.recovery) {
    const v = r.recovery;
    out.push(`| Recovery, ${v.drills} live drills × ${v.participants} participants (${v.sockets} sockets) | restart to ready ${ms(v.spawnToReadyMs)} ms, ready to all resynced ${ms(v.readyToResyncedMs)} ms, kill to all resynced ${ms(v.totalMs)} ms |`);
    if (v.restoreMs !== undefined) out.push(`| Restore of the live drills (after the ready line, while clients rejoin) | ${ms(v.restoreMs)} ms for ${v.restoredDrills} drills (${v.fromSnapshot ?? 0} from a snapshot and the events after it, ${v.fullReplay ?? 0} by whole-log replay); ready to first view ${ms(v.readyToFirstViewMs)} ms |`);
    if (v.floor) {
      const f = v.floor;
      out.push(`| Recovery floor: bare Socket.IO, the same sockets and rooms, answering each rejoin with Firedrill's views (${(f.viewBytes.participant / 1024).toFixed(1)} / ${(f.viewBytes.facilitator / 1024).toFixed(1)} KiB) | restart to ready ${ms(f.spawnToReadyMs)} ms, ready to all resynced ${ms(f.readyToResyncedMs)} ms, kill to all resynced ${ms(f.totalMs)} ms${v.ratio ? `; Firedrill ×${v.ratio.readyToResynced} from ready, ×${v.ratio.total} from the kill` : ''} |`);
    }
    out.push(`| Acknowledged commands lost in the crash | ${v.lostCommands} of ${v.ackedCommands} (drills restored: ${v.restoredDrills} of ${v.drills}; not running again: ${v.drillsNotRestored}; resync failures: ${v.resyncFailures}) |`);
  }
  if (r.offline) {
    out.push(`| score() on a ${r.offline.scoreEvents.toLocaleString('en')}-event log | ${ms(r.offline.scoreMs)} ms (median of ${r.offline.scoreRuns}${r.offline.scoreCpuMs !== undefined ? `; CPU ${ms(r.offline.scoreCpuMs)} ms` : ''}) |`);
    out.push(`| simulate() ${r.offline.simulateScenario} (60 drill-minutes), team ${r.offline.simulateTeam} | ${ms(r.offline.simulateMs)} ms (median of ${r.offline.simulateRuns}) |`);
    if (r.offline.rubricPosts) out.push(`| Communication rubric, per distinct status post (${r.offline.rubricPosts.toLocaleString('en')} posts) | ${r.offline.rubricUsPerPost} µs (median of ${r.offline.rubricRuns}) |`);
  }
  if (r.memory) out.push(`| Server RSS per live drill / per connected participant (${r.memory.fromConfig}) | ${r.memory.perDrillKiB.toFixed(1)} KiB / ${r.memory.perParticipantKiB.toFixed(1)} KiB |`);
  if (r.clientSize) out.push(`| Client initial JS (${r.clientSize.files.length} file${r.clientSize.files.length === 1 ? '' : 's'}) | ${(r.clientSize.gzipBytes / 1024).toFixed(1)} KiB gzip (${(r.clientSize.rawBytes / 1024).toFixed(1)} KiB raw) |`);
  const studio = r.clientSize?.studio;
  const kib = (size: LazySize) => `${(size.gzipBytes / 1024).toFixed(1)} KiB gzip (${(size.rawBytes / 1024).toFixed(1)} KiB raw)`;
  if (studio) out.push(`| Studio, lazy on /studio only: JS (${studio.js.files.length} files) / CSS / worker | ${kib(studio.js)} / ${kib(studio.css)} / ${kib(studio.workers)} |`);
  for (const e of r.errors) out.push(`| Not measured | ${e.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
  return out.join('\n');
}
