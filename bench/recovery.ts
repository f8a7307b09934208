import { ClientPool } from './clients';
import { kill9, stop, type Spawned } from './processes';
import type { RecoveryResult } from './results';
import { createDrills, dbFile, startFiredrill, storedEvents } from './servers';
import { wallNow, type DrillSlot, type ResyncReport } from './worker-protocol';

export interface RecoveryConfig { drills: number; participants: number; playMs: number; speed: number; workers: number; dir: string; scheduleTs: number[] }

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
 * Figure 4: N drills mid-play with clients chatting, the server killed with SIGKILL (by PID), restarted on the
 * same SQLite file and port. Times the restart to its ready line and every client's rejoin-and-view, then
 * checks every acknowledged command against the restored log (the facilitator's events endpoint).
 */
export async function runRecovery(config: RecoveryConfig, progress: (line: string) => void): Promise<RecoveryResult> {
  const db = dbFile(config.dir, 'recovery');
  let server: Spawned & { port: number } = await startFiredrill(db);
  const pool = ClientPool.start(config.workers);
  try {
    const slots = await createDrills(server.url, config.drills);
    const sockets = await pool.setup('firedrill', server.url, slots, config.participants, config.scheduleTs, 30_000 + config.drills * config.participants * 50);
    await pool.all('start', { speed: config.speed }, 60_000);
    // Each drill's poster chats twice a second, so commands are in flight at the kill.
    await pool.all('post', { everyMs: 500, kind: 'chat.post' }, 10_000);
    progress(`  ${config.drills} drills × ${config.participants} participants (${sockets} sockets) playing; kill -9 in ${config.playMs / 1000} s`);
    await sleep(config.playMs);

    const killedAt = wallNow();
    await kill9(server.child);
    const spawnAt = wallNow();
    const restarting = startFiredrill(db, server.port);
    await pool.all('await-disconnect', { timeoutMs: 10_000 }, 15_000);
    server = await restarting;
    const readyAt = spawnAt + server.readyMs;
    progress(`  restarted in ${server.readyMs.toFixed(0)} ms; ${sockets} sockets rejoining`);
    const reports = await pool.reconnect(server.url, 120_000);
    const lastViewAt = Math.max(...reports.map((r) => r.lastViewAt));
    const firstViewAt = Math.min(...reports.map((r) => r.firstViewAt ?? r.lastViewAt));
    // The server listens first and restores its live drills in the background; its line says when they were back.
    const line = /restored (\d+) live drill\(s\)(?: in (\d+) ms \((\d+) from a snapshot and the events after it, (\d+) by replaying)?/.exec(server.recent());
    const restoredDrills = Number(line?.[1] ?? 0);
    const failures = reports.reduce((n, r) => n + r.failures, 0);
    const check = await countLost(server.url, slots, reports);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      drills: config.drills, participants: config.participants, sockets,
      restoredDrills, ackedCommands: check.acked, lostCommands: check.lost,
      ...(line?.[2] !== undefined ? { restoreMs: Number(line[2]), fromSnapshot: Number(line[3]), fullReplay: Number(line[4]) } : {}),
      readyToFirstViewMs: round(firstViewAt - readyAt),
      drillsNotRestored: reports.flatMap((r) => r.drills).filter((d) => d.restoredStatus !== 'running').length,
      killToSpawnMs: round(spawnAt - killedAt), spawnToReadyMs: round(server.readyMs),
      readyToResyncedMs: round(lastViewAt - readyAt), totalMs: round(lastViewAt - killedAt),
      resyncFailures: failures, errors: [...check.errors, ...reports.flatMap((r) => r.errors)].slice(0, 10),
    };
  } finally {
    await pool.close();
    await stop(server.child);
  }
}
