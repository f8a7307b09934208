import { scenarioPowers } from '../scenario/model';
import type { Scenario } from '../scenario/schema';
import { ACTION_ITEM_FIELDS, isEvaluatorCommand, isFacilitatorCommand, SYSTEM_COMMAND_TYPES, type Actor, type DrillCommand, type OverrideTarget } from './commands';
import { checkRosterCommand, ROSTER_COMMANDS } from './roster-rules';
import { isActive, rolesOf } from './roster';
import type { DrillState } from './state';

export type DrillErrorCode = 'invalid' | 'forbidden' | 'conflict' | 'not-found' | 'not-running';
export interface DrillError { code: DrillErrorCode; message: string }

const err = (code: DrillErrorCode, message: string): DrillError => ({ code, message });

/**
 * Commands a team may still give after the drill has ended: the hot wash produces action items. A fault still
 * running in the real system can always be aborted, and what its receiver answers is always logged.
 */
const AFTER_END = new Set(['action-item.add', 'action-item.update', 'note.add', 'participant.rename', 'staff.rotate-key', 'fault.abort', 'fault.delivery']);
/** Most alerts a drill takes (distinct alerts, and deliveries that changed something): the log stays readable. */
export const MAX_ALERTS = { distinct: 500, deliveries: 2000 } as const;
/** Roster, presence and take-over commands: fine in the lobby and while paused (rules in roster-rules.ts). */
const ROSTER_ANY_TIME = ['participant.rename', 'participant.remove', 'participant.merge', 'participant.away', 'participant.back', 'role.takeover', 'staff.rotate-key'];
/** A live game day's inputs that do not wait for the drill clock: real alerts, the alert token, faults. */
const LIVE_ANY_TIME = ['alert.receive', 'alerts.token', 'fault.confirm', 'fault.abort', 'fault.delivery'];
/** Evaluators' commands: a score can be overridden, and observers allowed to, in every phase of a drill. */
const ANY_STATUS = new Set(['score.override', 'evaluators.set']);
/**
 * Team actions the facilitator may take too (logged as the facilitator's): assigning roles, action items,
 * and the incident's severity and declarations, so a facilitator can keep a drill moving; and rotating links.
 */
const FACILITATOR_MAY = new Set(['role.assign', 'action-item.add', 'action-item.update', 'participant.join', 'incident.declare', 'incident.retract', 'severity.set', 'staff.rotate-key', 'alerts.token']);
/** Commands that make sense in the lobby, before the clock starts (a drill that never starts can still be ended). */
const IN_LOBBY = new Set(['participant.join', 'role.claim', 'role.assign', 'role.release', 'chat.post', 'drill.start', 'drill.end', 'drill.speed', 'note.add', 'action-item.add', 'action-item.update', 'alerts.token', ...ROSTER_ANY_TIME]);

/**
 * Checks a command against the drill's rules and the sender's powers. Pure and side-effect free: a refused
 * command changes nothing, and the message says what to do instead.
 */
export function checkCommand(scenario: Scenario, state: DrillState, command: DrillCommand, by: Actor): DrillError | undefined {
  if (isFacilitatorCommand(command.type) && by.kind !== 'facilitator') {
    return err('forbidden', onlyFacilitatorMessage(command.type));
  }
  if ((SYSTEM_COMMAND_TYPES as string[]).includes(command.type) && by.kind !== 'system') {
    return err('forbidden', command.type.startsWith('participant.') ? 'Presence is recorded by the server itself.' : 'Only the server logs real alerts and fault deliveries.');
  }
  if (command.type === 'alerts.token' && by.kind !== 'facilitator') return err('forbidden', 'Only the facilitator can issue or revoke the alert token.');
  if (command.type === 'staff.rotate-key' && by.kind !== 'facilitator') return err('forbidden', 'Only the facilitator can rotate the staff links.');
  if (isEvaluatorCommand(command.type)) {
    if (by.kind === 'observer' && !state.evaluators.observers) return err('forbidden', 'The facilitator has not allowed observers to override scores.');
    if (by.kind === 'participant') return err('forbidden', 'Only the facilitator (and observers the facilitator allows) can override scores.');
  } else if (by.kind === 'observer') {
    return err('forbidden', 'Observers watch the drill; they cannot act in it.');
  }
  if (by.kind === 'participant' && command.type !== 'participant.join' && !state.participants[by.id]) {
    return err('forbidden', 'Join the drill before taking part.');
  }
  if (by.kind === 'participant' && command.type !== 'participant.join' && !isActive(state.participants[by.id])) {
    return err('forbidden', 'The facilitator took this seat off the roster. Join again with the code, or ask the facilitator.');
  }
  if (by.kind === 'facilitator' && command.type === 'decision.make') {
    return err('forbidden', 'The team makes this call: a participant holding the role the inject is addressed to decides, not the facilitator.');
  }
  if (by.kind === 'facilitator' && !isFacilitatorCommand(command.type) && !isEvaluatorCommand(command.type) && !FACILITATOR_MAY.has(command.type)) {
    return err('forbidden', 'The facilitator steers the drill; team actions are for participants.');
  }
  const live = liveCheck(state, command.type);
  if (live) return live;
  const status = statusError(state, command.type);
  if (status) return status;

  const role = (id: string) => scenario.roles.find((r) => r.id === id);
  const holderName = (id: string) => state.participants[state.roles[id]]?.name ?? 'someone';
  const powers = scenarioPowers(scenario);
  /** Refuses a participant who holds none of `roles`, naming who can. */
  const needs = (roles: readonly string[], what: string): DrillError | undefined => {
    if (by.kind !== 'participant' || roles.includes('all') || rolesOf(state, by.id).some((r) => roles.includes(r))) return undefined;
    return err('forbidden', powerRefusal(scenario, state, roles, what));
  };
  switch (command.type) {
    case 'participant.join':
      if (by.kind === 'participant' && by.id !== command.participantId) return err('forbidden', 'You can only join as yourself.');
      return state.participants[command.participantId] ? err('conflict', 'You have already joined this drill.') : undefined;
    case 'role.claim': {
      if (!role(command.role)) return err('not-found', `There is no role "${command.role}" in this scenario.`);
      const holder = state.roles[command.role];
      if (holder && by.kind === 'participant' && holder === by.id) return err('conflict', `You already hold ${role(command.role)!.name}.`);
      if (holder && state.participants[holder]?.awaySince !== undefined) {
        return err('conflict', `${role(command.role)!.name} is held by ${holderName(command.role)}, who is away. Take it over instead, or ask the facilitator to reassign it.`);
      }
      if (holder) return err('conflict', `${role(command.role)!.name} is held by ${holderName(command.role)}. Ask them to release it, or the incident commander to reassign it.`);
      return undefined;
    }
    case 'role.assign': {
      if (!role(command.role)) return err('not-found', `There is no role "${command.role}" in this scenario.`);
      if (!isActive(state.participants[command.participantId])) return err('not-found', 'That participant is not in this drill.');
      if (by.kind === 'participant' && !rolesOf(state, by.id).includes('ic')) {
        return err('forbidden', 'Only the incident commander (or the facilitator) can assign roles. Claim a free role instead.');
      }
      if (state.roles[command.role] === command.participantId) return err('conflict', `${state.participants[command.participantId].name} already holds ${role(command.role)!.name}.`);
      return undefined;
    }
    case 'role.release':
      if (by.kind !== 'participant' || state.roles[command.role] !== by.id) return err('conflict', `You do not hold the role "${command.role}".`);
      return undefined;
    case 'inject.ack': {
      const inject = state.injects.find((i) => i.injectId === command.injectId);
      if (!inject) return err('not-found', 'That inject has not arrived.');
      if (!inject.ack) return err('invalid', 'That inject does not need acknowledging.');
      if (by.kind === 'participant' && !inject.to.includes('all') && !inject.to.some((r) => rolesOf(state, by.id).includes(r))) {
        return err('forbidden', 'That inject is addressed to another role.');
      }
      const ack = state.acks[command.injectId];
      if (ack) return err('conflict', `Already acknowledged${ack.by.kind === 'participant' ? ` by ${state.participants[ack.by.id]?.name ?? 'a teammate'}` : ''}.`);
      return undefined;
    }
    case 'contact.page':
      if (!scenario.contacts.some((c) => c.id === command.contact)) return err('not-found', `There is no contact "${command.contact}" in this scenario.`);
      return undefined;
    case 'incident.declare':
      return needs(powers.declare, `declare the incident ${command.status}`)
        ?? (state.declared[command.status] ? err('conflict', `The incident is already declared ${command.status}.`) : undefined)
        ?? (command.status === 'resolved' && !state.declared.mitigated ? err('conflict', 'Declare mitigated first.') : undefined);
    case 'incident.retract':
      return needs(powers.declare, `retract the ${command.status} declaration`)
        ?? (!state.declared[command.status] ? err('conflict', `The incident is not declared ${command.status}, so there is nothing to retract.`) : undefined)
        ?? (command.status === 'mitigated' && state.declared.resolved ? err('conflict', 'Retract resolved first.') : undefined);
    case 'severity.set':
      return needs(powers.severity, 'change the severity')
        ?? (state.severity === command.severity ? err('conflict', `Severity is already ${command.severity}.`) : undefined);
    case 'decision.make': {
      const inject = state.injects.findLast((i) => i.injectId === command.injectId);
      if (!inject) return err('not-found', 'That inject has not arrived.');
      const decision = state.decisions[command.injectId];
      if (!inject.decision || !decision) return err('invalid', 'That inject asks for no decision.');
      const option = inject.decision.options.find((o) => o.id === command.option);
      if (!option) return err('not-found', `There is no option "${command.option}" in this decision; the options are ${inject.decision.options.map((o) => o.id).join(', ')}.`);
      const refused = needs(inject.to, 'make this decision');
      if (refused) return refused;
      if (decision.closed) return err('conflict', 'The story has moved on; this decision is closed.');
      if (decision.choice?.option === command.option && (command.reason?.trim() || undefined) === decision.choice.reason) {
        return err('conflict', `"${option.label}" is already the team's choice.`);
      }
      return undefined;
    }
    case 'score.override':
      if ('post' in command.target) {
        const seq = command.target.post;
        if (!state.posts.some((p) => p.seq === seq)) return err('not-found', `There is no post #${seq} in this drill to override.`);
      }
      if (command.value === null && !state.overrides.some((o) => sameTarget(o.target, command.target))) {
        return err('conflict', 'There is no override of this to clear.');
      }
      return undefined;
    case 'evaluators.set':
      if (state.evaluators.observers === command.observers) {
        return err('conflict', command.observers ? 'Observers may already override scores.' : 'Observers already may not override scores.');
      }
      return undefined;
    case 'inject.send':
      for (const target of command.to) {
        if (target !== 'all' && !role(target)) return err('not-found', `There is no role "${target}" in this scenario.`);
      }
      return undefined;
    case 'action-item.update':
      return checkActionItemUpdate(state, command);
    case 'note.add':
      if (command.ref !== undefined && command.ref > state.seq) return err('not-found', 'That timeline event does not exist.');
      return undefined;
    case 'alert.receive': {
      const known = state.alerts[command.alert.fingerprint];
      if (known?.status === command.alert.status) {
        return err('conflict', `Already received: this alert is already ${command.alert.status} here (a repeated delivery changes nothing).`);
      }
      const records = Object.values(state.alerts);
      if (!known && records.length >= MAX_ALERTS.distinct) return err('conflict', `This drill has received ${MAX_ALERTS.distinct} different alerts, the most one drill takes; send it only the alerts of the game day (an Alertmanager route with matchers).`);
      if (records.reduce((n, a) => n + a.received, 0) >= MAX_ALERTS.deliveries) return err('conflict', `This drill has logged ${MAX_ALERTS.deliveries} alert deliveries, the most one drill takes.`);
      return undefined;
    }
    case 'fault.confirm': {
      const fault = state.faults[command.faultId];
      if (!fault) return err('not-found', `There is no fault "${command.faultId}" in this drill.`);
      if (fault.status === 'proposed' || fault.status === 'failed') return undefined;
      return err('conflict', FAULT_CONFLICT[fault.status]);
    }
    case 'fault.abort': {
      const fault = state.faults[command.faultId];
      if (!fault) return err('not-found', `There is no fault "${command.faultId}" in this drill.`);
      if (fault.status === 'lapsed') return err('conflict', 'This fault was never confirmed, so nothing was sent and there is nothing to abort.');
      if (fault.status === 'cancelled') return err('conflict', 'This fault was already called off before it was sent.');
      if (fault.status === 'aborted') return err('conflict', 'This fault was already aborted.');
      if (fault.status === 'aborting') return err('conflict', 'The abort is being sent; wait for its answer.');
      return undefined;
    }
    case 'fault.delivery': {
      const fault = state.faults[command.faultId];
      if (!fault) return err('not-found', `There is no fault "${command.faultId}" in this drill.`);
      if (command.action === 'start' && !fault.confirmed) return err('invalid', 'That fault was never confirmed.');
      if (command.action === 'abort' && !fault.aborted) return err('invalid', 'That fault was never aborted.');
      return undefined;
    }
    default:
      return ROSTER_COMMANDS.has(command.type) ? checkRosterCommand(scenario, state, command, by) : undefined;
  }
}

/** An update names an item of this drill and changes something about it. */
function checkActionItemUpdate(state: DrillState, command: Extract<DrillCommand, { type: 'action-item.update' }>): DrillError | undefined {
  const item = state.actionItems.find((i) => String(i.seq) === command.id);
  if (!item) return err('not-found', `There is no action item #${command.id} in this drill.`);
  const current: Record<(typeof ACTION_ITEM_FIELDS)[number], string | null> = {
    text: item.text, owner: item.owner, due: item.due ?? null, priority: item.priority, status: item.status, finding: item.finding ?? null,
  };
  const changes = ACTION_ITEM_FIELDS.some((field) => command[field] !== undefined && command[field] !== current[field]);
  return changes ? undefined : err('conflict', 'Nothing to change: the action item already reads like that.');
}

/** Why a fault cannot be confirmed in its status. */
const FAULT_CONFLICT: Record<string, string> = {
  lapsed: 'The story moved on before this fault was confirmed; it is no longer proposed, and nothing was sent.',
  cancelled: 'This fault was called off before it was sent.',
  starting: 'This fault is being sent; wait for its answer.',
  running: 'This fault has already been started.',
  aborting: 'This fault is being aborted.',
  aborted: 'This fault was aborted.',
  'abort-failed': 'This fault was aborted (the abort did not get through: send it again with Abort).',
};

/** Alerts, alert tokens and faults belong to a drill that runs; the messages say so in their own words. */
function liveCheck(state: DrillState, type: DrillCommand['type']): DrillError | undefined {
  if (type === 'alert.receive') {
    if (state.status === 'lobby') return err('not-running', 'The drill has not started yet; alerts are taken from the start until the end.');
    if (state.status === 'ended') return err('not-running', 'The drill has ended; it takes no more alerts.');
  }
  if (type === 'alerts.token' && state.status === 'ended') return err('not-running', 'The drill has ended; it takes no more alerts, so it needs no alert token.');
  if (type === 'fault.confirm' && state.status === 'ended') return err('not-running', 'The drill has ended; no fault is started after the end.');
  return undefined;
}

function statusError(state: DrillState, type: DrillCommand['type']): DrillError | undefined {
  if (ANY_STATUS.has(type)) return undefined;
  switch (state.status) {
    case 'ended':
      return AFTER_END.has(type) ? undefined : err('not-running', 'The drill has ended; add or update action items for the after-action report.');
    case 'lobby':
      return IN_LOBBY.has(type) ? undefined : err('not-running', 'The drill has not started yet; claim your roles while you wait.');
    case 'paused':
      if (type === 'drill.start') return err('conflict', 'The drill has already started.');
      if (type === 'drill.pause') return err('conflict', 'The drill is already paused.');
      // Real alerts keep coming while the drill is paused (they are real), and the facilitator keeps control of faults.
      return ['drill.resume', 'drill.end', 'drill.speed', 'note.add', 'inject.send', 'participant.join', 'role.claim', 'role.assign', 'role.release', 'chat.post', 'action-item.add', 'action-item.update', ...ROSTER_ANY_TIME, ...LIVE_ANY_TIME].includes(type)
        ? undefined
        : err('not-running', 'The drill is paused; wait for the facilitator to resume it.');
    case 'running':
      if (type === 'drill.start') return err('conflict', 'The drill has already started.');
      if (type === 'drill.resume') return err('conflict', 'The drill is not paused.');
      return undefined;
  }
}

/** The refusal of a facilitator command from anyone else, in words ("Only the facilitator can pause the drill."). */
export function onlyFacilitatorMessage(type: string): string {
  return `Only the facilitator can ${describe(type)}.`;
}

function describe(type: string): string {
  const words: Record<string, string> = {
    'drill.start': 'start the drill', 'drill.pause': 'pause the drill', 'drill.resume': 'resume the drill',
    'drill.end': 'end the drill', 'drill.speed': 'change the drill speed', 'inject.send': 'send injects',
    'note.add': 'add observations', 'participant.rename': 'rename participants',
    'participant.remove': 'remove participants', 'participant.merge': 'merge participants',
    'evaluators.set': 'let observers override scores',
    'fault.confirm': 'confirm a fault', 'fault.abort': 'abort a fault',
  };
  return words[type] ?? type;
}

/** Whether two overrides are about the same objective, or the same check of the same post. */
export function sameTarget(a: OverrideTarget, b: OverrideTarget): boolean {
  if ('objective' in a) return 'objective' in b && a.objective === b.objective;
  return 'post' in b && a.post === b.post && a.check === b.check;
}

/**
 * "Only the Incident Commander can declare the incident mitigated. Claim the role, or ask Ivy (Incident
 * Commander)." — who may, and who to ask (or that nobody holds the role yet).
 */
function powerRefusal(scenario: Scenario, state: DrillState, roles: readonly string[], what: string): string {
  const name = (id: string) => scenario.roles.find((r) => r.id === id)?.name ?? id;
  const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items[0] ?? '');
  const holders = roles.filter((r) => state.roles[r]).map((r) => `${state.participants[state.roles[r]]?.name ?? 'someone'} (${name(r)})`);
  const who = list(roles.map((r) => `the ${name(r)}`));
  const next = holders.length
    ? `Claim the role, or ask ${list(holders)}.`
    : `Claim ${roles.length > 1 ? 'one of the roles' : 'the role'}; nobody holds ${roles.length > 1 ? 'them' : 'it'} yet.`;
  return `Only ${who} can ${what}. ${next}`;
}
