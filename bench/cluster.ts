/**
 * `npm run bench -- --cluster`: the fan-out figure on the bare Socket.IO floor, one node (SQLite, then PostgreSQL)
 * and three nodes (PostgreSQL + Redis), in one run on this machine, then the failover time (kill -9 of a drill's
 * owner). Starts a throwaway PostgreSQL and Redis (tests/server/services.ts) and stops them after; every server is
 * a child process stopped by PID. Writes bench/results/cluster.json and a Markdown table (docs/performance.md,
 * "Cluster").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runFailover, type FailoverResult } from './cluster-failover';
import { playClusterTarget, type ClusterFanoutConfig, type ClusterTarget, type ClusterTargetRun } from './cluster-fanout';
import { startServices } from './cluster-nodes';
import type { BenchOptions } from './options';
import { machine, sampleLoad } from './results';
import type { Summary } from './stats';

export interface ClusterResults {
  version: 1;
  date: string;
  machine: ReturnType<typeof machine>;
  runtimeMs: number;
  fanout: { drills: number; participants: number; windowMs: number; targets: ClusterTargetRun[] }[];
  failover: FailoverResult | null;
  /** Attempts that failed and were made again (the figures are from the next attempt). */
  notes: string[];
  errors: string[];
}

const TARGETS: ClusterTarget[] = ['baseline', 'one-node-sqlite', 'one-node-postgres', 'three-nodes'];
/** The default lease (server/cluster/pg-leases.ts): what an operator gets without FIREDRILL_LEASE. */
const LEASE_MS = 10_000;

export async function runClusterBench(options: BenchOptions, dir: string, schedule: { file: string; ts: number[] }, progress: (line: string) => void): Promise<number> {
  const started = performance.now();
  const results: ClusterResults = { version: 1, date: new Date().toISOString(), machine: machine(), runtimeMs: 0, fanout: [], failover: null, notes: [], errors: [] };
  const stopSampling = sampleLoad(results.machine.loadavg);
  progress('Starting a throwaway PostgreSQL and Redis…');
  const services = await startServices();
  // PostgreSQL and Redis are daemons, not children: stopped on the way out whatever ends the run (deadline, ^C).
  let stopped = false;
  const stopServices = () => {
    if (stopped) return;
    stopped = true;
    try {
      services.stop();
    } catch (error) {
      progress(`could not clean up after PostgreSQL or Redis: ${(error as Error).message}`);
    }
  };
  process.once('exit', stopServices);
  try {
    for (const { drills, participants } of options.sweep) {
      const config: ClusterFanoutConfig = { drills, participants, windowMs: options.windowMs, postEveryMs: options.postEveryMs, speed: options.speed, dir, schedule: schedule.file, scheduleTs: schedule.ts };
      const row: ClusterResults['fanout'][number] = { drills, participants, windowMs: options.windowMs, targets: [] };
      results.fanout.push(row);
      for (const target of TARGETS) {
        progress(`Fan-out ${drills} drills × ${participants} participants: ${target}…`);
        // A shared machine under load can time a forwarded command out ("try again in a moment", as a client
        // would); one more attempt on fresh servers, and the failed attempt is reported, not hidden.
        for (let attempt = 1; attempt <= 2; attempt++) {
          try {
            row.targets.push(await playClusterTarget(target, config, services, progress));
            break;
          } catch (error) {
            const message = `${target} ${drills}x${participants}${attempt > 1 ? ` (attempt ${attempt})` : ''}: ${(error as Error).message}`;
            (attempt === 2 ? results.errors : results.notes).push(message);
            progress(`  failed: ${(error as Error).message}`);
          }
        }
      }
    }
    progress(`Failover (kill -9 of the owner; leases of ${LEASE_MS / 1000} s)…`);
    try {
      results.failover = await runFailover({ drills: options.quick ? 2 : 5, participants: 3, leaseMs: LEASE_MS, services }, progress);
    } catch (error) {
      results.errors.push(`failover: ${(error as Error).message}`);
      progress(`  failed: ${(error as Error).message}`);
    }
  } finally {
    stopServices();
    process.off('exit', stopServices);
  }
  results.runtimeMs = Math.round(performance.now() - started);
  stopSampling();
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${clusterMarkdown(results)}\n`);
  progress(`wrote ${options.out}`);
  return results.errors.length ? 1 : 0;
}

const ms = (s: Summary) => `${s.p50} / ${s.p95} / ${s.p99} / ${s.max}`;

/** The "Cluster" tables of docs/performance.md. */
export function clusterMarkdown(r: ClusterResults): string {
  const out = [
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGiB} GiB, Node ${r.machine.node}; load average ${r.machine.loadavg.start} at the start, ${r.machine.loadavg.end} at the end (highest ${r.machine.loadavg.max}, mean ${r.machine.loadavg.mean}); ${(r.runtimeMs / 1000).toFixed(0)} s.`,
  ];
  for (const row of r.fanout) {
    out.push('', `Fan-out, ${row.drills} drills × ${row.participants} participants (+1 facilitator each), ${row.windowMs / 1000} s window (ms: p50 / p95 / p99 / max):`, '');
    out.push('| Target | Nodes | Sockets | Inject → received | Post → acknowledged | Post → every member | Injects missing | Posts refused / incomplete |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const t of row.targets) {
      out.push(`| ${t.target} | ${t.nodes} | ${t.sockets} | ${ms(t.inject)} | ${ms(t.postAck)} | ${ms(t.postAll)} | ${t.injectsMissing} of ${t.injectsExpected} | ${t.postsRefused} / ${t.postsIncomplete} of ${t.postsSent} |`);
    }
  }
  const f = r.failover;
  if (f) {
    out.push('', `Failover: kill -9 of the node owning ${f.drills} running drill(s) (${f.socketsPerDrill} sockets each, on the two other nodes), leases of ${f.leaseMs / 1000} s (ms: p50 / p95 / p99 / max over drills):`, '');
    out.push('| Kill → retried command acknowledged | Kill → every socket saw a new event | Acknowledged before the kill | Lost | Not back |');
    out.push('| --- | --- | --- | --- | --- |');
    out.push(`| ${ms(f.killToAck)} | ${ms(f.killToAllSeen)} | ${f.ackedBefore} | ${f.lost} | ${f.stuck} |`);
  }
  for (const n of r.notes) out.push('', `Failed once and made again: ${n.replace(/\n/g, ' ')}`);
  for (const e of r.errors) out.push('', `Not measured: ${e.replace(/\n/g, ' ')}`);
  return out.join('\n');
}
