/**
 * One pass over a drill's event log with the drill's own reducer, keeping what scoring needs: the drill's
 * start and end, first deliveries, role changes and first entries of scenario states.
 */
import type { Actor } from '../drill/commands';
import type { DrillEvent } from '../drill/events';
import { initialDrillState, reduceDrill, type DeliveredInject, type DrillState } from '../drill/state';
import type { Scenario } from '../scenario/schema';
import type { Moment } from './types';

export interface RawRoleChange { seq: number; t: number; role: string; from: string | null; to: string | null }

export interface DrillHistory {
  scenario: Scenario;
  events: DrillEvent[];
  /** The drill state after the whole log. */
  state: DrillState;
  /** Drill time of `drill.start` (0 when the drill never started). */
  startT: number;
  start: Moment | null;
  /** `drill.ended`, if the drill ended. */
  ended: Moment | null;
  /** Drill time the observation window closes: the end, or the latest event of a drill still running. */
  endT: number;
  /** First delivery of each inject id. */
  deliveries: Map<string, DeliveredInject>;
  roleChanges: RawRoleChange[];
  /** First entry into each scenario state. */
  entered: Map<string, Moment>;
}

/** Folds the log (sorted by `seq`) into a {@link DrillHistory}. */
export function readHistory(scenario: Scenario, log: readonly DrillEvent[]): DrillHistory {
  const events = [...log].sort((a, b) => a.seq - b.seq);
  let state = initialDrillState(scenario);
  let start: Moment | null = null;
  let ended: Moment | null = null;
  const deliveries = new Map<string, DeliveredInject>();
  const roleChanges: RawRoleChange[] = [];
  const entered = new Map<string, Moment>();
  for (const event of events) {
    const before = state.roles;
    state = reduceDrill(state, event);
    for (const role of new Set([...Object.keys(before), ...Object.keys(state.roles)])) {
      const from = before[role] ?? null;
      const to = state.roles[role] ?? null;
      if (from !== to) roleChanges.push({ seq: event.seq, t: event.t, role, from, to });
    }
    if (event.type === 'drill.start' && !start) start = { at: event.t, seq: event.seq };
    if (event.type === 'drill.ended' && !ended) ended = { at: event.t, seq: event.seq };
    if (event.type === 'inject.delivered' && !deliveries.has(event.injectId)) {
      deliveries.set(event.injectId, state.injects[state.injects.length - 1]);
    }
    if (event.type === 'state.entered' && !entered.has(event.state)) entered.set(event.state, { at: event.t, seq: event.seq });
  }
  const startT = start?.at ?? 0;
  const lastT = events.reduce((max, e) => Math.max(max, e.t), startT);
  // Hot-wash action items may be added after the end; they do not stretch the drill.
  const endT = start ? ended?.at ?? lastT : startT;
  return { scenario, events, state, startT, start, ended, endT, deliveries, roleChanges, entered };
}

/** Drill time relative to the start, never negative (lobby events count as the start). */
export function since(history: Pick<DrillHistory, 'startT'>, t: number): number {
  return Math.max(0, t - history.startT);
}

/** A moment relative to the drill start. */
export function moment(history: Pick<DrillHistory, 'startT'>, at: { t: number; seq: number } | undefined): Moment | null {
  return at ? { at: since(history, at.t), seq: at.seq } : null;
}

/** Display name of whoever acted. */
export function actorName(state: Pick<DrillState, 'participants'>, by: Actor): string {
  if (by.kind === 'facilitator') return 'Facilitator';
  if (by.kind === 'system') return 'Firedrill';
  return state.participants[by.id]?.name ?? by.id;
}

/** A role's name in the scenario. */
export function roleName(scenario: Pick<Scenario, 'roles'>, role: string): string {
  return scenario.roles.find((r) => r.id === role)?.name ?? role;
}

/** A contact's name in the scenario. */
export function contactName(scenario: Pick<Scenario, 'contacts'>, contact: string): string {
  return scenario.contacts.find((c) => c.id === contact)?.name ?? contact;
}
