import type { DrillEvent } from '../../shared/drill/events';
import type { DrillStatus } from '../../shared/drill/state';
import type { Scenario } from '../../shared/scenario/schema';

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
}

export type DrillPatch = Partial<Pick<DrillRecord, 'status' | 'startedAt' | 'endedAt' | 'clock'>>;

export interface ParticipantRecord {
  id: string;
  drillId: string;
  name: string;
  tokenHash: string;
  joinedAt: number;
}

/** A finished drill with its whole log, for scorecards, reports and scenario run histories. */
export interface FinishedDrill { drill: DrillRecord; events: DrillEvent[] }

/**
 * Persistence for drills, their event logs and participants.
 *
 * Synchronous on purpose: the drill core calls its journal synchronously with each event *before* applying
 * it, and the server only acknowledges or broadcasts what the store returned from without throwing. An
 * adapter for a networked database (PostgreSQL) would sit behind the same contract by journaling into a
 * per-drill write-ahead buffer flushed before acknowledgement; see docs/operations.md ("Scaling").
 */
export interface Store {
  /** Saves a new drill. Throws when a live drill already uses the join code. */
  createDrill(drill: DrillRecord): void;
  getDrill(id: string): DrillRecord | undefined;
  /** The drill that is not ended and uses this join code (stored form, "K7P-M2Q"). */
  findLiveDrillByJoinCode(joinCode: string): DrillRecord | undefined;
  /** Drills in lobby, running or paused: the ones to restore on start. */
  listLiveDrills(): DrillRecord[];
  /** Ended drills of a scenario with their logs, oldest first. */
  listFinishedDrills(scenarioId: string): FinishedDrill[];
  updateDrill(id: string, patch: DrillPatch): void;

  /** Appends one event. Throws if `seq` is not the next one (the log never has gaps or duplicates). */
  appendEvent(drillId: string, event: DrillEvent): void;
  /** The log in seq order; `afterSeq` skips what the caller already has. */
  events(drillId: string, afterSeq?: number): DrillEvent[];
  /** Drops events with seq > `afterSeq` (only used when a replay regenerates a different tail). */
  truncateEvents(drillId: string, afterSeq: number): void;

  addParticipant(participant: ParticipantRecord): void;
  findParticipantByToken(drillId: string, tokenHash: string): ParticipantRecord | undefined;

  /** Runs `fn` atomically (all of its writes or none). */
  transaction<T>(fn: () => T): T;
  close(): void;
}
