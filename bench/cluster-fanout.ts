import { join } from 'node:path';
import { ClientPool, mergeReports } from './clients';
import { targetRun } from './fanout';
import { startCluster, startNode, stopNodes, type Node, type Services } from './cluster-nodes';
import { stop } from './processes';
import type { TargetRun } from './results';
import { baselineSlots, createDrills, startBaseline } from './servers';
import type { DrillSlot } from './worker-protocol';

/** Where the clients of a drill connect, and who owns it. */
export type ClusterTarget = 'baseline' | 'one-node-sqlite' | 'one-node-postgres' | 'three-nodes';

export interface ClusterFanoutConfig {
  drills: number;
  participants: number;
  windowMs: number;
  postEveryMs: number;
  speed: number;
  dir: string;
  schedule: string;
  scheduleTs: number[];
}

export interface ClusterTargetRun extends TargetRun { target: ClusterTarget; sockets: number; nodes: number }

const SETTLE_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One target at one load. Every drill gets a facilitator and `participants` sockets in one client worker (so its
 * "every member received" time is measured in one process). On three nodes, drills are created round-robin on
 * the nodes (the creator owns a drill) and drill i's sockets connect to the **next** node: every command is
 * forwarded to the owner over Redis and every broadcast crosses the adapter, the cluster's worst case.
 */
export async function playClusterTarget(target: ClusterTarget, config: ClusterFanoutConfig, services: Services, progress: (line: string) => void): Promise<ClusterTargetRun> {
  const label = `${config.drills}x${config.participants}`;
  let nodes: Node[] = [];
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined;
  const pools: ClientPool[] = [];
  try {
    // Per node: its URL and the drills whose sockets connect there.
    let groups: { url: string; slots: DrillSlot[] }[];
    if (target === 'baseline') {
      baseline = await startBaseline(config.schedule);
      const slots = baselineSlots(config.drills);
      groups = [0, 1].map((w) => ({ url: baseline!.url, slots: slots.filter((s) => s.index % 2 === w) }));
    } else if (target === 'three-nodes') {
      nodes = await startCluster(3, await services.postgres.database(), services.redis.url);
      const created = await Promise.all(nodes.map((n, k) => createDrills(n.url, Math.floor(config.drills / 3) + (k < config.drills % 3 ? 1 : 0))));
      const slots = created.flatMap((list, k) => list.map((slot) => ({ slot, client: (k + 1) % 3 })));
      groups = nodes.map((n, k) => ({ url: n.url, slots: slots.filter((s) => s.client === k).map((s) => s.slot) }));
      groups.forEach((g, k) => { g.slots = g.slots.map((s, i) => ({ ...s, index: k * 10_000 + i })); });
    } else {
      const store = target === 'one-node-sqlite' ? { kind: 'sqlite' as const, file: join(config.dir, `cluster-${label}.db`) } : { kind: 'postgres' as const, url: await services.postgres.database() };
      nodes = [await startNode('bench-single', store)];
      const slots = await createDrills(nodes[0].url, config.drills);
      groups = [0, 1].map((w) => ({ url: nodes[0].url, slots: slots.filter((s) => s.index % 2 === w) }));
    }
    const kind = target === 'baseline' ? 'baseline' : 'firedrill';
    const setupTimeout = 30_000 + config.drills * config.participants * 50;
    let sockets = 0;
    for (const group of groups) {
      const pool = ClientPool.start(1);
      pools.push(pool);
      sockets += await pool.setup(kind, group.url, group.slots, config.participants, config.scheduleTs, setupTimeout);
    }
    progress(`  ${target}: ${sockets} sockets joined on ${Math.max(1, nodes.length)} node(s); playing ${config.windowMs / 1000} s at x${config.speed}`);
    await Promise.all(pools.map((p) => p.all('start', { speed: config.speed }, setupTimeout)));
    await Promise.all(pools.map((p) => p.all('post', { everyMs: config.postEveryMs, kind: 'status.post' }, 10_000)));
    await sleep(config.windowMs);
    const reports = await Promise.all(pools.map((p) => p.stop(SETTLE_MS, 60_000)));
    return { target, sockets, nodes: Math.max(1, nodes.length), ...targetRun(mergeReports(reports), `${target} ${label}`) };
  } finally {
    for (const pool of pools) await pool.close();
    await stopNodes(nodes);
    if (baseline) await stop(baseline.child);
  }
}

