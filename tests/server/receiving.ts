import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a receiver checks a signed delivery (outbound webhooks and fault webhooks; docs/operations.md): HMAC-SHA256
 * of "<t>.<body>" under the signing secret, compared in constant time.
 */
export function verifySignature(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Waits (real time) until `predicate` holds, for what a real HTTP receiver gets in its own time. */
export async function waitFor(what: string, predicate: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
