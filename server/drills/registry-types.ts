import type { ErrorCode } from '../../shared/protocol/messages';
import type { Clock } from '../clock';
import type { Ownership } from '../cluster/ownership';
import type { Ids } from '../ids';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import type { LiveDrill } from './live-drill';

/** What HTTP and socket replies say about a quarantined drill (code `unavailable`, HTTP 503). */
export const UNAVAILABLE_MESSAGE = 'This drill could not be restored from its log; see the server log.';
/** What they say about a drill an operator kept read-only (`doctor --keep-read-only`). */
export const READ_ONLY_MESSAGE = 'This drill is kept read-only: its log stopped replaying. Its scorecard and report still open with the facilitator or observer key.';

/** How long an ended drill without sockets stays in memory (wall ms) before it is unloaded. */
export const EVICT_AFTER_MS = 10 * 60_000;
/** How long a drill may wait in the lobby before it expires (wall ms, from its creation). */
export const LOBBY_TTL_MS = 24 * 60 * 60_000;
/** Drills `restoreAll` loads at the same time (store reads overlap; replays run one at a time on the event loop). */
export const RESTORE_CONCURRENCY = 8;

/** Why a drill that exists is not served until a restart: its log did not replay, or its store failed. */
export interface Quarantine {
  reason: string;
  /** The first stored event the replay does not reproduce, when that is the cause. */
  seq?: number;
}

/** A request for a drill that exists but is not served: what to answer instead. */
export interface Refusal { code: Extract<ErrorCode, 'unavailable' | 'not-found'>; status: 503 | 404; message: string }

export interface RegistryDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  ids: Ids;
  /** Who owns which drill; default: this node owns every drill (one node). */
  ownership?: Ownership;
  /** Wall ms an ended drill with no sockets is kept loaded; default `EVICT_AFTER_MS`. */
  evictAfter?: number;
  /** Wall ms between batched clock checkpoints of the running drills; default `CHECKPOINT_INTERVAL_MS` (1 s). */
  checkpointInterval?: number;
  /** Wall ms a drill may stay in the lobby after its creation; default `LOBBY_TTL_MS` (24 h). */
  lobbyTtl?: number;
  /** When drills are snapshotted (events, wall ms between two); defaults in server/drills/snapshots.ts. */
  snapshots?: { everyEvents?: number; everyMs?: number };
}

/** What `restoreAll` did with each drill that was live in the store. */
export interface Restored {
  restored: string[];
  /** Quarantined (its log does not replay) or failed to resume: not served, the others are. */
  failed: string[];
  /** Never started within the lobby time limit: retired without being replayed. */
  expired: string[];
  /** Owned by another node (several nodes): not this node's to restore. */
  elsewhere: string[];
}

/** Where a drill is served from, as `locate` found it. */
export type Location =
  | { kind: 'here'; live: LiveDrill }
  /** Another node holds the drill's lease. */
  | { kind: 'elsewhere'; holder: string; expiresInMs: number }
  /** It exists but is not served: quarantined, read-only or expired. */
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'unknown' };

/** A duration in words for the log and for answers ("24 h", "90 min"). */
export const durationInWords = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`);

/** What a request for an expired lobby drill is told. */
export function expiredMessage(ttl: number): string {
  return `This drill was never started and expired ${durationInWords(ttl)} after it was created. Create a new drill.`;
}
