import type { DrillState } from '../../shared/drill/state';
import type { Identity } from '../../shared/protocol/messages';

export type SeatResult =
  | { ok: true; identity: Extract<Identity, { kind: 'participant' }> }
  | { ok: false; reason: 'unknown' | 'removed' };

/**
 * Who a seat token's participant is now: the seat itself, or the seat it was merged into (following merges), or
 * nobody when it was removed or never joined. Names come from the drill state, so a rename shows on rejoin.
 */
export function seatIdentity(state: Pick<DrillState, 'participants'>, participantId: string): SeatResult {
  let id = participantId;
  for (let hops = 0; hops <= Object.keys(state.participants).length; hops++) {
    const participant = state.participants[id];
    if (!participant) return { ok: false, reason: 'unknown' };
    if (participant.removed) return { ok: false, reason: 'removed' };
    if (!participant.mergedInto) return { ok: true, identity: { kind: 'participant', participantId: id, name: participant.name } };
    id = participant.mergedInto;
  }
  return { ok: false, reason: 'unknown' }; // a merge cycle cannot be built (merges need active seats), but never loop
}
