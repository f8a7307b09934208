import type { Actor } from '../../../shared/drill/commands';
import type { DrillState } from '../../../shared/drill/state';
import type { PublicScenario } from '../../../shared/protocol/messages';

/** Who did something, in words. */
export function actorName(state: Pick<DrillState, 'participants'>, by: Actor): string {
  if (by.kind === 'participant') return state.participants[by.id]?.name ?? 'A participant';
  if (by.kind === 'observer') return 'Observer';
  return by.kind === 'facilitator' ? 'Facilitator' : 'Firedrill';
}

export function roleName(scenario: Pick<PublicScenario, 'roles'>, id: string): string {
  if (id === 'all') return 'Everyone';
  return scenario.roles.find((r) => r.id === id)?.name ?? id;
}

export function contactName(scenario: Pick<PublicScenario, 'contacts'>, id: string): string {
  return scenario.contacts.find((c) => c.id === id)?.name ?? id;
}

/** Whether an inject address is narrower than "all". */
export function isTargeted(to: readonly string[]): boolean {
  return !to.includes('all');
}
