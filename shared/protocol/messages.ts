import { z } from 'zod';
import { EvaluatorCommand, FacilitatorCommand, LIMITS, TeamCommand, type StatusPhase } from '../drill/commands';
import type { DrillEvent } from '../drill/events';
import type { DrillState } from '../drill/state';
import type { Upcoming } from '../drill/upcoming';
import type { Scenario } from '../scenario/schema';

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
    name: z.string().trim().min(1, { message: 'Tell the team your name.' }).max(LIMITS.name),
  }),
  /** A returning participant (reload, dropped network) keeps identity and roles with their token. */
  z.strictObject({ as: z.literal('rejoin'), drillId: z.string().min(1).max(64), token: z.string().min(16).max(128) }),
  z.strictObject({ as: z.literal('facilitator'), drillId: z.string().min(1).max(64), key: z.string().min(16).max(128) }),
  z.strictObject({ as: z.literal('observer'), drillId: z.string().min(1).max(64), key: z.string().min(16).max(128) }),
]);
export type JoinRequest = z.input<typeof JoinRequest>;

export const CommandRequest = z.strictObject({ command: z.union([TeamCommand, FacilitatorCommand, EvaluatorCommand]) });
export type CommandRequest = z.input<typeof CommandRequest>;

export const ResyncRequest = z.strictObject({ since: z.number().int().min(0).optional() });
export type ResyncRequest = z.input<typeof ResyncRequest>;

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

/** One new log event, for viewers allowed to see it. `prev` is the seq of the last event sent to this socket. */
export interface EventMessage { event: DrillEvent; prev: number }

export interface JoinResult { view: DrillView; token?: string }

/** Client → server events. */
export interface ClientToServerEvents {
  'drill:join': (request: JoinRequest, ack: (reply: Reply<JoinResult>) => void) => void;
  'drill:command': (request: CommandRequest, ack: (reply: Reply<{ seq: number }>) => void) => void;
  'drill:resync': (request: ResyncRequest, ack: (reply: Reply<DrillView>) => void) => void;
}

/** Server → client events. */
export interface ServerToClientEvents {
  'drill:view': (view: DrillView) => void;
  'drill:event': (message: EventMessage) => void;
  'drill:clock': (clock: ClockInfo) => void;
  'drill:upcoming': (upcoming: Upcoming[]) => void;
  'drill:presence': (online: string[]) => void;
}

export const CLIENT_EVENTS = ['drill:join', 'drill:command', 'drill:resync'] as const;
export const SERVER_EVENTS = ['drill:view', 'drill:event', 'drill:clock', 'drill:upcoming', 'drill:presence'] as const;

// HTTP API shapes.
export const CreateDrillRequest = z.strictObject({
  scenarioId: z.string().min(1).max(64),
  title: z.string().trim().min(1).max(120).optional(),
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

/** JSON error body of every failed HTTP API call. */
export interface ApiErrorBody { error: { code: ErrorCode; message: string } }
export interface HealthResponse { status: 'ok'; drills: number; scenarios: number }
/** The scenario's states and transitions, for the statechart view. */
export interface ScenarioGraph {
  initial: string;
  states: { id: string; final: boolean; injects: number; description?: string }[];
  edges: { from: string; to: string; kind: 'on' | 'after'; label: string }[];
}
/** `GET /api/scenarios/:id`. */
export interface ScenarioDetail extends PublicScenario { graph: ScenarioGraph }
/** `GET /api/drills/:id`: the summary; `view` only for a facilitator or observer key. */
export interface DrillDetails extends DrillSummary { view?: DrillView }
/** `GET /api/drills/:id/events` (facilitator or observer key). */
export interface DrillEventsResponse { drillId: string; events: DrillEvent[] }
/** One status-page update as customers see it: no author, nothing from the war room. `t` is drill time (ms). */
export interface PublicStatusUpdate { seq: number; t: number; phase: StatusPhase; text: string }
/**
 * `GET /api/drills/:id/status` (anyone with the link, no seat or key): the public status page. Only status-page
 * updates (newest first) and the drill times (ms) of the team's declarations; `title` is a generic page name,
 * never the scenario's title.
 */
export interface PublicStatus {
  title: string;
  status: DrillState['status'];
  updates: PublicStatusUpdate[];
  declared: { mitigated?: number; resolved?: number };
}
