import type { Facts } from '../scenario/conditions';
import { fixedRank, hasFixedStates } from '../scenario/model';
import type { AlertStatus, Declaration, InjectChannel, PostChannel, Scenario, Severity } from '../scenario/schema';
import type { ActionPriority, ActionStatus } from './action-items';
import type { Actor, OverrideTarget, OverrideValue, StatusPhase } from './commands';
import type { InjectAlert } from '../alerts/inject-alert';
import type { DeliveredDecision, DrillEvent } from './events';
import { addedActionItem, closeAll, deliveredInject, faultDelivered, lapse, patchFault, receivedAlert, updatedItem } from './records';
import { holdRole, moveRoles, patchParticipant } from './roster';

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

/** Applies one log event. Pure: returns a new state and never mutates the old one. */
export function reduceDrill(state: DrillState, event: DrillEvent): DrillState {
  const next: DrillState = { ...state, t: Math.max(state.t, event.t), seq: event.seq };
  const stamp = { seq: event.seq, t: event.t };
  switch (event.type) {
    case 'participant.join':
      return { ...next, participants: { ...state.participants, [event.participantId]: { id: event.participantId, name: event.name, joinedAt: event.t } } };
    case 'role.claim':
    case 'role.takeover':
      return event.by.kind === 'participant' ? holdRole(next, state, event.role, event.by.id) : next;
    case 'role.assign':
      return holdRole(next, state, event.role, event.participantId);
    case 'participant.rename':
      return patchParticipant(next, event.participantId, { name: event.name });
    case 'participant.remove':
      return { ...patchParticipant(next, event.participantId, { removed: true }), roles: moveRoles(state.roles, event.participantId) };
    case 'participant.merge':
      // The same person joined twice: their roles move over, and so does being the last holder (no handover).
      return {
        ...patchParticipant(next, event.participantId, { mergedInto: event.into }),
        roles: moveRoles(state.roles, event.participantId, event.into),
        lastHolders: moveRoles(state.lastHolders, event.participantId, event.into),
      };
    case 'participant.away':
      return patchParticipant(next, event.participantId, { awaySince: event.t });
    case 'participant.back':
      return patchParticipant(next, event.participantId, { awaySince: undefined });
    case 'staff.rotate-key':
      return next; // the new key lives in the server's store, never in the log
    case 'alerts.token':
      return { ...next, alertToken: event.action === 'issue' ? stamp : null };
    case 'role.release': {
      const roles = { ...state.roles };
      delete roles[event.role];
      return { ...next, roles };
    }
    case 'inject.ack':
      return { ...next, acks: { ...state.acks, [event.injectId]: { ...stamp, by: event.by } } };
    case 'chat.post':
      return { ...next, posts: [...state.posts, { ...stamp, by: event.by, channel: 'war-room', text: event.text }] };
    case 'status.post':
      return { ...next, posts: [...state.posts, { ...stamp, by: event.by, channel: 'status-page', phase: event.phase, text: event.text }] };
    case 'contact.page':
      return { ...next, pages: [...state.pages, { ...stamp, by: event.by, contact: event.contact, message: event.message }] };
    case 'contact.replied':
      return {
        ...next,
        pages: state.pages.map((p) => (p.contact === event.contact && !p.reply ? { ...p, reply: { ...stamp, text: event.text } } : p)),
      };
    case 'severity.set':
      return { ...next, severity: event.severity };
    case 'incident.declare': {
      const premature = state.checksDeclarations && fixedRank(state.fixedLevel) < fixedRank(event.status);
      return {
        ...next,
        declared: { ...state.declared, [event.status]: { ...stamp, by: event.by, premature } },
        declarations: [...state.declarations, { ...stamp, by: event.by, status: event.status, action: 'declare', premature }],
      };
    }
    case 'incident.retract': {
      const declared = { ...state.declared };
      delete declared[event.status];
      return { ...next, declared, declarations: [...state.declarations, { ...stamp, by: event.by, status: event.status, action: 'retract', reason: event.reason }] };
    }
    case 'decision.make': {
      const decision = state.decisions[event.injectId];
      if (!decision) return next; // the rules refuse a decision on an inject that asks for none
      const reason = event.reason?.trim();
      const choice: Choice = { ...stamp, by: event.by, option: event.option, ...(reason ? { reason } : {}) };
      return { ...next, decisions: { ...state.decisions, [event.injectId]: { ...decision, choice, history: [...decision.history, choice] } } };
    }
    case 'decision.closed': {
      const decision = state.decisions[event.injectId];
      return decision ? { ...next, decisions: { ...state.decisions, [event.injectId]: { ...decision, closed: stamp } } } : next;
    }
    case 'score.override':
      return { ...next, overrides: [...state.overrides, { ...stamp, by: event.by, target: event.target, value: event.value, note: event.note }] };
    case 'evaluators.set':
      return { ...next, evaluators: { observers: event.observers } };
    case 'action-item.add':
      return { ...next, actionItems: [...state.actionItems, addedActionItem(event)] };
    case 'action-item.update':
      return { ...next, actionItems: state.actionItems.map((item) => (String(item.seq) === event.id ? updatedItem(item, event, stamp) : item)) };
    case 'note.add':
      return { ...next, notes: [...state.notes, { ...stamp, text: event.text, ref: event.ref }] };
    case 'inject.send':
      return next; // the inject.delivered event that follows carries the content
    case 'inject.delivered': {
      const delivered = { ...next, injects: [...state.injects, deliveredInject(event)] };
      // The alert's record (staff only: a participant's state has none) learns the rule and inject of its firing.
      const record = event.alert ? state.alerts[event.alert.fingerprint] : undefined;
      if (record && event.alert) {
        return { ...delivered, alerts: { ...state.alerts, [record.fingerprint]: { ...record, rule: event.alert.rule, injectId: event.injectId } } };
      }
      if (!event.decision) return delivered;
      // A delivery opens the decision; a later delivery (the story came back to its state) opens it again.
      const earlier = state.decisions[event.injectId];
      const decision: DecisionState = { injectId: event.injectId, opened: stamp, history: earlier?.history ?? [], ...(earlier?.choice ? { choice: earlier.choice } : {}) };
      return { ...delivered, decisions: { ...state.decisions, [event.injectId]: decision } };
    }
    case 'alert.receive':
      return { ...next, alerts: { ...state.alerts, [event.alert.fingerprint]: receivedAlert(state.alerts[event.alert.fingerprint], event, stamp) } };
    case 'alert.resolved':
      return {
        ...next,
        injects: state.injects.map((i) => (i.injectId === event.injectId && i.alert ? { ...i, alert: { ...i.alert, resolved: stamp } } : i)),
      };
    case 'fault.proposed': {
      const { type: _type, seq: _seq, t: _t, by: _by, wall: _wall, cid: _cid, ...fault } = event;
      return { ...next, faults: { ...state.faults, [event.faultId]: { ...fault, status: 'proposed', proposed: stamp, deliveries: [] } } };
    }
    case 'fault.confirm':
      return patchFault(next, event.faultId, { status: 'starting', confirmed: { ...stamp, dryRun: event.dryRun } });
    case 'fault.abort': {
      const fault = state.faults[event.faultId];
      return patchFault(next, event.faultId, { status: fault?.status === 'proposed' ? 'cancelled' : 'aborting', aborted: stamp });
    }
    case 'fault.delivery':
      return faultDelivered(next, event, stamp);
    case 'telemetry.point':
      return { ...next, telemetry: { ...state.telemetry, [event.series]: [...(state.telemetry[event.series] ?? []), { t: event.t, value: event.value }] } };
    case 'state.entered':
      // Leaving a state lets its unconfirmed fault lapse: the moment it was meant for has passed.
      return { ...next, machineState: event.state, faults: lapse(state.faults), ...(fixedRank(event.fixed) > fixedRank(state.fixedLevel) ? { fixedLevel: event.fixed } : {}) };
    case 'drill.start':
    case 'drill.resume':
      return { ...next, status: 'running' };
    case 'drill.pause':
      return { ...next, status: 'paused' };
    case 'drill.speed':
      return { ...next, speed: event.speed };
    case 'drill.end':
      return next; // drill.ended follows
    case 'drill.ended':
      return { ...next, status: 'ended', endedReason: event.reason, decisions: closeAll(state.decisions, stamp), faults: lapse(state.faults) };
  }
}

/**
 * The facts scenario conditions read, derived from the drill state. Only standing declarations count, and
 * resolving never silently counts as mitigating (the rules ask for mitigated first anyway).
 */
export function factsOf(state: DrillState): Facts {
  const standing = Object.entries(state.declared) as [Declaration, Declared][];
  const decided: Record<string, string> = {};
  for (const [id, decision] of Object.entries(state.decisions)) if (decision.choice) decided[id] = decision.choice.option;
  return {
    escalated: unique(state.pages.map((p) => p.contact)),
    replied: unique(state.pages.filter((p) => p.reply).map((p) => p.contact)),
    posted: unique(state.posts.map((p) => p.channel)),
    rolesFilled: Object.keys(state.roles),
    handedOver: state.handedOver,
    acked: Object.keys(state.acks),
    declared: standing.map(([status]) => status),
    premature: standing.filter(([, d]) => d.premature).map(([status]) => status),
    decided,
    severity: state.severity,
    alerts: Object.values(state.alerts).map((a) => ({ rule: a.rule, labels: a.labels, status: a.status, fired: a.fired })),
  };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
