import { hasFixedStates } from '../scenario/model';
import type { AlertStatus, Declaration, InjectChannel, PostChannel, Scenario, Severity } from '../scenario/schema';
import type { ActionPriority, ActionStatus } from './action-items';
import type { Actor, OverrideTarget, OverrideValue, StatusPhase } from './commands';
import type { InjectAlert } from '../alerts/inject-alert';
import type { DeliveredDecision } from './events';

// The drill state's shape and its start (`initialDrillState`); the fold of the log into it is `reduceDrill` (state.ts).

export type DrillStatus = 'lobby' | 'running' | 'paused' | 'ended';

export interface Participant {
  id: string;
  name: string;
  joinedAt: number;
  /** The facilitator removed this seat: it holds no roles and its token no longer opens the drill. */
  removed?: boolean;
  /** The facilitator merged this seat into another one (the same person joined twice): its roles moved there. */
  mergedInto?: string;
  /** Drill time the server logged this participant as away (offline past the take-over grace period). */
  awaySince?: number;
}
export interface DeliveredInject {
  seq: number; t: number; injectId: string; state?: string; to: string[]; channel: InjectChannel;
  from?: string; title?: string; body?: string; ack: boolean; adhoc: boolean;
  /** The options of a decision inject (id and label only). */
  decision?: DeliveredDecision;
  /** A real alert from monitoring delivered it: where from, and whether it has resolved since. */
  alert?: InjectAlert;
}
export interface Ack { seq: number; t: number; by: Actor }
export interface Post { seq: number; t: number; by: Actor; channel: PostChannel; phase?: StatusPhase; text: string }
export interface Page {
  seq: number; t: number; by: Actor; contact: string; message: string;
  reply?: { seq: number; t: number; text: string };
}
/**
 * An action item as it stands: added by `action-item.add` (its `seq` is the item's id), with the latest values
 * of any `action-item.update`s. Items logged before v2 get the defaults (medium, open, no finding).
 */
export interface ActionItem {
  seq: number; t: number; by: Actor; text: string; owner: string;
  /** YYYY-MM-DD (drills logged before v2 may hold free text). */
  due?: string;
  priority: ActionPriority;
  status: ActionStatus;
  /** The scorecard finding it answers (`Finding.id`). */
  finding?: string;
  /** The latest update, if any. */
  updated?: { seq: number; t: number; by: Actor };
}
export interface Note { seq: number; t: number; text: string; ref?: number }
export interface Point { t: number; value: number }

/** One choice of an option, by a holder of a role the decision inject was addressed to. */
export interface Choice { seq: number; t: number; by: Actor; option: string; reason?: string }

/** A decision inject's decision: open from its delivery until the story leaves the inject's state. */
export interface DecisionState {
  injectId: string;
  /** The (latest) delivery that opened it. */
  opened: { seq: number; t: number };
  /** When it closed (the story moved on, or the drill ended); then the choice is locked. */
  closed?: { seq: number; t: number };
  /** The team's current choice: the latest one. */
  choice?: Choice;
  /** Every choice, changes included, in order. */
  history: Choice[];
}

/** A standing declaration. `premature`: made before the story reached a `fixed` state of its level. */
export interface Declared { seq: number; t: number; by: Actor; premature: boolean }

/** One declaration or retraction, for the scorecard. */
export interface DeclarationEntry {
  seq: number; t: number; by: Actor; status: Declaration; action: 'declare' | 'retract';
  /** On declarations: made before the story reached a `fixed` state of this level. */
  premature?: boolean;
  /** On retractions: why. */
  reason?: string;
}

/** One real alert the drill received (per fingerprint), for the facilitator and the scenario's conditions. */
export interface AlertRecord {
  fingerprint: string;
  /** `alertname`, or a plain alert's title. */
  name: string;
  labels: Record<string, string>;
  status: AlertStatus;
  /** It was received firing at least once. */
  fired: boolean;
  /** The rule that routed its latest firing (null: none matched, or it never fired here). */
  rule: string | null;
  /** The inject of its latest firing. */
  injectId?: string;
  /** Deliveries logged (repeats of the same status are refused, so these are changes). */
  received: number;
  first: { seq: number; t: number };
  last: { seq: number; t: number };
}

/**
 * Where a proposed fault stands. `proposed` waits for the facilitator; `lapsed`: the story left its state (or the
 * drill ended) before anyone confirmed, so nothing was sent; `cancelled`: aborted before it was sent; `starting` /
 * `aborting`: being sent; `running`: the receiver took it (or a dry run logged it); `failed`: the start did not get
 * through (it may be confirmed again); `aborted` / `abort-failed`: how its abort went (an abort may be sent again).
 */
export type FaultStatus = 'proposed' | 'lapsed' | 'cancelled' | 'starting' | 'running' | 'failed' | 'aborting' | 'aborted' | 'abort-failed';

/** One logged attempt to send a fault's start or abort. */
export interface FaultDelivery {
  seq: number; t: number; action: 'start' | 'abort';
  outcome: 'delivered' | 'retrying' | 'failed' | 'dry-run' | 'cancelled';
  attempt: number; status?: number; error?: string; target?: string; body?: string;
}

/** A fault of a live game day: proposed by the story, confirmed (or not) by the facilitator, sent by the server. */
export interface FaultState {
  faultId: string;
  /** The scenario state that proposed it. */
  state: string;
  webhook: string;
  title?: string;
  payload: Record<string, unknown>;
  abort?: Record<string, unknown>;
  status: FaultStatus;
  proposed: { seq: number; t: number };
  /** The latest confirmation, and whether it asked for a dry run. */
  confirmed?: { seq: number; t: number; dryRun: boolean };
  /** The latest abort. */
  aborted?: { seq: number; t: number };
  deliveries: FaultDelivery[];
}

/** An evaluator's override of one automatic score (the latest per target wins; `value: null` clears). */
export interface Override { seq: number; t: number; by: Actor; target: OverrideTarget; value: OverrideValue; note: string }

/**
 * Everything the drill has become, folded from its event log. Plain data: the server keeps the whole of it,
 * each client keeps the part its viewer may see (the same reducer runs on both).
 */
export interface DrillState {
  status: DrillStatus;
  endedReason?: 'final' | 'duration' | 'facilitator';
  /** Drill time of the latest event. */
  t: number;
  /** Sequence number of the latest event applied. */
  seq: number;
  speed: number;
  /** The scenario state the drill is in (staff views only). */
  machineState?: string;
  participants: Record<string, Participant>;
  /** role id → participant id holding it. */
  roles: Record<string, string>;
  /** role id → the participant who held it last, kept when the role stands empty (to recognise a handover). */
  lastHolders: Record<string, string>;
  /** Roles that reached a participant other than their last holder after the drill started: handovers. */
  handedOver: string[];
  injects: DeliveredInject[];
  acks: Record<string, Ack>;
  posts: Post[];
  pages: Page[];
  severity: Severity;
  /** The declarations that stand now (declared and not retracted). */
  declared: Partial<Record<Declaration, Declared>>;
  /** Every declaration and retraction, in order. */
  declarations: DeclarationEntry[];
  /** Whether the scenario marks `fixed` states; without them no declaration is premature. */
  checksDeclarations: boolean;
  /** The highest `fixed` level the story has reached (staff views only). */
  fixedLevel?: Declaration;
  /** decision inject id → its decision. */
  decisions: Record<string, DecisionState>;
  actionItems: ActionItem[];
  notes: Note[];
  telemetry: Record<string, Point[]>;
  /** Evaluators' score overrides (staff only). */
  overrides: Override[];
  /** Whether observers may override scores (staff only). */
  evaluators: { observers: boolean };
  /** Real alerts received, by fingerprint (staff only; the team sees their injects). */
  alerts: Record<string, AlertRecord>;
  /** Faults proposed by the story, by fault id (staff only). */
  faults: Record<string, FaultState>;
  /**
   * The alert ingest token in force: the `alerts.token` issue that made it (staff only). The server derives the
   * token from this seq and its own secret key, so the log never holds the token and a new issue retires the old.
   */
  alertToken: { seq: number; t: number } | null;
}

export function initialDrillState(scenario: Pick<Scenario, 'severity' | 'telemetry'> & Partial<Pick<Scenario, 'states'>>): DrillState {
  return {
    status: 'lobby', t: 0, seq: 0, speed: 1, participants: {}, roles: {}, lastHolders: {}, handedOver: [], injects: [], acks: {}, posts: [],
    pages: [], severity: scenario.severity, declared: {}, declarations: [],
    checksDeclarations: scenario.states ? hasFixedStates({ states: scenario.states }) : false,
    decisions: {}, actionItems: [], notes: [],
    telemetry: Object.fromEntries(scenario.telemetry.map((s) => [s.id, []])),
    overrides: [], evaluators: { observers: false }, alerts: {}, faults: {}, alertToken: null,
  };
}
