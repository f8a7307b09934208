import { formatMinutes } from '../duration';
import type { Scenario } from '../scenario/schema';
import type { Actor, DrillCommand } from './commands';
import { takeOverAfterMs } from './presence';
import { isActive } from './roster';
import type { DrillState } from './state';

export type RosterErrorCode = 'invalid' | 'forbidden' | 'conflict' | 'not-found';

/** The command types this module decides on (the rest of the rules are in rules.ts). */
export const ROSTER_COMMANDS = new Set<DrillCommand['type']>([
  'participant.rename', 'participant.remove', 'participant.merge', 'participant.away', 'participant.back',
  'role.takeover', 'staff.rotate-key',
]);

const err = (code: RosterErrorCode, message: string) => ({ code, message });

/**
 * The rules for managing the roster (rename, remove, merge: the facilitator's), presence (away, back: the
 * server's, in the system's name), take-over (a participant's) and staff key rotation (the facilitator's). Who may
 * send each kind is checked before this (rules.ts); this checks that the command makes sense in the state.
 */
export function checkRosterCommand(scenario: Scenario, state: DrillState, command: DrillCommand, by: Actor): { code: RosterErrorCode; message: string } | undefined {
  const person = (id: string) => state.participants[id];
  const activeOr404 = (id: string) => (isActive(person(id)) ? undefined : err('not-found', 'That participant is not on this drill\'s roster (removed, merged or never joined).'));
  switch (command.type) {
    case 'participant.rename': {
      const missing = activeOr404(command.participantId);
      if (missing) return missing;
      if (person(command.participantId).name === command.name) return err('conflict', `They are already called ${command.name}.`);
      return undefined;
    }
    case 'participant.remove':
      return activeOr404(command.participantId);
    case 'participant.merge': {
      if (command.participantId === command.into) return err('invalid', 'Pick two different seats to merge.');
      return activeOr404(command.participantId) ?? activeOr404(command.into);
    }
    case 'participant.away': {
      const missing = activeOr404(command.participantId);
      if (missing) return missing;
      return person(command.participantId).awaySince !== undefined ? err('conflict', 'Already away.') : undefined;
    }
    case 'participant.back': {
      const p = person(command.participantId);
      if (!p) return err('not-found', 'That participant is not in this drill.');
      return p.awaySince === undefined ? err('conflict', 'Not away.') : undefined;
    }
    case 'role.takeover':
      return checkTakeover(scenario, state, command, by);
    case 'staff.rotate-key':
      return undefined;
    default:
      return undefined;
  }
}

function checkTakeover(scenario: Scenario, state: DrillState, command: Extract<DrillCommand, { type: 'role.takeover' }>, by: Actor) {
  const role = scenario.roles.find((r) => r.id === command.role);
  if (!role) return err('not-found', `There is no role "${command.role}" in this scenario.`);
  if (by.kind !== 'participant') return err('forbidden', 'Only a participant can take over a role; the facilitator reassigns it instead.');
  const holderId = state.roles[command.role];
  if (!holderId) return err('conflict', `${role.name} is free now: claim it instead.`);
  if (holderId === by.id) return err('conflict', `You already hold ${role.name}.`);
  const holder = state.participants[holderId];
  if (holderId !== command.from) return err('conflict', `${role.name} has changed hands: it is held by ${holder?.name ?? 'someone else'} now.`);
  if (holder?.awaySince === undefined) {
    return err('conflict', `${holder?.name ?? 'Its holder'} still holds ${role.name} and has not been away for ${formatMinutes(takeOverAfterMs(scenario))}. Ask them to release it, or the facilitator to reassign it.`);
  }
  return undefined;
}
