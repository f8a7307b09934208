import { isIPv4, isIPv6 } from 'node:net';
import { parseDuration } from '../../shared/duration';
import type { Clock } from '../clock';
import type { Bucket } from '../socket/rate-limit';

/** Absorbs floating-point dust, so that a token due at exactly t is there at t. */
const EPSILON = 1e-9;

/** At most `count` drills created per `perMs` from one address (a token bucket: bursts of `count`). */
export interface CreateLimit {
  count: number;
  perMs: number;
}

export const DEFAULT_CREATE_LIMIT: CreateLimit = { count: 30, perMs: 10 * 60_000 };

/**
 * `FIREDRILL_CREATE_LIMIT`: `30/10m` (30 drills per 10 minutes; any duration like `1h`, `90s`), `30` (per 10
 * minutes), or `off` / `0` for no limit. Throws with a message that says what is accepted.
 */
export function parseCreateLimit(text: string): CreateLimit | false {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === '0') return false;
  const match = /^(\d+)(?:\/(.+))?$/.exec(value);
  const count = match ? Number(match[1]) : NaN;
  const perMs = match?.[2] === undefined ? DEFAULT_CREATE_LIMIT.perMs : parseDuration(match[2]);
  if (!match || !Number.isSafeInteger(count) || count < 1 || !perMs) {
    throw new Error(`FIREDRILL_CREATE_LIMIT must look like 30/10m (drills per duration), 30 (per 10 minutes) or off, not "${text}"`);
  }
  return { count, perMs };
}

/**
 * Whose bucket a request fills: the client address Express reports (`req.ip`, which honours X-Forwarded-For
 * from a proxy on loopback). IPv4-mapped IPv6 counts as the IPv4 address; IPv6 counts per /64, the block one
 * subscriber usually gets, so that hopping between one's own addresses does not multiply the limit.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const bare = ip.split('%')[0];
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(bare)) return bare;
  const [head, tail] = bare.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Whether `ip` is this machine (127.0.0.0/8, ::1, or either mapped): a reverse proxy there is trusted. */
export function isLoopback(ip: string | undefined): boolean {
  if (!ip) return false;
  const bare = ip.replace(/^::ffff:/i, '');
  return bare === '::1' || (isIPv4(bare) && bare.startsWith('127.'));
}

/**
 * The client address of a connection, as Express's `req.ip` has it with the same `trust proxy`: the peer, or,
 * when the peer is a trusted proxy (`trusted`: loopback unless `FIREDRILL_TRUST_PROXY` adds more), the last
 * `X-Forwarded-For` entry that is not one. For sockets, whose handshake Express never sees.
 */
export function clientIp(peer: string | undefined, forwardedFor: string | string[] | undefined, trusted: (ip: string | undefined) => boolean = isLoopback): string | undefined {
  if (!trusted(peer) || !forwardedFor) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted(hops[i])) return hops[i];
  return hops[0] ?? peer;
}

/** Token buckets of drill creations per address, on the injected clock. */
export class CreateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Tokens per wall ms. */
  private readonly rate: number;
  private lastSweep: number;

  constructor(readonly limit: CreateLimit, private readonly clock: Clock) {
    this.rate = limit.count / limit.perMs;
    this.lastSweep = clock.now();
  }

  /** Counts one creation for `key`: 0 if allowed, otherwise the wall ms until one would be. */
  take(key: string): number {
    const now = this.clock.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.count, at: now };
    this.buckets.set(key, bucket);
    bucket.tokens = this.refilled(bucket, now);
    bucket.at = now;
    if (bucket.tokens + EPSILON < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / this.rate - EPSILON));
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    return 0;
  }

  private refilled(bucket: Bucket, now: number): number {
    return Math.min(this.limit.count, bucket.tokens + Math.max(0, now - bucket.at) * this.rate);
  }

  /** Forgets buckets that have filled up again (the same as no bucket), at most once per period. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.limit.perMs) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now) + EPSILON >= this.limit.count) this.buckets.delete(key);
    }
  }
}

/** "3 minutes" for a wait of `ms` (whole minutes, rounded up, at least one). */
export function retryWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
