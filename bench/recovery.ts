import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClientPool } from './clients';
import { kill9, stop, type Spawned } from './processes';
import type { RecoveryFloor, RecoveryResult, RecoveryTimings } from './results';
import { baselineSlots, createDrills, dbFile, startBaseline, startFiredrill, storedEvents } from './servers';
import { wallNow, type DrillSlot, type ResyncReport, type Target } from './worker-protocol';

export interface RecoveryConfig {
  drills: number; participants: number; playMs: number; speed: number; workers: number; dir: string; scheduleTs: number[];
  /** The bare floor's payload schedule (bench/schedule.ts). */
  schedule: string;
}

type Server = Spawned & { port: number };

interface Resync { killedAt: number; spawnAt: number; readyAt: number; server: Server; reports: ResyncReport[]; sockets: number }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Acknowledged commands missing from (or different in) the restored stored logs. */
async function countLost(url: string, slots: DrillSlot[], reports: ResyncReport[]): Promise<{ acked: number; lost: number; errors: string[] }> {
  const bySlot = new Map(slots.map((s) => [s.drillId, s]));
  let acked = 0;
  let lost = 0;
  const errors: string[] = [];
  for (const drill of reports.flatMap((r) => r.drills)) {
    acked += drill.acked.length;
    if (!drill.acked.length) continue;
    const events = new Map((await storedEvents(url, bySlot.get(drill.drillId)!)).map((e) => [e.seq, e]));
    for (const { seq, text } of drill.acked) {
      const stored = events.get(seq);
      if (stored?.type === 'chat.post' && stored.text === text) continue;
      lost++;
      if (errors.length < 5) errors.push(`drill ${drill.drillId}: acknowledged seq ${seq} is ${stored ? `a different event (${stored.type})` : 'missing'} after the restart`);
    }
  }
  return { acked, lost, errors };
}

/**
 * The part both targets share: `sockets` clients of `slots` play (the facilitators start, each drill's poster chats
 * twice a second, so commands are in flight at the kill) for `playMs`; then the server is killed with SIGKILL (by
 * PID), `restart` starts it again on the same port, and every client reconnects and rejoins.
 */
async function playKillRejoin(
  target: Target, config: RecoveryConfig, pool: ClientPool, first: Server, slots: DrillSlot[],
  restart: () => Promise<Server>, progress: (line: string) => void, beforeKill?: () => Promise<void>,
): Promise<Resync> {
  const sockets = await pool.setup(target, first.url, slots, config.participants, config.scheduleTs, 30_000 + config.drills * config.participants * 50);
  await pool.all('start', { speed: config.speed }, 60_000);
  await pool.all('post', { everyMs: 500, kind: 'chat.post' }, 10_000);
  progress(`  ${target === 'firedrill' ? 'Firedrill' : 'bare Socket.IO floor'}: ${config.drills} drills × ${config.participants} participants (${sockets} sockets) playing; kill -9 in ${config.playMs / 1000} s`);
  await sleep(config.playMs);

  await beforeKill?.();
  const killedAt = wallNow();
  await kill9(first.child);
  const spawnAt = wallNow();
  const restarting = restart();
  await pool.all('await-disconnect', { timeoutMs: 10_000 }, 15_000);
  const server = await restarting;
  progress(`  restarted in ${server.readyMs.toFixed(0)} ms; ${sockets} sockets rejoining`);
  const reports = await pool.reconnect(server.url, 120_000);
  return { killedAt, spawnAt, readyAt: spawnAt + server.readyMs, server, reports, sockets };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The wall-clock figures of one kill and rejoin wave. */
function timings(run: Resync): RecoveryTimings {
  const lastViewAt = Math.max(...run.reports.map((r) => r.lastViewAt));
  const firstViewAt = Math.min(...run.reports.map((r) => r.firstViewAt ?? r.lastViewAt));
  return {
    killToSpawnMs: round1(run.spawnAt - run.killedAt), spawnToReadyMs: round1(run.server.readyMs),
    readyToFirstViewMs: round1(firstViewAt - run.readyAt), readyToResyncedMs: round1(lastViewAt - run.readyAt), totalMs: round1(lastViewAt - run.killedAt),
    resyncFailures: run.reports.reduce((n, r) => n + r.failures, 0),
  };
}

/**
 * Figure 4: N drills mid-play with clients chatting, the server killed with SIGKILL (by PID), restarted on the
 * same SQLite file and port. Times the restart to its ready line and every client's rejoin-and-view, then
 * checks every acknowledged command against the restored log (the facilitator's events endpoint). Then the same
 * with the bare Socket.IO floor (`runFloor`), answering each rejoin with the views Firedrill sent.
 */
export async function runRecovery(config: RecoveryConfig, progress: (line: string) => void): Promise<RecoveryResult> {
  const db = dbFile(config.dir, 'recovery');
  let server: Server = await startFiredrill(db);
  const pool = ClientPool.start(config.workers);
  let result: RecoveryResult;
  let views: ResyncReport['views'] = {};
  try {
    const slots = await createDrills(server.url, config.drills);
    const run = await playKillRejoin('firedrill', config, pool, server, slots, () => startFiredrill(db, server.port), progress);
    server = run.server;
    const { reports } = run;
    for (const report of reports) views = { ...report.views, ...views };
    // The server listens first and restores its live drills in the background; its line says when they were back.
    const line = /restored (\d+) live drill\(s\)(?: in (\d+) ms \((\d+) from a snapshot and the events after it, (\d+) by replaying)?/.exec(server.recent());
    const restoredDrills = Number(line?.[1] ?? 0);
    const check = await countLost(server.url, slots, reports);
    result = {
      drills: config.drills, participants: config.participants, sockets: run.sockets,
      restoredDrills, ackedCommands: check.acked, lostCommands: check.lost,
      ...(line?.[2] !== undefined ? { restoreMs: Number(line[2]), fromSnapshot: Number(line[3]), fullReplay: Number(line[4]) } : {}),
      drillsNotRestored: reports.flatMap((r) => r.drills).filter((d) => d.restoredStatus !== 'running').length,
      ...timings(run),
      errors: [...check.errors, ...reports.flatMap((r) => r.errors)].slice(0, 10),
    };
  } finally {
    await pool.close();
    await stop(server.child);
  }
  if (!views.participant || !views.facilitator) {
    result.errors.push('recovery floor not run: no participant or facilitator view came back from Firedrill');
    return result;
  }
  result.floor = await runFloor(config, { participant: views.participant, facilitator: views.facilitator }, progress);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  result.ratio = { readyToResynced: ratio(result.readyToResyncedMs, result.floor.readyToResyncedMs), total: ratio(result.totalMs, result.floor.totalMs) };
  return result;
}

/**
 * The recovery floor: the same clients, rooms, payload schedule and chat against the bare Socket.IO server
 * (bench/baseline-server.ts), killed with SIGKILL and started again on the same port with the rooms' start
 * times (they play on) and the views Firedrill sent, which it answers each rejoin with. It keeps nothing, restores
 * nothing and checks nothing: what it takes is what the restart and the rejoin wave cost in Node and Socket.IO
 * alone on this machine.
 */
async function runFloor(config: RecoveryConfig, views: { participant: unknown; facilitator: unknown }, progress: (line: string) => void): Promise<RecoveryFloor> {
  const viewsFile = join(config.dir, 'recovery-floor-views.json');
  writeFileSync(viewsFile, JSON.stringify(views));
  const resumeFile = join(config.dir, 'recovery-floor-resume.json');
  let server: Server = await startBaseline(config.schedule);
  const pool = ClientPool.start(config.workers);
  try {
    // Where each room was, written just before the kill (a millisecond before it at most).
    const noteRooms = async () => {
      const rooms = ((await pool.all('clocks', {}, 10_000)) as { drillId: string; started: number }[][]).flat();
      writeFileSync(resumeFile, JSON.stringify({ killedAt: wallNow(), rooms: rooms.map((r) => ({ room: r.drillId, started: r.started })) }));
    };
    const restart = () => startBaseline(config.schedule, { port: server.port, args: ['--views', viewsFile, '--resume', resumeFile] });
    const run = await playKillRejoin('baseline', config, pool, server, baselineSlots(config.drills), restart, progress, noteRooms);
    server = run.server;
    const bytes = (view: unknown) => Buffer.byteLength(JSON.stringify(view));
    return { ...timings(run), viewBytes: { participant: bytes(views.participant), facilitator: bytes(views.facilitator) }, errors: run.reports.flatMap((r) => r.errors).slice(0, 10) };
  } finally {
    await pool.close();
    await stop(server.child);
  }
}
