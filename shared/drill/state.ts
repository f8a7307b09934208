import type { Facts } from '../scenario/conditions';
import type { Declaration, InjectChannel, PostChannel, Scenario, Severity } from '../scenario/schema';
import type { Actor, StatusPhase } from './commands';
import type { DrillEvent } from './events';

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
}
export interface Ack { seq: number; t: number; by: Actor }
export interface Post { seq: number; t: number; by: Actor; channel: PostChannel; phase?: StatusPhase; text: string }
export interface Page {
  seq: number; t: number; by: Actor; contact: string; message: string;
  reply?: { seq: number; t: number; text: string };
}
export interface ActionItem { seq: number; t: number; by: Actor; text: string; owner: string; due?: string }
export interface Note { seq: number; t: number; text: string; ref?: number }
export interface Point { t: number; value: number }

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
  injects: DeliveredInject[];
  acks: Record<string, Ack>;
  posts: Post[];
  pages: Page[];
  severity: Severity;
  declared: Partial<Record<Declaration, { seq: number; t: number; by: Actor }>>;
  actionItems: ActionItem[];
  notes: Note[];
  telemetry: Record<string, Point[]>;
}

export function initialDrillState(scenario: Pick<Scenario, 'severity' | 'telemetry'>): DrillState {
  return {
    status: 'lobby', t: 0, seq: 0, speed: 1, participants: {}, roles: {}, injects: [], acks: {}, posts: [],
    pages: [], severity: scenario.severity, declared: {}, actionItems: [], notes: [],
    telemetry: Object.fromEntries(scenario.telemetry.map((s) => [s.id, []])),
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
      return event.by.kind === 'participant' ? { ...next, roles: { ...state.roles, [event.role]: event.by.id } } : next;
    case 'role.assign':
      return { ...next, roles: { ...state.roles, [event.role]: event.participantId } };
    case 'role.takeover':
      return event.by.kind === 'participant' ? { ...next, roles: { ...state.roles, [event.role]: event.by.id } } : next;
    case 'participant.rename':
      return patchParticipant(next, event.participantId, { name: event.name });
    case 'participant.remove':
      return { ...patchParticipant(next, event.participantId, { removed: true }), roles: moveRoles(state.roles, event.participantId) };
    case 'participant.merge':
      return { ...patchParticipant(next, event.participantId, { mergedInto: event.into }), roles: moveRoles(state.roles, event.participantId, event.into) };
    case 'participant.away':
      return patchParticipant(next, event.participantId, { awaySince: event.t });
    case 'participant.back':
      return patchParticipant(next, event.participantId, { awaySince: undefined });
    case 'staff.rotate-key':
      return next; // the new key lives in the server's store, never in the log
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
    case 'incident.declare':
      return { ...next, declared: { ...state.declared, [event.status]: { ...stamp, by: event.by } } };
    case 'action-item.add':
      return { ...next, actionItems: [...state.actionItems, { ...stamp, by: event.by, text: event.text, owner: event.owner, due: event.due }] };
    case 'note.add':
      return { ...next, notes: [...state.notes, { ...stamp, text: event.text, ref: event.ref }] };
    case 'inject.send':
      return next; // the inject.delivered event that follows carries the content
    case 'inject.delivered': {
      const { type: _type, seq: _seq, t: _t, by: _by, wall: _wall, telemetry: _telemetry, ...inject } = event;
      return { ...next, injects: [...state.injects, { ...inject, ...stamp, adhoc: event.adhoc ?? false }] };
    }
    case 'telemetry.point':
      return { ...next, telemetry: { ...state.telemetry, [event.series]: [...(state.telemetry[event.series] ?? []), { t: event.t, value: event.value }] } };
    case 'state.entered':
      return { ...next, machineState: event.state };
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
      return { ...next, status: 'ended', endedReason: event.reason };
  }
}

/** The facts scenario conditions read, derived from the drill state. */
export function factsOf(state: DrillState): Facts {
  const declared = Object.keys(state.declared) as Declaration[];
  // Resolving an incident implies it was mitigated, even if the team skipped saying so.
  if (declared.includes('resolved') && !declared.includes('mitigated')) declared.push('mitigated');
  return {
    escalated: unique(state.pages.map((p) => p.contact)),
    replied: unique(state.pages.filter((p) => p.reply).map((p) => p.contact)),
    posted: unique(state.posts.map((p) => p.channel)),
    rolesFilled: Object.keys(state.roles),
    acked: Object.keys(state.acks),
    declared,
    severity: state.severity,
  };
}

function patchParticipant(state: DrillState, id: string, patch: Partial<Participant>): DrillState {
  const current = state.participants[id];
  if (!current) return state;
  const updated: Participant = { ...current, ...patch };
  if (patch.awaySince === undefined && 'awaySince' in patch) delete updated.awaySince;
  return { ...state, participants: { ...state.participants, [id]: updated } };
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

/** Whether a seat is on the roster: not removed, not merged into another. */
export function isActive(participant: Participant | undefined): participant is Participant {
  return !!participant && !participant.removed && !participant.mergedInto;
}

/** The roster: every seat that was neither removed nor merged, in joining order. */
export function activeParticipants(state: Pick<DrillState, 'participants'>): Participant[] {
  return Object.values(state.participants).filter(isActive).sort((a, b) => a.joinedAt - b.joinedAt);
}

/** Roles a participant holds. */
export function rolesOf(state: Pick<DrillState, 'roles'>, participantId: string): string[] {
  return Object.entries(state.roles).filter(([, holder]) => holder === participantId).map(([role]) => role);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
