import { fixedRank } from '../scenario/model';
import { ACTION_DEFAULTS } from './action-items';
import { alertName } from '../alerts/inject-alert';
import type { DrillEvent } from './events';
import type { ActionItem, AlertRecord, Choice, DecisionState, DeliveredInject, DrillState, FaultState, Participant } from './state-types';

// The drill state: its shape (state-types.ts), the fold of the log into it (below) and what is read from it
// (state-queries.ts). Importers use this module for all three.
export * from './state-types';
export * from './state-queries';

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
 * The action item an `action-item.add` adds. Exported for the scorer's fold of long logs
 * (shared/scoring/history.ts), which appends it in place; the reducer above is the one place that decides it.
 */
export function addedActionItem(event: Extract<DrillEvent, { type: 'action-item.add' }>): ActionItem {
  return {
    seq: event.seq, t: event.t, by: event.by, text: event.text, owner: event.owner, due: event.due,
    priority: event.priority ?? ACTION_DEFAULTS.priority, status: event.status ?? ACTION_DEFAULTS.status, ...(event.finding ? { finding: event.finding } : {}),
  };
}

/** What an `inject.delivered` carries that the delivered inject does not keep (its telemetry moves the dashboards). */
const NOT_DELIVERED = new Set(['type', 'seq', 't', 'by', 'wall', 'telemetry']);

/**
 * The inject an `inject.delivered` delivers: the event's other fields in their order, then its seq and time.
 * Exported like {@link addedActionItem}. A plain loop rather than rest destructuring, which V8 runs an order of
 * magnitude slower for an object like this.
 */
export function deliveredInject(event: Extract<DrillEvent, { type: 'inject.delivered' }>): DeliveredInject {
  const inject: Record<string, unknown> = {};
  for (const key of Object.keys(event)) if (!NOT_DELIVERED.has(key)) inject[key] = event[key as keyof typeof event];
  inject.seq = event.seq;
  inject.t = event.t;
  inject.adhoc = event.adhoc ?? false;
  return inject as unknown as DeliveredInject;
}

/** An action item with an update's fields applied (null clears `due` and `finding`). */
function updatedItem(item: ActionItem, event: Extract<DrillEvent, { type: 'action-item.update' }>, stamp: { seq: number; t: number }): ActionItem {
  const next: ActionItem = { ...item, updated: { ...stamp, by: event.by } };
  if (event.text !== undefined) next.text = event.text;
  if (event.owner !== undefined) next.owner = event.owner;
  if (event.priority !== undefined) next.priority = event.priority;
  if (event.status !== undefined) next.status = event.status;
  if (event.due === null) delete next.due;
  else if (event.due !== undefined) next.due = event.due;
  if (event.finding === null) delete next.finding;
  else if (event.finding !== undefined) next.finding = event.finding;
  return next;
}

/** The record of an alert after one more delivery of it. */
function receivedAlert(record: AlertRecord | undefined, event: Extract<DrillEvent, { type: 'alert.receive' }>, stamp: { seq: number; t: number }): AlertRecord {
  const { alert } = event;
  const firing = alert.status === 'firing';
  return {
    fingerprint: alert.fingerprint, name: alertName(alert), labels: alert.labels, status: alert.status,
    fired: (record?.fired ?? false) || firing, rule: record?.rule ?? null,
    ...(record?.injectId ? { injectId: record.injectId } : {}),
    received: (record?.received ?? 0) + 1, first: record?.first ?? stamp, last: stamp,
  };
}

/** Proposed faults nobody confirmed: lapsed, nothing was sent. */
function lapse(faults: Record<string, FaultState>): Record<string, FaultState> {
  if (!Object.values(faults).some((f) => f.status === 'proposed')) return faults;
  return Object.fromEntries(Object.entries(faults).map(([id, f]) => [id, f.status === 'proposed' ? { ...f, status: 'lapsed' } : f]));
}

function patchFault(state: DrillState, faultId: string, patch: Partial<FaultState>): DrillState {
  const fault = state.faults[faultId];
  return fault ? { ...state, faults: { ...state.faults, [faultId]: { ...fault, ...patch } } } : state;
}

/** A delivery attempt's outcome moves the fault on when it is about what the fault is doing now. */
function faultDelivered(state: DrillState, event: Extract<DrillEvent, { type: 'fault.delivery' }>, stamp: { seq: number; t: number }): DrillState {
  const fault = state.faults[event.faultId];
  if (!fault) return state;
  const { type: _type, seq: _seq, t: _t, by: _by, wall: _wall, cid: _cid, faultId: _id, ...delivery } = event;
  const done = event.outcome === 'delivered' || event.outcome === 'dry-run';
  let status = fault.status;
  if (event.action === 'start' && status === 'starting') status = done ? 'running' : event.outcome === 'failed' ? 'failed' : status;
  if (event.action === 'abort' && status === 'aborting') status = done ? 'aborted' : event.outcome === 'failed' ? 'abort-failed' : status;
  return patchFault(state, event.faultId, { status, deliveries: [...fault.deliveries, { ...stamp, ...delivery }] });
}

/** Every decision still open, closed at `at`: nothing can be decided after the end. */
function closeAll(decisions: Record<string, DecisionState>, at: { seq: number; t: number }): Record<string, DecisionState> {
  if (Object.values(decisions).every((d) => d.closed)) return decisions;
  return Object.fromEntries(Object.entries(decisions).map(([id, d]) => [id, d.closed ? d : { ...d, closed: at }]));
}

function patchParticipant(state: DrillState, id: string, patch: Partial<Participant>): DrillState {
  const current = state.participants[id];
  if (!current) return state;
  const updated: Participant = { ...current, ...patch };
  if (patch.awaySince === undefined && 'awaySince' in patch) delete updated.awaySince;
  return { ...state, participants: { ...state.participants, [id]: updated } };
}

/**
 * `role` now held by `holder`. Once the drill has started, a role reaching someone other than its last holder
 * (directly, or after standing empty) is a handover, which the `handed-over` condition reads.
 */
function holdRole(next: DrillState, before: DrillState, role: string, holder: string): DrillState {
  const last = before.lastHolders[role];
  const handover = before.status !== 'lobby' && last !== undefined && last !== holder && !before.handedOver.includes(role);
  return {
    ...next,
    roles: { ...before.roles, [role]: holder },
    lastHolders: { ...before.lastHolders, [role]: holder },
    ...(handover ? { handedOver: [...before.handedOver, role] } : {}),
  };
}

/** The roles map with `from`'s roles given to `to` (or freed without `to`). */
function moveRoles(roles: Record<string, string>, from: string, to?: string): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [role, holder] of Object.entries(roles)) {
    if (holder !== from) next[role] = holder;
    else if (to) next[role] = to;
  }
  return next;
}
