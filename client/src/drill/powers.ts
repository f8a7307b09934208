import { isActive, rolesOf } from '../../../shared/drill/roster';
import type { DrillView } from '../../../shared/protocol/messages';
import { roleName } from './names';

/** Whether this viewer may use a control, and if not, one short sentence saying who can. */
export interface Power { allowed: boolean; reason?: string }

function list(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items[0] ?? '';
}

/**
 * Whether the viewer holds one of `roles` (`all`: any participant), worded like the server's refusal so the
 * room explains a greyed-out control before anyone clicks into "Only the Incident Commander can …". The server
 * still decides; this only keeps people from walking into a refusal.
 *
 * @param what what the roles may do, as a verb phrase: "declare the incident mitigated or resolved"
 */
export function powerOf(view: Pick<DrillView, 'identity' | 'scenario' | 'state'>, roles: readonly string[], what: string): Power {
  const { identity, scenario, state } = view;
  if (identity.kind === 'facilitator') return { allowed: true };
  if (identity.kind === 'observer') return { allowed: false, reason: 'Observers watch the drill; they cannot act in it.' };
  const held = rolesOf(state, identity.participantId);
  if (roles.includes('all') || held.some((r) => roles.includes(r))) return { allowed: true };
  const names = roles.map((r) => `the ${roleName(scenario, r)}`);
  const holders = roles
    .filter((r) => isActive(state.participants[state.roles[r]]))
    .map((r) => `${state.participants[state.roles[r]].name} (${roleName(scenario, r)})`);
  const next = holders.length ? `Ask ${list(holders)}.` : roles.length > 1 ? 'Nobody holds those roles yet: claim one under Roles.' : 'Nobody holds the role yet: claim it under Roles.';
  return { allowed: false, reason: `Only ${list(names)} can ${what}. ${next}` };
}
