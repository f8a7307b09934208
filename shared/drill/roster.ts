import type { DrillState, Participant } from './state';

/*
 * The roster and its roles: who is on the drill, who holds what, and how the reducer (shared/drill/state.ts)
 * moves seats and roles. Pure, like the reducer.
 */

export function patchParticipant(state: DrillState, id: string, patch: Partial<Participant>): DrillState {
  const current = state.participants[id];
  if (!current) return state;
  const updated: Participant = { ...current, ...patch };
  if (patch.awaySince === undefined && 'awaySince' in patch) delete updated.awaySince;
  return { ...state, participants: { ...state.participants, [id]: updated } };
}

/**
 * `role` now held by `holder`. Once the drill has started, a role reaching someone other than its last holder
 * (directly, or after standing empty) is a handover, which the `handed-over` condition reads.
 */
export function holdRole(next: DrillState, before: DrillState, role: string, holder: string): DrillState {
  const last = before.lastHolders[role];
  const handover = before.status !== 'lobby' && last !== undefined && last !== holder && !before.handedOver.includes(role);
  return {
    ...next,
    roles: { ...before.roles, [role]: holder },
    lastHolders: { ...before.lastHolders, [role]: holder },
    ...(handover ? { handedOver: [...before.handedOver, role] } : {}),
  };
}

/** The roles map with `from`'s roles given to `to` (or freed without `to`). */
export function moveRoles(roles: Record<string, string>, from: string, to?: string): Record<string, string> {
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
