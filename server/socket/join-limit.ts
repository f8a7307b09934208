import type { Logger } from '../log';

/**
 * How many failed joins an address gets before it has to wait, and how the wait grows. The defaults allow a
 * person who mistypes a code a few times at once, and an attacker at most about 40 guesses a day per address
 * (docs/operations.md, "Join codes").
 */
export interface JoinLimit {
  /** Failed joins allowed before any wait. */
  free: number;
  /** The first wait (wall ms); each further failure doubles it. */
  baseMs: number;
  /** The longest wait (wall ms). */
  maxMs: number;
  /** Failures are forgotten after this long without one (wall ms). */
  forgetMs: number;
}

export const DEFAULT_JOIN_LIMIT: JoinLimit = { free: 5, baseMs: 1000, maxMs: 60 * 60_000, forgetMs: 24 * 60 * 60_000 };

/** Addresses remembered at most (least recently failed forgotten first), so a flood of addresses cannot fill memory. */
const MAX_ADDRESSES = 100_000;

interface Entry { failures: number; blockedUntil: number; last: number }

/**
 * Failed joins per client address (IPv4, or IPv6 per /64), across every socket and drill: a new socket is not
 * a new allowance. After `free` failures each further one locks joins by code from that address for an
 * exponentially growing time (1 s, 2 s, 4 s … up to an hour). A successful join does not reset the count
 * (anyone can create a drill and join it between guesses); only `forgetMs` without a failure does.
 */
export class FailedJoins {
  private readonly entries = new Map<string, Entry>();
  private lastSweep: number;

  constructor(readonly limit: JoinLimit, private readonly now: () => number, private readonly logger: Logger) {
    this.lastSweep = now();
  }

  /** Wall ms the address must still wait before it may join by code (0: it may now). */
  wait(address: string): number {
    const entry = this.entries.get(address);
    return entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
  }

  /** Counts a failed join (wrong code, token or key); returns the wait it starts (0 while within `free`). */
  failed(address: string, what: string): number {
    const now = this.now();
    this.sweep(now);
    const previous = this.entries.get(address);
    const entry: Entry = previous && now - previous.last < this.limit.forgetMs ? previous : { failures: 0, blockedUntil: 0, last: now };
    entry.failures += 1;
    entry.last = now;
    // Re-inserted so that the map stays ordered by last failure (the oldest is dropped first when full).
    this.entries.delete(address);
    this.entries.set(address, entry);
    if (this.entries.size > MAX_ADDRESSES) this.entries.delete(this.entries.keys().next().value as string);
    const over = entry.failures - this.limit.free;
    if (over <= 0) return 0;
    const wait = Math.min(this.limit.maxMs, this.limit.baseMs * 2 ** Math.min(over - 1, 40));
    entry.blockedUntil = now + wait;
    this.logger.warn(`join: ${entry.failures} failed joins from ${address} (last: ${what}); joins by code from there wait ${Math.ceil(wait / 1000)} s`);
    return wait;
  }

  /** Addresses with failures on record (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets addresses quiet for `forgetMs`, at most once a minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [address, entry] of this.entries) {
      if (now - entry.last >= this.limit.forgetMs && entry.blockedUntil <= now) this.entries.delete(address);
    }
  }
}

/** "45 seconds", "3 minutes" for a wait of `ms`. */
export function waitWords(ms: number): string {
  if (ms < 90_000) {
    const s = Math.max(1, Math.ceil(ms / 1000));
    return `${s} second${s === 1 ? '' : 's'}`;
  }
  const m = Math.ceil(ms / 60_000);
  return `${m} minutes`;
}
