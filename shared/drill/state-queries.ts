import type { Facts } from '../scenario/conditions';
import type { Declaration } from '../scenario/schema';
import type { Declared, DrillState, Participant } from './state-types';

/**
 * The facts scenario conditions read, derived from the drill state. Only standing declarations count, and
 * resolving never silently counts as mitigating (the rules ask for mitigated first anyway).
 */
export function factsOf(state: DrillState): Facts {
  const standing = Object.entries(state.declared) as [Declaration, Declared][];
  const decided: Record<string, string> = {};
  for (const [id, decision] of Object.entries(state.decisions)) if (decision.choice) decided[id] = decision.choice.option;
  return {
    escalated: unique(state.pages.map((p) => p.contact)),
    replied: unique(state.pages.filter((p) => p.reply).map((p) => p.contact)),
    posted: unique(state.posts.map((p) => p.channel)),
    rolesFilled: Object.keys(state.roles),
    handedOver: state.handedOver,
    acked: Object.keys(state.acks),
    declared: standing.map(([status]) => status),
    premature: standing.filter(([, d]) => d.premature).map(([status]) => status),
    decided,
    severity: state.severity,
    alerts: Object.values(state.alerts).map((a) => ({ rule: a.rule, labels: a.labels, status: a.status, fired: a.fired })),
  };
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
