import type { DrillEvent } from '../../shared/drill/events';
import type { DrillStatus } from '../../shared/drill/state';
import type { RunCursor } from '../../shared/runs/runs-page';
import type { RunSummary } from '../../shared/runs/summary';
import type { Scenario } from '../../shared/scenario/schema';
import { NotSavedError } from './group-commit';

/**
 * Where the drill clock stood when last saved. On restart a running drill resumes from `t`, so the time the
 * server was down never counts as drill time.
 */
export interface ClockCheckpoint {
  /** Drill time (ms). */
  t: number;
  /** Wall time (ms since epoch) of the sample. */
  wall: number;
  speed: number;
}

/** One drill as stored. Secrets are kept only as SHA-256 hashes (see ids.ts). */
export interface DrillRecord {
  id: string;
  scenarioId: string;
  /** The scenario as it was when the drill was created, so that editing the file never breaks a replay. */
  scenario: Scenario;
  title: string;
  joinCode: string;
  facilitatorKeyHash: string;
  observerKeyHash: string;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  status: DrillStatus;
  clock: ClockCheckpoint;
  /**
   * The drill engine (`ENGINE_VERSION`) that last wrote to the log. A server whose engine is older refuses to
   * replay it; drills stored before versions were recorded are version 1.
   */
  engineVersion: number;
  /** Set when the drill is taken out of service for good: never restored, never joinable (docs/operations.md). */
  retired?: Retired;
  /** The drill this one was forked from (`npm run firedrill -- doctor <id> --fork`). */
  forkedFrom?: string;
}

/**
 * Why a drill is out of service: `expired`, a drill that was never started within the lobby time limit;
 * `read-only`, an operator's decision after its log stopped replaying (`doctor`), kept for its scorecard and
 * report. Neither changes a stored event.
 */
export interface Retired {
  kind: 'expired' | 'read-only';
  /** Wall time (ms since epoch). */
  at: number;
  reason: string;
  /** The drill that carries on from this one's log, if it was forked. */
  forkedTo?: string;
}

export type DrillPatch = Partial<Pick<DrillRecord, 'status' | 'startedAt' | 'endedAt' | 'clock' | 'engineVersion' | 'retired' | 'facilitatorKeyHash' | 'observerKeyHash'>>;

export interface ParticipantRecord {
  id: string;
  drillId: string;
  name: string;
  tokenHash: string;
  joinedAt: number;
  /** The facilitator removed the seat: its token opens nothing any more. */
  removed?: boolean;
  /** The facilitator merged the seat into this one: its token opens that seat. */
  mergedInto?: string;
}

export type ParticipantPatch = Partial<Pick<ParticipantRecord, 'name' | 'removed' | 'mergedInto'>>;

/**
 * Where a drill mirrors its events (docs/operations.md, "Outbound webhooks"). The URL and the signing secret
 * are sealed (encrypted with the server's secret key, server/outbound/secret-box.ts): never stored or shown in
 * the clear.
 */
export interface OutboundRecord {
  drillId: string;
  urlSealed: string;
  secretSealed: string;
  /** Shown back instead of the URL, e.g. "hooks.slack.com/…/Xy9z". */
  urlHint: string;
  format: 'slack' | 'json';
  channels: string[];
  updatedAt: number;
}

/** An ended drill of a scenario with its stored run summary (null: none yet, one is made on first read). */
export interface EndedRun { drill: DrillRecord; summary: RunSummary | null }

/** Where an ended drill sorts among its scenario's runs: when it ended (its creation, if that was never recorded). */
export const runEndedAt = (drill: Pick<DrillRecord, 'endedAt' | 'createdAt'>): number => drill.endedAt ?? drill.createdAt;

/** A finished drill with its whole log, for scorecards, reports and scenario run histories. */
export interface FinishedDrill { drill: DrillRecord; events: DrillEvent[] }

/**
 * Why a write was refused for good: the drill is owned by another node now (its lease was taken over, and the
 * fencing token this node wrote with is no longer the lease's), or the write conflicts with the stored log (a seq
 * that is not the next one). Nothing of the refused writes is stored. The writer must stop serving the drill.
 */
export class FencedError extends NotSavedError {
  constructor(readonly drillId: string, reason: string) {
    super(new Error(reason));
    this.name = 'FencedError';
  }
}

/**
 * A drill's latest snapshot as stored (`Drill.snapshot`, serialised): derived data, so that a restore replays only
 * the events after `seq`. Read back as text: the reader parses and checks it, and replays the whole log when it
 * does not fit.
 */
/** Why an append is refused: a store's log never has gaps or duplicates. */
export const seqRefusal = (drillId: string, seq: number, expected: number) => `event seq ${seq} is not the next one (${expected}) in drill ${drillId}`;

export interface StoredSnapshot {
  seq: number;
  /** `ENGINE_VERSION` of the engine that took it. */
  engineVersion: number;
  /** Wall ms it was taken at. */
  takenAt: number;
  json: string;
}

/** Which database a store writes to. */
export type StoreEngine = 'sqlite' | 'postgres' | 'memory';

/**
 * Persistence for drills, their event logs and participants; implemented by SQLite (the embedded default),
 * PostgreSQL (several nodes) and memory (tests).
 *
 * **Writes are synchronous** on purpose: the drill core calls its journal synchronously with each event *before*
 * applying it, and a write that throws stops the event. They are **group-committed**: the first write after a
 * commit opens a batch, every later write joins it, and the batch is committed once the current event-loop turn
 * is over (or at `commit()`) — one commit for all the drills that wrote in that turn. A drill turn is broadcast
 * once its batch is committed (`committed()`) and acknowledged once that commit would survive a power cut
 * (`durable()`); if either rejects, nothing of what it covers is stored. SQLite runs each write at once inside the
 * open transaction (a bad write throws here); PostgreSQL buffers the batch and sends it in one transaction at
 * commit (a bad write is refused then, through `durable()`), so a caller must handle both.
 *
 * **Reads are asynchronous** and see committed data only, never a batch still open.
 *
 * **Fencing** (PostgreSQL): a node writes a drill only while it holds the drill's lease; `fence` tells the store
 * the lease's token, and every write of that drill is committed only if the lease still carries that token
 * (otherwise it is refused with `FencedError`). Stores of a single node (SQLite, memory) own every drill and
 * ignore fences.
 */
export interface Store {
  readonly engine: StoreEngine;

  /** Saves a new drill. Refused when a live drill already uses the join code. */
  createDrill(drill: DrillRecord): void;
  updateDrill(id: string, patch: DrillPatch): void;
  /**
   * Appends one event. Refused if `seq` is not the next one (the log never has gaps or duplicates). There is no
   * way to change or remove a stored event: the log is the truth, and scorecards cite its seq numbers.
   */
  appendEvent(drillId: string, event: DrillEvent): void;
  addParticipant(participant: ParticipantRecord): void;
  updateParticipant(drillId: string, id: string, patch: ParticipantPatch): void;
  /** Sets (or with `undefined` removes) the drill's outbound webhook. */
  setOutbound(drillId: string, record: OutboundRecord | undefined): void;
  /**
   * Runs `fn` atomically inside the current batch: if it throws (or, on PostgreSQL, one of its writes is refused
   * at commit), none of its writes are kept; the rest of the batch is.
   */
  transaction<T>(fn: () => T): T;
  /**
   * Resolves once every write made so far is committed (at once when nothing waits); rejects with
   * `NotSavedError` when their batch was rolled back instead (nothing of it is stored), and, given a drill, also
   * when that drill's writes in it were refused (`FencedError`: another node owns it now).
   */
  durable(drillId?: string): Promise<void>;
  /**
   * Resolves once every write made so far is committed (when the open batch is cut: the drill turns of one
   * event-loop turn share a commit), without waiting for what makes it survive a power cut (SQLite: the WAL's
   * fsync); rejects like `durable`. A drill turn is broadcast at this point and acknowledged at `durable`. A store
   * whose commit is itself that durable (PostgreSQL, memory) answers as `durable`.
   */
  committed(drillId?: string): Promise<void>;
  /** Commits the open batch now, if any; rejects like `durable`. */
  commit(drillId?: string): Promise<void>;
  /** Commits what is open, then closes. */
  close(): Promise<void>;
  /**
   * Keeps the summary of an ended drill (replacing one that reflects fewer events; an older one never replaces a
   * newer). Derived data, rebuilt from the log whenever missing: any node may write it, it is never fenced.
   */
  putRunSummary(summary: RunSummary): void;
  /**
   * Keeps the drill's latest snapshot (replacing one taken at a lower or equal seq; an older one never replaces a
   * newer), in the current batch like any write. Derived data, checked against the log when read and ignored when
   * it does not fit: any node may write it, it is never fenced, and stored events are never touched.
   */
  putSnapshot(drillId: string, snapshot: StoredSnapshot): void;
  /** The fencing token this node writes the drill with (undefined: it no longer writes it). */
  fence(drillId: string, token: number | undefined): void;

  getDrill(id: string): Promise<DrillRecord | undefined>;
  /** The drill that is not ended nor retired and uses this join code (stored form, "K7P-M2Q"). */
  findLiveDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined>;
  /** Drills in lobby, running or paused and not retired: the ones to restore on start. */
  listLiveDrills(): Promise<DrillRecord[]>;
  /** How many drills `listLiveDrills` would list (for the health check). */
  countLiveDrills(): Promise<number>;
  /** Every drill, newest first (for `doctor` and `migrate-store`). */
  listDrills(): Promise<DrillRecord[]>;
  /** Ended drills of a scenario with their logs, oldest first. */
  listFinishedDrills(scenarioId: string): Promise<FinishedDrill[]>;
  /**
   * One page of a scenario's ended drills with their summaries, newest first (by `runEndedAt`, then id, descending);
   * `before`: only those after that position. Reads no event log.
   */
  listEndedRuns(scenarioId: string, page: { limit: number; before?: RunCursor }): Promise<EndedRun[]>;
  /** How many ended drills the scenario has. */
  countEndedRuns(scenarioId: string): Promise<number>;
  /** The drill's latest committed snapshot, if any. */
  snapshot(drillId: string): Promise<StoredSnapshot | undefined>;
  /** The log in seq order; `afterSeq` skips what the caller already has. */
  events(drillId: string, afterSeq?: number): Promise<DrillEvent[]>;
  findParticipantByToken(drillId: string, tokenHash: string): Promise<ParticipantRecord | undefined>;
  /** A participant's seat by id. */
  participant(drillId: string, id: string): Promise<ParticipantRecord | undefined>;
  /** Every seat of a drill, in the order they joined (for `migrate-store`). */
  participants(drillId: string): Promise<ParticipantRecord[]>;
  /** The most recently created drill with this join code, ended or not (to tell "ended" from "no such code"). */
  findLatestDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined>;
  /** The drill's outbound webhook, if one is configured. */
  getOutbound(drillId: string): Promise<OutboundRecord | undefined>;
}
