/**
 * Who runs which drill. Exactly one node runs a drill's queue, timers, checkpoints, expiries and webhooks: its
 * **owner**. A single node (SQLite, or PostgreSQL without other nodes) owns every drill (`LocalOwnership`);
 * several nodes share PostgreSQL and hold a **lease** per drill (`PgLeases`, server/cluster/pg-leases.ts), renewed
 * while they run it, with a fencing token that every write of the drill is checked against.
 */

/** What `acquire` found. */
export type Claim =
  /** This node owns the drill now; every write of it carries `token`. */
  | { kind: 'granted'; token: number }
  /** Another node holds a lease that has not expired. */
  | { kind: 'held'; holder: string; expiresInMs: number }
  /** No such drill in the store. */
  | { kind: 'unknown' };

export interface Ownership {
  /** This node, as leases and the node bus name it (unique per process). */
  readonly node: string;
  /** Whether ownership is shared with other nodes (leases), or this node owns everything. */
  readonly shared: boolean;
  /** Tries to become the drill's owner (or stay it). */
  acquire(drillId: string): Promise<Claim>;
  /** This node created the drill: its lease (token 1) was written with it. */
  adopt(drillId: string, token: number): void;
  /** Who holds the drill's lease now (undefined: nobody, or it expired). */
  holderOf(drillId: string): Promise<{ holder: string; expiresInMs: number } | undefined>;
  /** Stops owning the drill (unloaded, shutting down): another node may take it at once. */
  release(drillId: string): Promise<void>;
  /** Stops renewing a lease this node lost (a write was fenced): nothing is written. */
  forget(drillId: string): void;
  /** Hears about leases that could not be renewed: another node may own the drill already. */
  onLost(listener: (drillId: string) => void): void;
  /** Live drills (lobby, running, paused) nobody holds a lease on: another node died or stepped down. */
  orphans(): Promise<string[]>;
  /** Stops renewing (the leases still held expire, or were released). */
  close(): Promise<void>;
}

/** One node: it owns every drill, there is nothing to renew and nobody to take over from. */
export class LocalOwnership implements Ownership {
  readonly shared = false;
  constructor(readonly node = 'local') {}
  async acquire(): Promise<Claim> {
    return { kind: 'granted', token: 0 };
  }
  adopt(): void {}
  async holderOf(): Promise<undefined> {
    return undefined;
  }
  async release(): Promise<void> {}
  forget(): void {}
  onLost(): void {}
  async orphans(): Promise<string[]> {
    return [];
  }
  async close(): Promise<void> {}
}
