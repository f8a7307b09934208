import type { Scenario } from '../scenario/schema';
import { isFacilitatorCommand, SYSTEM_COMMAND_TYPES, type Actor, type DrillCommand } from './commands';
import { checkRosterCommand, ROSTER_COMMANDS } from './roster-rules';
import { isActive, rolesOf, type DrillState } from './state';

export type DrillErrorCode = 'invalid' | 'forbidden' | 'conflict' | 'not-found' | 'not-running';
export interface DrillError { code: DrillErrorCode; message: string }

const err = (code: DrillErrorCode, message: string): DrillError => ({ code, message });

/** Commands a team may still give after the drill has ended: the hot wash produces action items. */
const AFTER_END = new Set(['action-item.add', 'note.add', 'participant.rename', 'staff.rotate-key']);
/** Roster, presence and take-over commands: fine in the lobby and while paused (rules in roster-rules.ts). */
const ROSTER_ANY_TIME = ['participant.rename', 'participant.remove', 'participant.merge', 'participant.away', 'participant.back', 'role.takeover', 'staff.rotate-key'];
/** Commands that make sense in the lobby, before the clock starts (a drill that never starts can still be ended). */
const IN_LOBBY = new Set(['participant.join', 'role.claim', 'role.assign', 'role.release', 'chat.post', 'drill.start', 'drill.end', 'drill.speed', 'note.add', 'action-item.add', ...ROSTER_ANY_TIME]);

/**
 * Checks a command against the drill's rules and the sender's powers. Pure and side-effect free: a refused
 * command changes nothing, and the message says what to do instead.
 */
export function checkCommand(scenario: Scenario, state: DrillState, command: DrillCommand, by: Actor): DrillError | undefined {
  if (isFacilitatorCommand(command.type) && by.kind !== 'facilitator') {
    return err('forbidden', onlyFacilitatorMessage(command.type));
  }
  if ((SYSTEM_COMMAND_TYPES as string[]).includes(command.type) && by.kind !== 'system') {
    return err('forbidden', 'Presence is recorded by the server itself.');
  }
  if (command.type === 'staff.rotate-key' && by.kind !== 'facilitator') return err('forbidden', 'Only the facilitator can rotate the staff links.');
  if (by.kind === 'participant' && command.type !== 'participant.join' && !state.participants[by.id]) {
    return err('forbidden', 'Join the drill before taking part.');
  }
  if (by.kind === 'participant' && command.type !== 'participant.join' && !isActive(state.participants[by.id])) {
    return err('forbidden', 'The facilitator took this seat off the roster. Join again with the code, or ask the facilitator.');
  }
  if (by.kind === 'facilitator' && !isFacilitatorCommand(command.type) && !['role.assign', 'action-item.add', 'participant.join', 'staff.rotate-key'].includes(command.type)) {
    return err('forbidden', 'The facilitator steers the drill; team actions are for participants.');
  }
  const status = statusError(state, command.type);
  if (status) return status;

  const role = (id: string) => scenario.roles.find((r) => r.id === id);
  const holderName = (id: string) => state.participants[state.roles[id]]?.name ?? 'someone';
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
      if (state.declared[command.status]) return err('conflict', `The incident is already declared ${command.status}.`);
      return undefined;
    case 'severity.set':
      if (state.severity === command.severity) return err('conflict', `Severity is already ${command.severity}.`);
      return undefined;
    case 'inject.send':
      for (const target of command.to) {
        if (target !== 'all' && !role(target)) return err('not-found', `There is no role "${target}" in this scenario.`);
      }
      return undefined;
    case 'note.add':
      if (command.ref !== undefined && command.ref > state.seq) return err('not-found', 'That timeline event does not exist.');
      return undefined;
    default:
      return ROSTER_COMMANDS.has(command.type) ? checkRosterCommand(scenario, state, command, by) : undefined;
  }
}

function statusError(state: DrillState, type: DrillCommand['type']): DrillError | undefined {
  switch (state.status) {
    case 'ended':
      return AFTER_END.has(type) ? undefined : err('not-running', 'The drill has ended; add action items for the after-action report.');
    case 'lobby':
      return IN_LOBBY.has(type) ? undefined : err('not-running', 'The drill has not started yet; claim your roles while you wait.');
    case 'paused':
      if (type === 'drill.start') return err('conflict', 'The drill has already started.');
      if (type === 'drill.pause') return err('conflict', 'The drill is already paused.');
      return ['drill.resume', 'drill.end', 'drill.speed', 'note.add', 'inject.send', 'participant.join', 'role.claim', 'role.assign', 'role.release', 'chat.post', 'action-item.add', ...ROSTER_ANY_TIME].includes(type)
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
  };
  return words[type] ?? type;
}
