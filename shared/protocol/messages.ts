import { z } from 'zod';
import { EvaluatorCommand, FacilitatorCommand, LIMITS, TeamCommand, type StatusPhase } from '../drill/commands';
import type { DrillEvent } from '../drill/events';
import type { DrillState } from '../drill/state';
import type { Upcoming } from '../drill/upcoming';
import type { ScenarioGraph } from '../scenario/graph';
import type { ScenarioProblem } from '../scenario/problems';
import type { Scenario } from '../scenario/schema';
import { userText } from '../text';

export type { ScenarioGraph } from '../scenario/graph';

/**
 * The socket protocol, declared once. Client→server payloads are zod schemas (validated on the server);
 * server→client payloads are types. Every client→server event is answered through its ack with a `Reply`.
 */

export type ErrorCode =
  | 'invalid' | 'forbidden' | 'conflict' | 'not-found' | 'not-running'
  | 'unauthorized' | 'rate-limited' | 'too-large' | 'internal' | 'unavailable';
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** Join codes are short, unambiguous, upper-case: "K7P-M2Q". */
export const JOIN_CODE = /^[A-HJ-NP-Z2-9]{3}-?[A-HJ-NP-Z2-9]{3}$/;

export const JoinRequest = z.discriminatedUnion('as', [
  z.strictObject({
    as: z.literal('participant'),
    code: z.string().trim().toUpperCase().regex(JOIN_CODE, { message: 'A join code looks like K7P-M2Q.' }),
    name: userText(LIMITS.name, 'Your name'),
    /**
     * This browser's seat token for the drill, when it has one: if it is a seat in the drill with this code, the
     * join puts the same person back in it (same roles) instead of seating a second copy.
     */
    token: z.string().min(16).max(128).optional(),
  }),
  /** A returning participant (reload, dropped network) keeps identity and roles with their token. */
  z.strictObject({ as: z.literal('rejoin'), drillId: z.string().min(1).max(64), token: z.string().min(16).max(128) }),
  z.strictObject({ as: z.literal('facilitator'), drillId: z.string().min(1).max(64), key: z.string().min(16).max(128) }),
  z.strictObject({ as: z.literal('observer'), drillId: z.string().min(1).max(64), key: z.string().min(16).max(128) }),
]);
export type JoinRequest = z.input<typeof JoinRequest>;

/**
 * A command's id, chosen by the client (a random UUID or similar), unique per command it means to send. A retry
 * of the same command (after a timeout, a reconnect or a server restart) carries the same id and is answered
 * with the original result instead of being applied twice; see docs/protocol.md ("Command ids and retries").
 */
export const CommandId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'A command id is 8 to 64 letters, digits, "-" or "_" (a UUID will do).' });

export const CommandRequest = z.strictObject({ id: CommandId, command: z.union([TeamCommand, FacilitatorCommand, EvaluatorCommand]) });
export type CommandRequest = z.input<typeof CommandRequest>;

export const ResyncRequest = z.strictObject({ since: z.number().int().min(0).optional() });
export type ResyncRequest = z.input<typeof ResyncRequest>;

/** Replaces a staff link: a new key for the role, the old one stops working at once (facilitator only). */
export const RotateKeyRequest = z.strictObject({ role: z.enum(['facilitator', 'observer']) });
export type RotateKeyRequest = z.input<typeof RotateKeyRequest>;
export interface RotateKeyResult { role: 'facilitator' | 'observer'; key: string }

/**
 * The server no longer accepts this socket's identity in the drill: the facilitator removed the seat, or replaced
 * the staff link it joined with. The socket has left the drill; `message` says what to do.
 */
export interface RevokedNotice { reason: 'removed' | 'key-rotated'; message: string }

/** The outbound webhook of a drill as the facilitator sees it: never the URL itself, only a hint. */
export interface OutboundStatus {
  configured: boolean;
  /** E.g. "hooks.slack.com/…/Xy9z". */
  target?: string;
  format?: 'slack' | 'json';
  channels: string[];
  delivered: number;
  failed: number;
  /** Waiting in the queue (or being retried). */
  pending: number;
  /** Dropped because the queue was full (the receiver was down too long). */
  dropped: number;
  lastDeliveredAt?: number;
  /** The latest failure (an attempt that will not be retried, or is still being retried). */
  lastError?: { at: number; message: string; retrying: boolean };
}

/** Who this socket is in the drill. */
export type Identity =
  | { kind: 'participant'; participantId: string; name: string }
  | { kind: 'facilitator' }
  | { kind: 'observer' };

/** The drill clock as sampled by the server; clients extrapolate between samples. */
export interface ClockInfo {
  status: DrillState['status'];
  /** Drill time (ms) at the moment of sampling. */
  t: number;
  speed: number;
  /** Server wall time (ms since epoch) of the sample. */
  wall: number;
}

/** What every viewer may know of the scenario: no states, no inject texts, no replies ahead of time. */
export interface PublicScenario {
  id: string;
  title: string;
  summary: string;
  briefing?: string;
  /** The story clock at the start (`starts-at`, e.g. "Fri 18:40"): read it with shared/story-time.ts. */
  startsAt?: string;
  severity: Scenario['severity'];
  duration: string;
  tags: string[];
  roles: Scenario['roles'];
  /** Who may declare and retract, and change severity (role ids; the facilitator always may). */
  powers: { declare: string[]; severity: string[]; takeOverAfter: string };
  contacts: { id: string; name: string; title?: string }[];
  telemetry: Scenario['telemetry'];
  objectives: { id: string; title: string; kind: string; target: string | number; weight: number }[];
  /** Wall ms a role holder must have been away before a teammate may take the role over. */
  takeOverAfterMs: number;
}

/** The full view of a drill for one socket: sent on join, on resync and when the viewer's roles change. */
export interface DrillView {
  drillId: string;
  title: string;
  identity: Identity;
  scenario: PublicScenario;
  /** The scenario in full, for staff (facilitator console statechart, upcoming injects). */
  script?: Scenario;
  state: DrillState;
  clock: ClockInfo;
  /** Staff only. */
  upcoming?: Upcoming[];
  /** Staff only, until the drill ends: the code the team joins with, so a console opened from the link can show it. */
  joinCode?: string;
  /** Participant ids with a connected socket now. */
  online: string[];
}

/** One event of a `drill:turn`, as the client folds it: `prev` is the seq of the event sent to this socket before it. */
export interface EventMessage { event: DrillEvent; prev: number }

/**
 * What one committed turn of the drill changed, for one socket, in one message: the new log events it may see, in
 * seq order, after `prev` (the seq of the last event sent to this socket; `events` may be empty); the drill clock
 * when its status or speed changed; and, for staff, the schedule ahead when it changed. A client applies the events,
 * then the clock, then the schedule.
 */
export interface TurnMessage { events: DrillEvent[]; prev: number; clock?: ClockInfo; upcoming?: Upcoming[] }

export interface JoinResult { view: DrillView; token?: string }

/** Client → server events. */
export interface ClientToServerEvents {
  'drill:join': (request: JoinRequest, ack: (reply: Reply<JoinResult>) => void) => void;
  'drill:command': (request: CommandRequest, ack: (reply: Reply<{ seq: number }>) => void) => void;
  'drill:resync': (request: ResyncRequest, ack: (reply: Reply<DrillView>) => void) => void;
  'drill:rotate-key': (request: RotateKeyRequest, ack: (reply: Reply<RotateKeyResult>) => void) => void;
}

/** Server → client events. */
export interface ServerToClientEvents {
  'drill:view': (view: DrillView) => void;
  'drill:turn': (message: TurnMessage) => void;
  'drill:presence': (online: string[]) => void;
  'drill:revoked': (notice: RevokedNotice) => void;
  'drill:outbound': (status: OutboundStatus) => void;
}

export const CLIENT_EVENTS = ['drill:join', 'drill:command', 'drill:resync', 'drill:rotate-key'] as const;
export const SERVER_EVENTS = ['drill:view', 'drill:turn', 'drill:presence', 'drill:revoked', 'drill:outbound'] as const;

// HTTP API shapes.
export const CreateDrillRequest = z.strictObject({
  scenarioId: z.string().min(1).max(64),
  title: userText(120, 'The title').optional(),
});
export type CreateDrillRequest = z.input<typeof CreateDrillRequest>;
export interface CreateDrillResponse { drillId: string; joinCode: string; facilitatorKey: string; observerKey: string }
export interface ScenarioSummary {
  id: string; title: string; summary: string; severity: string; duration: string; tags: string[];
  roles: Scenario['roles']; objectives: PublicScenario['objectives'];
}
export interface DrillSummary {
  drillId: string; scenarioId: string; title: string; status: DrillState['status'];
  createdAt: number; startedAt?: number; endedAt?: number; participants: number;
}

/** JSON error body of every failed HTTP API call; a scenario that does not validate comes with its problems. */
export interface ApiErrorBody { error: { code: ErrorCode; message: string; problems?: ScenarioProblem[] } }
export interface HealthResponse {
  /** `ok`; `degraded` (HTTP 503) when the store or the adapter cannot be reached: a load balancer takes the node out. */
  status: 'ok' | 'degraded';
  /** Live drills (lobby, running, paused) in the store, on every node. */
  drills: number;
  scenarios: number;
  /** This node (its lease holder name; `local` on a single node). */
  node: string;
  /** Drills this node runs now (it owns them). */
  owned: number;
  /** `single`: this node owns every drill; `leases`: drills are shared out by lease, and this node holds `leases`. */
  ownership: { kind: 'single' } | { kind: 'leases'; leases: number };
  /** The store answered a count query (`ms`: how long it took) or not (`error`, without credentials). */
  store: { engine: 'sqlite' | 'postgres' | 'memory'; ok: boolean; ms: number; error?: string };
  /** How broadcasts reach sockets on other nodes: `none` (one node) or `redis-streams` (Redis answered a PING in `ms`). */
  adapter: { kind: 'none'; ok: true } | { kind: 'redis-streams'; ok: boolean; ms: number; error?: string };
  /** Seconds since this process started serving. */
  uptimeSeconds: number;
}
/** `GET /api/scenarios/:id`. */
export interface ScenarioDetail extends PublicScenario { graph: ScenarioGraph }
/**
 * `GET /api/studio`: what the scenario studio may do on this server: save into the library, and whether reading
 * a scenario's file (`GET /api/scenarios/:id/source`) needs the admin key (it does whenever the server has one).
 */
export interface StudioInfo { save: boolean; sourcesNeedKey: boolean }
/** `GET /api/scenarios/:id/source`: the scenario's file as written (`file` null: written out from the loaded scenario). */
export interface ScenarioSource { id: string; file: string | null; text: string }
/** The largest scenario file the studio saves (the body limit of `PUT /api/scenarios/:id`). */
export const MAX_SCENARIO_BYTES = 256 * 1024;
/** `PUT /api/scenarios/:id` (admin key in `x-firedrill-admin-key`): the scenario file, YAML. */
export const SaveScenarioRequest = z.strictObject({ text: z.string().min(1).max(MAX_SCENARIO_BYTES) });
export type SaveScenarioRequest = z.input<typeof SaveScenarioRequest>;
/** What a save did: `created` a new scenario or replaced the studio's earlier version (kept as `backup`). */
export interface SaveScenarioResponse { id: string; file: string; created: boolean; backup?: string; warnings: ScenarioProblem[] }
/** `GET /api/drills/:id`: the summary; `view` only for a facilitator or observer key. */
export interface DrillDetails extends DrillSummary { view?: DrillView }
/** `GET /api/drills/:id/events` (facilitator or observer key). */
export interface DrillEventsResponse { drillId: string; events: DrillEvent[] }
/** One status-page update as customers see it: no author, nothing from the war room. `t` is drill time (ms). */
export interface PublicStatusUpdate { seq: number; t: number; phase: StatusPhase; text: string }
/**
 * `GET /api/drills/:id/status` (anyone with the link, no seat or key): the public status page. Only status-page
 * updates (newest first), the drill times (ms) of the team's declarations and the story clock they are read on;
 * `title` is a generic page name, never the scenario's title.
 */
export interface PublicStatus {
  title: string;
  /** The story clock at T+0 (the scenario's `starts-at`, e.g. "Fri 18:40"), when it has one: updates show its time of day. */
  startsAt?: string;
  status: DrillState['status'];
  updates: PublicStatusUpdate[];
  declared: { mitigated?: number; resolved?: number };
}
