import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { DrillView, JoinResult, Reply, TurnMessage } from '../shared/protocol/messages';
import { startCluster, stopNodes, type Node, type Services } from './cluster-nodes';
import { kill9 } from './processes';
import { createDrills, storedEvents } from './servers';
import { summarize, type Summary } from './stats';
import type { DrillSlot } from './worker-protocol';

/** The failover figure: `kill -9` of the node that owns some running drills, with their clients on the other nodes. */
export interface FailoverResult {
  drills: number;
  /** Sockets per drill (a facilitator and participants), all on the two surviving nodes. */
  socketsPerDrill: number;
  /** FIREDRILL_LEASE of the nodes (wall ms). */
  leaseMs: number;
  /** kill -9 → the retried command is acknowledged (ms), per drill. */
  killToAck: Summary;
  /** kill -9 → every socket of the drill has seen an event after the kill (ms), per drill. */
  killToAllSeen: Summary;
  /** Commands acknowledged before the kill, and how many of them the stored logs lack afterwards. */
  ackedBefore: number;
  lost: number;
  /** Drills whose clients had not all seen a new event within the figure's time limit. */
  stuck: number;
  errors: string[];
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 10_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect ${url}: ${error.message}`)));
  });
}

/** One request; resolves with the reply (refusals included), rejects on no reply within `ms`. */
function ask<T>(socket: Socket, event: string, payload: unknown, ms = 3000): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    socket.timeout(ms).emit(event, payload, (err: Error | null, reply: Reply<T>) => (err ? reject(new Error(`${event}: no reply within ${ms} ms`)) : resolve(reply)));
  });
}

interface Member { socket: Socket; lastSeq: number; seenAt?: number }

/**
 * Three nodes (leases of `leaseMs`); `drills` drills created on node A and played from B and C (a facilitator and
 * `participants` per drill, spread over both); a few acknowledged posts; then `kill -9` of A. Each drill's first
 * participant sends one command right after the kill and retries it (same command id) every 250 ms until it is
 * acknowledged — by whichever node took the drill over.
 */
export async function runFailover(opts: { drills: number; participants: number; leaseMs: number; services: Services; limitMs?: number }, progress: (line: string) => void): Promise<FailoverResult> {
  const limitMs = opts.limitMs ?? opts.leaseMs * 3 + 20_000;
  const nodes: Node[] = await startCluster(3, await opts.services.postgres.database(), opts.services.redis.url, opts.leaseMs);
  const sockets: Socket[] = [];
  const errors: string[] = [];
  try {
    const [owner, ...others] = nodes;
    const slots = await createDrills(owner.url, opts.drills);
    const runs = await Promise.all(slots.map(async (slot, d) => {
      const members: Member[] = [];
      for (let i = 0; i <= opts.participants; i++) {
        const socket = await connect(others[(d + i) % others.length].url);
        sockets.push(socket);
        const request = i === 0 ? { as: 'facilitator', drillId: slot.drillId, key: slot.facilitatorKey } : { as: 'participant', code: slot.joinCode, name: `Player ${d}-${i}` };
        const reply = await ask<JoinResult>(socket, 'drill:join', request, 10_000);
        if (!reply.ok) throw new Error(`join: ${reply.error.message}`);
        const member: Member = { socket, lastSeq: reply.data.view.state.seq };
        socket.on('drill:turn', ({ events }: TurnMessage) => {
          for (const event of events) member.lastSeq = Math.max(member.lastSeq, event.seq);
        });
        socket.on('drill:view', (view: DrillView) => {
          member.lastSeq = Math.max(member.lastSeq, view.state.seq);
        });
        members.push(member);
      }
      const [facilitator, poster] = members;
      const start = await ask(facilitator.socket, 'drill:command', { id: randomUUID(), command: { type: 'drill.start' } }, 10_000);
      if (!start.ok) throw new Error(`drill.start: ${start.error.message}`);
      const acked: number[] = [];
      for (let k = 0; k < 3; k++) {
        const reply = await ask<{ seq: number }>(poster.socket, 'drill:command', { id: randomUUID(), command: { type: 'chat.post', text: `before the kill ${k}` } }, 10_000);
        if (!reply.ok) throw new Error(`chat.post: ${reply.error.message}`);
        acked.push(reply.data.seq);
      }
      return { slot, members, acked };
    }));
    await sleep(500); // let the posts' broadcasts reach every socket
    progress(`  ${opts.drills} drill(s) owned by ${owner.name}, ${runs.length * (opts.participants + 1)} sockets on ${others.map((n) => n.name).join(' and ')}; kill -9 ${owner.name}`);

    for (const run of runs) for (const m of run.members) m.seenAt = undefined;
    const before = runs.map((run) => Math.max(...run.members.map((m) => m.lastSeq)));
    const killedAt = now();
    await kill9(owner.child);
    const results = await Promise.all(runs.map(async (run, d) => {
      const id = randomUUID();
      const poster = run.members[1];
      let ackAt: number | undefined;
      while (ackAt === undefined && now() - killedAt < limitMs) {
        try {
          const reply = await ask<{ seq: number }>(poster.socket, 'drill:command', { id, command: { type: 'chat.post', text: 'after the kill' } }, 2000);
          if (reply.ok) ackAt = now();
          else await sleep(250);
        } catch {
          await sleep(250);
        }
      }
      while (now() - killedAt < limitMs && !run.members.every((m) => m.lastSeq > before[d])) await sleep(20);
      const allSeen = run.members.every((m) => m.lastSeq > before[d]) ? now() : undefined;
      return { ack: ackAt === undefined ? undefined : ackAt - killedAt, seen: allSeen === undefined ? undefined : allSeen - killedAt };
    }));
    // Every command acknowledged before the kill is in the log the new owner serves.
    let lost = 0;
    for (const run of runs) {
      const log = await storedEvents(others[0].url, run.slot as DrillSlot);
      const seqs = new Set(log.map((e) => e.seq));
      lost += run.acked.filter((seq) => !seqs.has(seq)).length;
    }
    const acks = results.flatMap((r) => (r.ack === undefined ? [] : [r.ack]));
    const seen = results.flatMap((r) => (r.seen === undefined ? [] : [r.seen]));
    if (!acks.length || !seen.length) throw new Error(`no drill came back within ${limitMs / 1000} s of the kill -9 (${errors.join('; ') || 'no errors reported'})`);
    return {
      drills: opts.drills, socketsPerDrill: opts.participants + 1, leaseMs: opts.leaseMs,
      killToAck: summarize(acks), killToAllSeen: summarize(seen),
      ackedBefore: runs.reduce((n, r) => n + r.acked.length, 0), lost, stuck: results.filter((r) => r.seen === undefined).length, errors,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await stopNodes(nodes);
  }
}
