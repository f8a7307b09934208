/**
 * Group commit for PostgreSQL: the writes of an event-loop turn, from every drill, are buffered in memory and sent
 * in one transaction once the turn is over (server/store/write-queue.ts); this commits one such batch.
 *
 * A batch is made of **units**: one `Store.transaction` (a drill turn) or one lone write. In the transaction:
 * 1. the drills the batch writes are checked, under a share lock on their lease rows (so that a takeover waits
 *    for this commit, and reads the log with it): a drill whose lease no longer carries the token this node
 *    writes with is **fenced**, and a drill whose first event is not the next seq of its stored log conflicts;
 *    the units of those drills are left out and their writers told (`FencedError`);
 * 2. the other units' statements run in order, consecutive event inserts as one statement;
 * 3. if a statement fails (a constraint), the batch is tried once more with a savepoint per unit, so that only the
 *    units that fail are left out (and their drills told); a failure of the connection or the commit itself fails
 *    the whole batch (`NotSavedError` for everyone in it).
 */
import type { ClientBase } from 'pg';
import type { DrillEvent } from '../../shared/drill/events';
import { NotSavedError } from './group-commit';
import { FencedError, seqRefusal } from './store';
import type { Batch as QueuedBatch, Refusals, Unit as QueuedUnit } from './write-queue';

/** One statement of a unit. `events` ops are coalesced with their neighbours into one INSERT. */
export type Op =
  | { kind: 'sql'; text: string; values: unknown[]; drillId?: string; /** Refused when it changes no row. */ expectRow?: string }
  | { kind: 'event'; drillId: string; event: DrillEvent };

export type Unit = QueuedUnit<Op>;
export type Batch = QueuedBatch<Op>;

export interface CommitOptions {
  /** The fencing token this node writes each drill with; undefined: the store is not fenced (one node, the CLI). */
  fences?: ReadonlyMap<string, number>;
}

/** A statement error the database raised for the statement itself (a constraint), not the connection. */
function statementError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23|40|42|P0)/.test(code);
}

/** Commits `batch` on `client` (one transaction). Throws only when nothing was stored. */
export async function commitBatch(client: ClientBase, batch: Batch, options: CommitOptions): Promise<Refusals> {
  await client.query('BEGIN');
  try {
    let refusals = await check(client, batch, options);
    let units = batch.units.filter((unit) => ![...unit.drills].some((d) => refusals.has(d)));
    try {
      for (const run of coalesce(units.flatMap((unit) => unit.ops))) await execute(client, run);
    } catch (error) {
      if (!statementError(error)) throw error;
      // One unit broke a constraint: again, one savepoint per unit, leaving out the ones that fail.
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      refusals = await check(client, batch, options);
      units = batch.units.filter((unit) => ![...unit.drills].some((d) => refusals.has(d)));
      for (const unit of units) {
        if ([...unit.drills].some((d) => refusals.has(d))) continue; // an earlier unit of the drill failed: no gaps
        await client.query('SAVEPOINT unit');
        try {
          for (const run of coalesce(unit.ops)) await execute(client, run);
          await client.query('RELEASE SAVEPOINT unit');
        } catch (unitError) {
          if (!statementError(unitError)) throw unitError;
          await client.query('ROLLBACK TO SAVEPOINT unit');
          for (const drill of unit.drills) refusals.set(drill, new NotSavedError(unitError));
        }
      }
    }
    await client.query('COMMIT');
    return refusals;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Fencing and seq continuity, under a share lock on the lease rows of the drills written (a takeover's UPDATE waits
 * for this transaction). Returns the drills to leave out, and why.
 */
async function check(client: ClientBase, batch: Batch, options: CommitOptions): Promise<Refusals> {
  const refusals: Refusals = new Map();
  const written = new Set<string>();
  const firstSeq = new Map<string, number>();
  for (const unit of batch.units) {
    for (const op of unit.ops) {
      const drill = op.drillId;
      if (drill === undefined || batch.created.has(drill)) continue;
      written.add(drill);
      if (op.kind === 'event' && !firstSeq.has(drill)) firstSeq.set(drill, op.event.seq);
    }
  }
  if (options.fences && written.size) {
    const ids = [...written];
    const { rows } = await client.query<{ drill_id: string; token: number; holder: string }>(
      'SELECT drill_id, token, holder FROM drill_leases WHERE drill_id = ANY($1) FOR SHARE', [ids]);
    const leases = new Map(rows.map((r) => [r.drill_id, r]));
    for (const id of ids) {
      const mine = options.fences.get(id);
      const lease = leases.get(id);
      if (mine === undefined) refusals.set(id, new FencedError(id, `this node does not own drill ${id}`));
      else if (!lease || Number(lease.token) !== mine) {
        refusals.set(id, new FencedError(id, `drill ${id}: write refused by the fencing token (this node writes with ${mine}; the lease is at ${lease ? `${lease.token}, held by ${lease.holder}` : 'none'})`));
      }
    }
  }
  const appending = [...firstSeq.keys()].filter((id) => !refusals.has(id));
  if (appending.length) {
    const { rows } = await client.query<{ drill_id: string; seq: number }>(
      'SELECT drill_id, MAX(seq) AS seq FROM events WHERE drill_id = ANY($1) GROUP BY drill_id', [appending]);
    const last = new Map(rows.map((r) => [r.drill_id, Number(r.seq)]));
    for (const id of appending) {
      const expected = (last.get(id) ?? 0) + 1;
      const first = firstSeq.get(id) as number;
      if (first !== expected) refusals.set(id, new FencedError(id, `${seqRefusal(id, first, expected)}: another writer appended to its log`));
    }
  }
  return refusals;
}

type Run = { kind: 'sql'; op: Extract<Op, { kind: 'sql' }> } | { kind: 'events'; events: { drillId: string; event: DrillEvent }[] };

/** Consecutive event appends become one multi-row INSERT; everything else runs as it is, in order. */
function coalesce(ops: readonly Op[]): Run[] {
  const runs: Run[] = [];
  for (const op of ops) {
    if (op.kind === 'sql') runs.push({ kind: 'sql', op });
    else {
      const last = runs.at(-1);
      if (last?.kind === 'events') last.events.push(op);
      else runs.push({ kind: 'events', events: [op] });
    }
  }
  return runs;
}

async function execute(client: ClientBase, run: Run): Promise<void> {
  if (run.kind === 'events') {
    const e = run.events;
    await client.query(
      'INSERT INTO events (drill_id, seq, t, json) SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[])',
      [e.map((x) => x.drillId), e.map((x) => x.event.seq), e.map((x) => x.event.t), e.map((x) => JSON.stringify(x.event))],
    );
    return;
  }
  const result = await client.query(run.op.text, run.op.values);
  if (run.op.expectRow && result.rowCount === 0) throw Object.assign(new Error(run.op.expectRow), { code: 'P0002' });
}
