import type { Request } from 'express';
import { hashSecret, secretMatches } from '../ids';
import type { DrillRecord, ParticipantRecord, Store } from '../store/store';
import { ApiError } from './errors';

export type StaffRole = 'facilitator' | 'observer';

/** The key a request presents: `?key=` or the `x-firedrill-key` header. */
export function presentedKey(req: Request): string | undefined {
  const header = req.get('x-firedrill-key');
  const raw = req.query.key;
  if (raw !== undefined && typeof raw !== 'string') throw new ApiError(400, 'invalid', 'Give the key once, as ?key= or in the x-firedrill-key header.');
  return header || raw || undefined;
}

/**
 * Who the presented key makes the caller in this drill: undefined without a key; a 403 when a key is
 * presented that opens neither role (a wrong key should not silently give the public answer).
 */
export function staffAccess(req: Request, drill: DrillRecord): StaffRole | undefined {
  const key = presentedKey(req);
  if (!key) return undefined;
  if (secretMatches(key, drill.facilitatorKeyHash)) return 'facilitator';
  if (secretMatches(key, drill.observerKeyHash)) return 'observer';
  throw new ApiError(403, 'forbidden', 'That key does not open this drill. Use the facilitator or observer key it was created with.');
}

/** Like `staffAccess`, for endpoints that need a key (401 without one). */
export function requireStaff(req: Request, drill: DrillRecord): StaffRole {
  const role = staffAccess(req, drill);
  if (!role) throw new ApiError(401, 'unauthorized', 'This needs the facilitator or observer key: send it as ?key= or in the x-firedrill-key header.');
  return role;
}

/** The header a participant's seat token travels in. Never a query parameter: URLs end up in logs and history. */
export const TOKEN_HEADER = 'x-firedrill-token';

/**
 * The participant whose seat token the request presents in `x-firedrill-token`: undefined without one; a 403
 * when the token is not a seat in this drill (another drill's token, or a made-up one).
 */
export async function participantAccess(req: Request, drill: DrillRecord, store: Store): Promise<ParticipantRecord | undefined> {
  const token = req.get(TOKEN_HEADER);
  if (!token) return undefined;
  const participant = await store.findParticipantByToken(drill.id, hashSecret(token));
  if (!participant) throw new ApiError(403, 'forbidden', 'That seat token does not belong to this drill. Open the scorecard from the browser you joined the drill with.');
  if (participant.removed) throw new ApiError(403, 'forbidden', 'The facilitator removed this seat from the drill; ask them for the scorecard.');
  return participant;
}
