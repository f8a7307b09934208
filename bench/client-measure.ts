import type { Socket } from 'socket.io-client';
import type { ClockInfo, Joined } from './client-adapters';
import type { DrillSlot, StopReport } from './worker-protocol';

/** One socket of a drill: index 0 is the facilitator, 1..P the participants. */
export interface Member extends Joined {
  as: 'facilitator' | 'participant';
  index: number;
  name: string;
  socket: Socket;
  timer?: ReturnType<typeof setTimeout>;
}

/** What a worker records for one drill. Times are sub-ms wall times (worker-protocol `wallNow`). */
export interface DrillRun {
  slot: DrillSlot;
  members: Member[];
  /** The participant who posts. */
  poster?: Member;
  /** The drill clock while running, from a `drill:turn` or a view. */
  clock?: ClockInfo;
  /** Fallback anchor when no running clock arrived: the `drill.start` event's drill time and wall stamp. */
  startEvent?: { t: number; wall: number };
  /** The speed the facilitator set. */
  speed?: number;
  /** When the facilitator sent the start, and when each participant (by index) first heard the clock running. */
  startSentAt?: number;
  startSeen: Map<number, number>;
  injects: { member: number; t: number; at: number }[];
  /** seq → receipt times at the other members. */
  postReceipts: Map<number, number[]>;
  sent: { sentAt: number; text: string; ackAt?: number; seq?: number; refused?: boolean }[];
  acked: { seq: number; text: string }[];
}

/**
 * Wall time the drill clock reaches drill time `t`: the clock sample's wall plus the drill time still to go,
 * divided by the speed. Exact while the drill runs at one speed without pauses, as the bench drills do.
 */
export function scheduledWall(clock: Pick<ClockInfo, 't' | 'wall' | 'speed'>, t: number): number {
  return clock.wall + (t - clock.t) / clock.speed;
}

/**
 * Adds one drill's inject and post measurements to `report`. `stopAt` is the wall time the stop was asked
 * for: every inject scheduled by then (`scheduleTs`) should have reached every participant.
 */
export function summarizeDrill(run: DrillRun, participants: number, scheduleTs: readonly number[], stopAt: number, report: StopReport, note: (message: string) => void): void {
  const clock = run.clock ?? (run.startEvent && { ...run.startEvent, speed: run.speed ?? 1 });
  if (!run.clock && run.injects.length) note(`drill ${run.slot.drillId}: no running clock received; used the drill.start stamp`);
  if (clock) {
    for (const r of run.injects) {
      const latency = r.at - scheduledWall(clock, r.t);
      report.injectLatencies.push(latency);
      report.injectSeries.push([r.t, latency]);
    }
  }
  const due = clock ? scheduleTs.filter((t) => scheduledWall(clock, t) <= stopAt) : [];
  const got = new Map<number, Set<number>>();
  for (const r of run.injects) {
    if (!got.has(r.member)) got.set(r.member, new Set());
    got.get(r.member)!.add(r.t);
  }
  for (let m = 1; m <= participants; m++) {
    report.injectsExpected += due.length;
    report.injectsMissing += due.filter((t) => !got.get(m)?.has(t)).length;
  }

  if (run.startSentAt !== undefined && run.startSeen.size === participants) {
    report.startAll.push(Math.max(...run.startSeen.values()) - run.startSentAt);
  }

  const others = run.members.length - 1;
  for (const post of run.sent) {
    report.postsSent++;
    if (post.refused) {
      report.postsRefused++;
      continue;
    }
    if (post.ackAt === undefined || post.seq === undefined) {
      report.postsIncomplete++;
      continue;
    }
    report.postAck.push(post.ackAt - post.sentAt);
    const receipts = run.postReceipts.get(post.seq) ?? [];
    if (receipts.length < others) report.postsIncomplete++;
    else report.postAll.push(Math.max(...receipts) - post.sentAt);
  }
}
