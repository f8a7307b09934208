import type { ReceivedAlert } from '../../shared/alerts/alert';
import type { DrillCommand } from '../../shared/drill/commands';
import type { DrillDetails, DrillView, ErrorCode, Identity, OutboundStatus, PublicStatus } from '../../shared/protocol/messages';
import type { ConfigureRequest } from '../outbound/outbound';

/**
 * What the drill's owner is asked to do. Sockets and HTTP requests reach any node; whatever needs the drill's queue
 * (joins, commands, views, presence, webhooks) becomes one of these and runs on the node that owns the drill:
 * this one, or another one through the node bus (server/cluster/router.ts). Everything here is plain JSON.
 */

/** A socket as its own node knows it: where it is and who it joined as. */
export interface SocketRef {
  socketId: string;
  /** The node the socket is connected to. */
  node: string;
  identity?: Identity;
  /** Staff: the hash of the key it joined with. */
  keyHash?: string;
}

export type StaffRole = 'facilitator' | 'observer';

export type DrillOp =
  /** A participant joining with the drill's code (the edge found the drill), or coming back with its seat token. */
  | { op: 'join'; socket: SocketRef; name: string; token?: string }
  /** A participant coming back by drill id and seat token. */
  | { op: 'rejoin'; socket: SocketRef; token: string }
  | { op: 'join-staff'; socket: SocketRef; role: StaffRole; key: string }
  | { op: 'command'; socket: SocketRef; id: string; command: DrillCommand }
  | { op: 'resync'; socket: SocketRef }
  | { op: 'rotate-key'; socket: SocketRef; role: StaffRole }
  /**
   * A socket that is in the drill as far as its node knows: its connection was recovered, or the drill has a new
   * owner (which knows nothing of it yet). The owner checks its identity again and takes it in; `fresh`: send it a
   * full view (the new owner's stream starts there).
   */
  | { op: 'reattach'; socket: SocketRef; fresh: boolean }
  /** A socket left the drill (joined another) or disconnected (its place is kept for the recovery window). */
  | { op: 'detach'; socketId: string; why: 'left' | 'disconnected' }
  | { op: 'details'; role?: StaffRole }
  | { op: 'status' }
  | { op: 'outbound'; action: 'status' | 'configure' | 'remove' | 'test'; request?: ConfigureRequest }
  /** A live game day's alert ingest: is `token` the drill's alert token in force (asked before the body is read)? */
  | { op: 'alert-auth'; token: string }
  /** Real alerts in (already parsed and validated at the edge), with the token they came with (checked again). */
  | { op: 'alerts'; token: string; alerts: ReceivedAlert[] }
  /** The drill's alert token: whether one is in force, a new one (the old one stops working), or none. The edge checked the facilitator key. */
  | { op: 'alert-token'; action: 'status' | 'issue' | 'revoke' };

export type OpName = DrillOp['op'];

/** What a join leaves the socket as. */
export interface Joined { view: DrillView; identity: Identity; token?: string; keyHash?: string }

/** The answer to each op. */
export interface OpData {
  join: Joined;
  rejoin: Joined;
  'join-staff': Joined;
  command: { seq: number };
  resync: DrillView;
  'rotate-key': { role: StaffRole; key: string; keyHash: string };
  /** null: the socket was dropped (removed seat, replaced key): it was told why. */
  reattach: { identity: Identity | null };
  detach: null;
  details: DrillDetails;
  status: PublicStatus;
  outbound: { status: OutboundStatus; signingSecret?: string };
  'alert-auth': null;
  /** Alerts logged (`received`), repeats skipped (`duplicates`), and the injects the firing ones became. */
  alerts: { received: number; duplicates: number; injects: string[] };
  /** `token` only when one was just issued (its only copy). */
  'alert-token': { active: boolean; issuedAt?: number; token?: string };
}

export interface OpError {
  code: ErrorCode;
  message: string;
  /** HTTP status for HTTP callers (404, 503…). */
  status?: number;
  /** The request failed because of something the caller got wrong that counts against its address (a wrong key or token). */
  failedJoin?: string;
  /** The drill is not served here any more (another node took it over): ask its owner. */
  moved?: boolean;
  /** There is no such drill. */
  unknown?: boolean;
}

export type OpReply<N extends OpName = OpName> = { ok: true; data: OpData[N] } | { ok: false; error: OpError };

export type OpOf<N extends OpName> = Extract<DrillOp, { op: N }>;

export const opFail = (code: ErrorCode, message: string, extra: Omit<OpError, 'code' | 'message'> = {}): { ok: false; error: OpError } => ({ ok: false, error: { code, message, ...extra } });
