import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Where drill ids, participant ids, secrets and join codes come from; tests inject a predictable one. */
export interface Ids {
  drillId(): string;
  participantId(): string;
  /** A bearer secret: facilitator key, observer key, participant token (16–128 characters). */
  secret(): string;
  /** A join code like "K7P-M2Q"; the registry retries while it collides with a live drill's. */
  joinCode(): string;
}

/** Join-code alphabet: no 0/O, 1/I, so a code read aloud or off a projector is unambiguous. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const cryptoIds: Ids = {
  drillId: () => randomBytes(9).toString('base64url'),
  participantId: () => `p-${randomBytes(6).toString('base64url')}`,
  secret: () => randomBytes(24).toString('base64url'),
  joinCode: () => {
    const pick = () => Array.from({ length: 3 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    return `${pick()}-${pick()}`;
  },
};

/**
 * Secrets are stored as SHA-256 hashes: they are 192-bit random values, so a fast hash is enough (no
 * dictionary to attack), and a stolen database file does not let anyone act in a drill.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** "k7pm2q" and "K7P-M2Q" are the same code; the stored form has the dash. */
export function normalizeJoinCode(code: string): string {
  const bare = code.trim().toUpperCase().replace(/-/g, '');
  return bare.length === 6 ? `${bare.slice(0, 3)}-${bare.slice(3)}` : bare;
}
