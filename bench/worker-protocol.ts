/**
 * Messages between the bench orchestrator and its client workers (child_process.fork, IPC). Each request
 * carries an id; the worker answers it once with `{ id, ok, data | error }`.
 */

/** Which server the clients talk to: the real one, or the bare Socket.IO floor (bench/baseline-server.ts). */
export type Target = 'firedrill' | 'baseline';

/** One drill (or baseline room) a worker drives: a facilitator socket plus `participants` sockets. */
export interface DrillSlot {
  /** Position in the whole run, for names and room ids. */
  index: number;
  drillId: string;
  joinCode: string;
  facilitatorKey: string;
}

export interface SetupArgs {
  target: Target;
  url: string;
  drills: DrillSlot[];
  participants: number;
  /** Connections opened at once per worker. */
  concurrency: number;
  /** Drill times (ms) of the injects every participant should receive, in order (bench/schedule.ts). */
  scheduleTs: number[];
}

export interface PostArgs {
  /** Each drill's poster sends one post this often (ms), starting at a random phase. */
  everyMs: number;
  /** `status.post` (fan-out figure) or `chat.post` (recovery figure: cheap, many). */
  kind: 'status.post' | 'chat.post';
}

export type Request =
  | { id: number; cmd: 'setup'; args: SetupArgs }
  | { id: number; cmd: 'start'; args: { speed: number } }
  | { id: number; cmd: 'post'; args: PostArgs }
  | { id: number; cmd: 'stop'; args: { settleMs: number } }
  | { id: number; cmd: 'await-disconnect'; args: { timeoutMs: number } }
  | { id: number; cmd: 'reconnect'; args: { url: string; concurrency: number; timeoutMs: number } }
  | { id: number; cmd: 'clocks'; args: Record<string, never> }
  | { id: number; cmd: 'close'; args: Record<string, never> };

export type Response = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };

/** What `stop` returns: raw measurements, summarised by the orchestrator over all workers. */
export interface StopReport {
  /** Scheduled-time → receipt latency of every inject at every participant (ms). */
  injectLatencies: number[];
  /** Per inject receipt, in receipt order per drill: [drill time of the inject (ms), latency (ms)]. */
  injectSeries: [number, number][];
  /** Injects due before the stop that a participant had still not received `settleMs` later (dropped or very late). */
  injectsMissing: number;
  /** Injects due before the stop, summed over participants. */
  injectsExpected: number;
  /** Post → ack (persisted) at the sender (ms). */
  postAck: number[];
  /** Post → received by every other member of the room (ms). */
  postAll: number[];
  /** Per drill: the facilitator's start sent → the running clock received by every participant (ms). */
  startAll: number[];
  postsSent: number;
  postsRefused: number;
  /** Posts that some room member never received before the settle time ran out. */
  postsIncomplete: number;
  /** Error messages seen (first few). */
  errors: string[];
}

/** A report with nothing measured yet (and these errors). */
export const emptyStopReport = (errors: string[] = []): StopReport => ({
  injectLatencies: [], injectSeries: [], injectsMissing: 0, injectsExpected: 0, postAck: [], postAll: [], startAll: [],
  postsSent: 0, postsRefused: 0, postsIncomplete: 0, errors,
});

/** What `reconnect` returns once every socket has rejoined and received its view. */
export interface ResyncReport {
  sockets: number;
  /** Wall time (ms since epoch, sub-ms) when the last socket had its view again. */
  lastViewAt: number;
  /** When the first of its sockets had its view again. */
  firstViewAt?: number;
  failures: number;
  errors: string[];
  /** The first view a participant and a facilitator got back (the recovery floor answers with the same ones). */
  views: { participant?: unknown; facilitator?: unknown };
  /** Per drill: the acknowledged commands (seq, text) sent before the crash, and the restored view's seq. */
  drills: { drillId: string; acked: { seq: number; text: string }[]; restoredSeq: number; restoredStatus: string; restoredPosts: { seq: number; text: string }[] }[];
}

/** Sub-millisecond wall time, comparable across processes on one machine. */
export const wallNow = (): number => performance.timeOrigin + performance.now();
