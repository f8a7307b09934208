import type { Pool } from 'pg';
import type { Logger } from '../log';
import type { Claim, Ownership } from './ownership';

/** How long a lease lasts unless renewed (wall ms); the owner renews it three times per lease. */
export const DEFAULT_LEASE_MS = 10_000;

export interface PgLeasesOptions {
  pool: Pool;
  /** This node (process): unique, so that a restarted node does not mistake its predecessor's leases for its own. */
  node: string;
  leaseMs?: number;
  logger: Logger;
  /** The fencing token each drill is written with, for the store (`Store.fence`). */
  fence: (drillId: string, token: number | undefined) => void;
}

/**
 * Ownership leases in PostgreSQL (table `drill_leases`: drill, holder, token, expires_at). Times are the database's
 * (`now()`), so the nodes' clocks never matter.
 *
 * - **acquire** takes a lease that is free or expired (or is this node's), raising its token: the previous holder's
 *   writes are refused from then on (fencing, server/store/pg-batch.ts). The new owner reads the log afterwards, so
 *   it sees everything the previous one committed.
 * - **renew** (every third of the lease) extends every lease this node holds in one statement; a lease that is not
 *   this node's any more is lost (`onLost`).
 * - **release** expires the lease at once (never deletes it: the token must keep growing), so another node can
 *   take the drill without waiting.
 */
export class PgLeases implements Ownership {
  readonly shared = true;
  readonly node: string;
  readonly leaseMs: number;
  private readonly held = new Map<string, number>();
  private readonly listeners = new Set<(drillId: string) => void>();
  private timer?: ReturnType<typeof setInterval>;
  private renewing = false;
  private closed = false;

  constructor(private readonly options: PgLeasesOptions) {
    this.node = options.node;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.timer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  /** Drills whose lease this node holds (for the health check and tests). */
  get count(): number {
    return this.held.size;
  }

  async acquire(drillId: string): Promise<Claim> {
    if (this.closed) return { kind: 'held', holder: 'nobody (this node is shutting down)', expiresInMs: this.leaseMs };
    try {
      const { rows } = await this.options.pool.query<{ token: number }>(
        `INSERT INTO drill_leases (drill_id, holder, token, expires_at) VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
         ON CONFLICT (drill_id) DO UPDATE SET holder = excluded.holder, token = drill_leases.token + 1,
           expires_at = excluded.expires_at, acquired_at = now()
         WHERE drill_leases.expires_at < now() OR drill_leases.holder = excluded.holder
         RETURNING token`,
        [drillId, this.node, this.leaseMs]);
      if (rows.length) {
        const token = Number(rows[0].token);
        this.hold(drillId, token);
        return { kind: 'granted', token };
      }
    } catch (error) {
      // 23503: no such drill (the lease row references it).
      if ((error as { code?: string }).code === '23503') return { kind: 'unknown' };
      throw error;
    }
    const holder = await this.holderOf(drillId);
    // Expired between the two statements: try again on the next request.
    return holder ? { kind: 'held', ...holder } : { kind: 'held', holder: 'nobody', expiresInMs: 0 };
  }

  adopt(drillId: string, token: number): void {
    this.hold(drillId, token);
  }

  async holderOf(drillId: string): Promise<{ holder: string; expiresInMs: number } | undefined> {
    const { rows } = await this.options.pool.query<{ holder: string; ms: number }>(
      `SELECT holder, EXTRACT(EPOCH FROM (expires_at - now())) * 1000 AS ms FROM drill_leases WHERE drill_id = $1 AND expires_at >= now()`, [drillId]);
    return rows[0] ? { holder: rows[0].holder, expiresInMs: Math.max(0, Number(rows[0].ms)) } : undefined;
  }

  async release(drillId: string): Promise<void> {
    const token = this.held.get(drillId);
    if (token === undefined) return;
    this.held.delete(drillId);
    this.options.fence(drillId, undefined);
    await this.options.pool.query(
      `UPDATE drill_leases SET expires_at = now() - interval '1 millisecond' WHERE drill_id = $1 AND holder = $2 AND token = $3`,
      [drillId, this.node, token]).catch((error: unknown) => this.options.logger.warn(`drill ${drillId}: could not release its lease (it expires by itself): ${String(error)}`));
  }

  forget(drillId: string): void {
    this.held.delete(drillId);
    this.options.fence(drillId, undefined);
  }

  onLost(listener: (drillId: string) => void): void {
    this.listeners.add(listener);
  }

  async orphans(): Promise<string[]> {
    const { rows } = await this.options.pool.query<{ id: string }>(
      `SELECT d.id FROM drills d LEFT JOIN drill_leases l ON l.drill_id = d.id
       WHERE d.status <> 'ended' AND d.retired_json IS NULL AND (l.drill_id IS NULL OR l.expires_at < now())
       ORDER BY d.created_at`);
    return rows.map((r) => r.id).filter((id) => !this.held.has(id));
  }

  /** Extends every lease this node holds; those it no longer holds are lost. */
  async renew(): Promise<void> {
    if (this.renewing || this.closed || !this.held.size) return;
    this.renewing = true;
    const asked = new Map(this.held);
    try {
      const { rows } = await this.options.pool.query<{ drill_id: string; token: number }>(
        `UPDATE drill_leases SET expires_at = now() + $3 * interval '1 millisecond'
         WHERE holder = $1 AND drill_id = ANY($2) RETURNING drill_id, token`,
        [this.node, [...asked.keys()], this.leaseMs]);
      const kept = new Map(rows.map((r) => [r.drill_id, Number(r.token)]));
      for (const [id, token] of asked) {
        if (this.held.get(id) !== token) continue; // released or re-acquired meanwhile
        if (kept.get(id) === token) continue;
        this.forget(id);
        this.options.logger.warn(`drill ${id}: lost its lease (another node took it over); stepping down`);
        for (const listener of this.listeners) listener(id);
      }
    } catch (error) {
      // The database is unreachable: the leases run out unless a later renewal gets through; writes are fenced
      // in any case, so nothing wrong can be stored meanwhile.
      this.options.logger.warn(`could not renew ${asked.size} drill lease(s): ${(error as Error).message}`);
    } finally {
      this.renewing = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private hold(drillId: string, token: number): void {
    this.held.set(drillId, token);
    this.options.fence(drillId, token);
  }
}
