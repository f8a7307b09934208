/**
 * One pass over a drill's event log with the drill's own reducer, keeping what scoring needs: the drill's
 * start and end, first deliveries, role changes and first entries of scenario states. Linear in the log:
 * see {@link foldStep}.
 */
import type { Actor } from '../drill/commands';
import type { DrillEvent, DrillEventType } from '../drill/events';
import { addedActionItem, deliveredInject } from '../drill/records';
import { initialDrillState, reduceDrill, type DeliveredInject, type DrillState } from '../drill/state';
import { fixedRank } from '../scenario/model';
import type { Declaration, Scenario } from '../scenario/schema';
import type { Moment } from './types';

export interface RawRoleChange { seq: number; t: number; role: string; from: string | null; to: string | null }

/** A role taken up: its holder acted in the drill while holding it. */
export interface TakeUp { seq: number; t: number; role: string; by: string }

/**
 * Team actions that show a role's holder at work: a post, an acknowledgement, a page, a decision, a
 * declaration or retraction, a severity change, assigning a role, an action item. Claiming, releasing and
 * taking over roles are not: they are who holds what, not work on the incident.
 */
export const TEAM_ACTIONS: ReadonlySet<DrillEventType> = new Set<DrillEventType>([
  'chat.post', 'status.post', 'inject.ack', 'contact.page', 'decision.make', 'incident.declare', 'incident.retract',
  'severity.set', 'role.assign', 'action-item.add',
]);

/** The drill state scoring folds: everything but `telemetry`. */
export type ScoringState = Omit<DrillState, 'telemetry'>;

export interface DrillHistory {
  scenario: Scenario;
  /** The log in `seq` order (the caller's own array when it came sorted: do not change it). */
  events: readonly DrillEvent[];
  /**
   * The drill state after the whole log, without the dashboards' series: no score reads them, and on a long
   * log their points are a third of the events.
   */
  state: ScoringState;
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
  /** The first `state.entered` of a `fixed` state of each level (a resolved one counts for mitigated too). */
  fixedAt: Partial<Record<Declaration, Moment & { state: string }>>;
  /** Roles taken up, in order: each time a role's (new) holder first acted after the start while holding it. */
  takeUps: TakeUp[];
  /** The first moment every required role was taken up at once (the start when none is required). */
  requiredTakenUp: Moment | null;
}

/** Folds the log (sorted by `seq`) into a {@link DrillHistory}. */
export function readHistory(scenario: Scenario, log: readonly DrillEvent[]): DrillHistory {
  // Logs come in seq order (the store's); sorting is for the odd caller that does not.
  const events = isSorted(log) ? log : [...log].sort((a, b) => a.seq - b.seq);
  let state = initialDrillState(scenario);
  let start: Moment | null = null;
  let ended: Moment | null = null;
  const deliveries = new Map<string, DeliveredInject>();
  const roleChanges: RawRoleChange[] = [];
  const entered = new Map<string, Moment>();
  const fixedAt: DrillHistory['fixedAt'] = {};
  const unreplied = new Map<string, number[]>();
  const roles = new RoleWatch(scenario);
  let lastT = -Infinity;
  // Indexed loops over the log here and in the other per-event and per-post passes of scoring: `for…of` costs an
  // iterator result per element whenever V8 runs the loop unoptimised, which a pass made once per score often is.
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.t > lastT) lastT = event.t;
    const before = state.roles;
    state = foldStep(state, event, unreplied);
    // The reducer replaces `roles` only when a role changes hands; most events leave it as it was.
    if (state.roles !== before) {
      for (const role of new Set([...Object.keys(before), ...Object.keys(state.roles)])) {
        const from = before[role] ?? null;
        const to = state.roles[role] ?? null;
        if (from !== to) {
          roleChanges.push({ seq: event.seq, t: event.t, role, from, to });
          roles.changed(role);
        }
      }
    }
    if (event.type === 'drill.start' && !start) start = { at: event.t, seq: event.seq };
    if (event.type === 'drill.ended' && !ended) ended = { at: event.t, seq: event.seq };
    if (start && !ended && event.by.kind === 'participant' && TEAM_ACTIONS.has(event.type)) roles.acted(state, event.by.id, event);
    if (event.type === 'inject.delivered' && !deliveries.has(event.injectId)) {
      deliveries.set(event.injectId, state.injects[state.injects.length - 1]);
    }
    if (event.type === 'state.entered') {
      if (!entered.has(event.state)) entered.set(event.state, { at: event.t, seq: event.seq });
      for (const level of ['mitigated', 'resolved'] as const) {
        if (!fixedAt[level] && fixedRank(event.fixed) >= fixedRank(level)) fixedAt[level] = { at: event.t, seq: event.seq, state: event.state };
      }
    }
  }
  const startT = start?.at ?? 0;
  // Hot-wash action items may be added after the end; they do not stretch the drill.
  const endT = start ? ended?.at ?? Math.max(lastT, startT) : startT;
  const requiredTakenUp = start && roles.required.size === 0 ? start : roles.allTakenUp;
  const { telemetry: _telemetry, ...folded } = state;
  return {
    scenario, events, state: folded, startT, start, ended, endT, deliveries, roleChanges, entered, fixedAt,
    takeUps: roles.takeUps, requiredTakenUp,
  };
}

/**
 * Follows who has taken up each role: a role's holder takes it up with their first team action after the
 * start while holding it; a new holder starts again. Keeps the first moment every required role was taken up.
 */
class RoleWatch {
  readonly takeUps: TakeUp[] = [];
  readonly required: Set<string>;
  allTakenUp: Moment | null = null;
  /** Roles whose current holder has acted while holding them. */
  private readonly active = new Set<string>();
  /** Every role held has been taken up since roles last changed hands: nothing to look at until they do. */
  private settled = false;

  constructor(scenario: Scenario) {
    this.required = new Set(scenario.roles.filter((r) => r.required).map((r) => r.id));
  }

  changed(role: string): void {
    this.active.delete(role);
    this.settled = false;
  }

  acted(state: DrillState, participant: string, event: DrillEvent): void {
    if (this.settled) return;
    let idle = 0;
    for (const role in state.roles) {
      if (this.active.has(role)) continue;
      if (state.roles[role] !== participant) {
        idle++;
        continue;
      }
      this.active.add(role);
      this.takeUps.push({ seq: event.seq, t: event.t, role, by: participant });
      if (!this.allTakenUp && this.requiredActive()) this.allTakenUp = { at: event.t, seq: event.seq };
    }
    this.settled = idle === 0;
  }

  /**
   * Whether every required role is taken up. A method rather than a closure in {@link acted}: a function that
   * makes a closure over its own scope allocates that scope on every call, and `acted` runs for most events.
   */
  private requiredActive(): boolean {
    for (const r of this.required) if (!this.active.has(r)) return false;
    return true;
  }
}

/** The arrays of the drill state that grow with the log, and the events that append to each. */
type Grown = 'posts' | 'pages' | 'injects' | 'actionItems' | 'notes' | 'declarations' | 'overrides';
const APPENDS_TO: Partial<Record<DrillEvent['type'], Grown>> = {
  'chat.post': 'posts', 'status.post': 'posts', 'contact.page': 'pages', 'inject.delivered': 'injects',
  'action-item.add': 'actionItems', 'note.add': 'notes',
  'incident.declare': 'declarations', 'incident.retract': 'declarations', 'score.override': 'overrides',
};

/**
 * `reduceDrill(state, event)`, in time independent of the log's length and without copying the state. The
 * reducer is immutable by design (clients keep earlier states), so each event it appends copies the whole
 * array, and each event copies the state object: folding a long log with it is quadratic in the arrays, and
 * copying a state of two dozen fields for each of 100,000 events was most of what scoring a long log cost.
 * Here the state belongs to this one fold and is changed in place: `state` must come from
 * {@link initialDrillState} and earlier steps of the same fold.
 *
 * The events that make up nearly all of a long log (posts, notes, pages and replies, action items, injects
 * that open no decision and carry no alert) are applied in place by {@link applyInPlace}, which does exactly
 * what their reducer case does (the items it appends are built by the reducer's own helpers where there are
 * any); telemetry points only move the clock, as the series are not kept.
 * `tests/shared/scoring/long-log.test.ts` checks the folded state against a plain `reduceDrill` fold (less its
 * telemetry), so the two cannot drift apart unnoticed. Every other event is the reducer's own work, called on a
 * state whose growing array is empty (for a reply: holds just the pages still waiting for one), its result moved
 * over.
 * `unreplied` tracks, per contact, the indices of pages without a reply.
 */
function foldStep(state: DrillState, event: DrillEvent, unreplied: Map<string, number[]>): DrillState {
  if (applyInPlace(state, event, unreplied)) return state;
  const key = APPENDS_TO[event.type];
  if (key) {
    const all: unknown[] = state[key];
    const next = reduceDrill({ ...state, [key]: [] }, event);
    if (event.type === 'contact.page') {
      for (let i = 0; i < next.pages.length; i++) pushTo(unreplied, event.contact, all.length + i);
    }
    all.push(...next[key]);
    return { ...next, [key]: all };
  }
  return reduceDrill(state, event);
}

/**
 * The reducer's cases for the frequent events, applied to the fold's own state in place (see {@link foldStep}).
 * Returns false for any other event.
 */
function applyInPlace(state: DrillState, event: DrillEvent, unreplied: Map<string, number[]>): boolean {
  const { seq, t } = event;
  switch (event.type) {
    case 'chat.post':
      state.posts.push({ seq, t, by: event.by, channel: 'war-room', text: event.text });
      break;
    case 'status.post':
      state.posts.push({ seq, t, by: event.by, channel: 'status-page', phase: event.phase, text: event.text });
      break;
    case 'telemetry.point':
      // The dashboards' series are not kept (see `DrillHistory.state`): a point only moves the clock.
      break;
    case 'note.add':
      state.notes.push({ seq, t, text: event.text, ref: event.ref });
      break;
    case 'contact.page':
      pushTo(unreplied, event.contact, state.pages.length);
      state.pages.push({ seq, t, by: event.by, contact: event.contact, message: event.message });
      break;
    case 'action-item.add':
      state.actionItems.push(addedActionItem(event));
      break;
    case 'inject.delivered':
      // A decision to open or an alert to record is the reducer's work; a plain delivery only appends.
      if (event.decision || event.alert) return false;
      state.injects.push(deliveredInject(event));
      break;
    case 'contact.replied': {
      // The reducer answers every page to the contact still without a reply.
      for (const i of unreplied.get(event.contact) ?? []) state.pages[i] = { ...state.pages[i], reply: { seq, t, text: event.text } };
      unreplied.set(event.contact, []);
      break;
    }
    default:
      return false;
  }
  state.t = Math.max(state.t, t);
  state.seq = seq;
  return true;
}

function isSorted(log: readonly DrillEvent[]): boolean {
  for (let i = 1; i < log.length; i++) if (log[i].seq < log[i - 1].seq) return false;
  return true;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
  if (by.kind === 'observer') return 'Observer';
  return state.participants[by.id]?.name ?? by.id;
}

/** Whether event `seq` is a post (the drill state's posts are in log order, so a binary search finds it). */
export function isPostSeq(history: Pick<DrillHistory, 'state'>, seq: number): boolean {
  const { posts } = history.state;
  let lo = 0;
  let hi = posts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = posts[mid].seq;
    if (at === seq) return true;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** A role's name in the scenario. */
export function roleName(scenario: Pick<Scenario, 'roles'>, role: string): string {
  return scenario.roles.find((r) => r.id === role)?.name ?? role;
}

/** A contact's name in the scenario. */
export function contactName(scenario: Pick<Scenario, 'contacts'>, contact: string): string {
  return scenario.contacts.find((c) => c.id === contact)?.name ?? contact;
}
