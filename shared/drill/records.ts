import { alertName } from '../alerts/inject-alert';
import { ACTION_DEFAULTS } from './action-items';
import type { DrillEvent } from './events';
import type { ActionItem, AlertRecord, DecisionState, DeliveredInject, DrillState, FaultState } from './state';

/*
 * The records the drill reducer (shared/drill/state.ts) builds from one event: action items, delivered injects,
 * alerts, faults and decisions. Pure, like the reducer: each returns a new value and never changes its input.
 */

/**
 * The action item an `action-item.add` adds. Also used by the scorer's fold of long logs
 * (shared/scoring/history.ts), which appends it in place; the reducer is the one place that decides it.
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
export function updatedItem(item: ActionItem, event: Extract<DrillEvent, { type: 'action-item.update' }>, stamp: { seq: number; t: number }): ActionItem {
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
export function receivedAlert(record: AlertRecord | undefined, event: Extract<DrillEvent, { type: 'alert.receive' }>, stamp: { seq: number; t: number }): AlertRecord {
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
export function lapse(faults: Record<string, FaultState>): Record<string, FaultState> {
  if (!Object.values(faults).some((f) => f.status === 'proposed')) return faults;
  return Object.fromEntries(Object.entries(faults).map(([id, f]) => [id, f.status === 'proposed' ? { ...f, status: 'lapsed' } : f]));
}

export function patchFault(state: DrillState, faultId: string, patch: Partial<FaultState>): DrillState {
  const fault = state.faults[faultId];
  return fault ? { ...state, faults: { ...state.faults, [faultId]: { ...fault, ...patch } } } : state;
}

/** A delivery attempt's outcome moves the fault on when it is about what the fault is doing now. */
export function faultDelivered(state: DrillState, event: Extract<DrillEvent, { type: 'fault.delivery' }>, stamp: { seq: number; t: number }): DrillState {
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
export function closeAll(decisions: Record<string, DecisionState>, at: { seq: number; t: number }): Record<string, DecisionState> {
  if (Object.values(decisions).every((d) => d.closed)) return decisions;
  return Object.fromEntries(Object.entries(decisions).map(([id, d]) => [id, d.closed ? d : { ...d, closed: at }]));
}
