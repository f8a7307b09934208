import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../../shared/drill/events';
import { PgLeases } from '../../../server/cluster/pg-leases';
import { memoryLogger } from '../../../server/log';
import { PgStore } from '../../../server/store/pg-store';
import { FencedError, type DrillRecord } from '../../../server/store/store';
import { testScenario } from '../helpers';
import { postgresMissing, startPostgres, type Postgres } from '../services';

const record = (id: string): DrillRecord => ({
  id, scenarioId: 'drill-test', scenario: testScenario(), title: 'T', joinCode: 'ABC-DEF', facilitatorKeyHash: 'f'.repeat(64),
  observerKeyHash: 'o'.repeat(64), createdAt: 1000, status: 'running', clock: { t: 0, wall: 1000, speed: 1 }, engineVersion: 1,
});
const event = (seq: number, text = `hello ${seq}`): DrillEvent => ({ type: 'chat.post', text, seq, t: seq * 1000, by: { kind: 'participant', id: 'p1' }, wall: 5 });

/** One node as the server builds it: a fenced PostgreSQL store and its leases, under one holder name. */
async function node(url: string, name: string) {
  const logger = memoryLogger();
  const store = await PgStore.open(url, { lease: { holder: name, leaseMs: 60_000 } });
  const leases = new PgLeases({ pool: store.pool, node: name, leaseMs: 60_000, logger, fence: (id, token) => store.fence(id, token) });
  const lost: string[] = [];
  leases.onLost((id) => lost.push(id));
  return { store, leases, logger, lost, close: async () => { await leases.close(); await store.close(); } };
}

let postgres: Postgres | undefined;
beforeAll(async () => {
  if (!postgresMissing) postgres = await startPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

/**
 * Drill ownership on a real PostgreSQL: one lease per drill, a token that grows with every takeover, and writes
 * checked against it in the commit. The expiry of a lease is played by moving its `expires_at` into the past (what
 * a partitioned owner's lease looks like once its time ran out), so the test never waits for wall time.
 */
describe.skipIf(!!postgresMissing)(`drill leases and fencing on PostgreSQL${postgresMissing ? ` (skipped: ${postgresMissing})` : ''}`, () => {
  it('lets another node take over from an owner frozen in the middle of a commit, once the lease has run out', async () => {
    const url = await postgres!.database();
    const logger = memoryLogger();
    // Short leases: this case waits for PostgreSQL to end the frozen owner's transaction, in wall time.
    const a = await PgStore.open(url, { lease: { holder: 'node-a#1', leaseMs: 1000 } });
    const bStore = await PgStore.open(url, { lease: { holder: 'node-b#1', leaseMs: 1000 } });
    const b = new PgLeases({ pool: bStore.pool, node: 'node-b#1', leaseMs: 1000, logger, fence: (id, token) => bStore.fence(id, token) });
    const frozen = await a.pool.connect();
    frozen.on('error', () => undefined); // PostgreSQL ends its session: expected
    try {
      a.createDrill(record('frozen'));
      await a.commit('frozen');
      // A's lease has run out (its time, not a write of its own) while A is frozen half-way through a commit: the
      // share lock on the lease row is taken, COMMIT never comes.
      await a.pool.query(`UPDATE drill_leases SET expires_at = now() - interval '1 second' WHERE drill_id = 'frozen'`);
      await frozen.query('BEGIN');
      await frozen.query(`SELECT token FROM drill_leases WHERE drill_id = 'frozen' FOR SHARE`);
      // Without the session timeout B's takeover would wait on that lock until A woke up, here never.
      expect(await b.acquire('frozen')).toEqual({ kind: 'granted', token: 2 });
      await expect(frozen.query('COMMIT')).rejects.toThrow();
    } finally {
      frozen.release(true);
      await b.close();
      await bStore.close();
      await a.close();
    }
  }, 30_000);

  it('refuses every write of an owner whose lease was taken over, keeps the new owner\'s, and tells the old one it lost', async () => {
    const url = await postgres!.database();
    const a = await node(url, 'node-a#1');
    const b = await node(url, 'node-b#1');
    try {
      // A creates the drill: its lease row (token 1) comes in the same transaction.
      a.store.createDrill(record('d1'));
      await a.store.commit('d1');
      a.leases.adopt('d1', 1);
      a.store.appendEvent('d1', event(1));
      await a.store.commit('d1');

      // B may not take it, nor write it, while A's lease runs.
      expect(await b.leases.acquire('d1')).toMatchObject({ kind: 'held', holder: 'node-a#1' });
      expect(() => b.store.appendEvent('d1', event(2))).toThrow(FencedError);

      // A is cut off past its lease; B takes over with a higher token and reads the log A committed.
      await a.store.pool.query(`UPDATE drill_leases SET expires_at = now() - interval '1 second' WHERE drill_id = 'd1'`);
      expect(await b.leases.acquire('d1')).toEqual({ kind: 'granted', token: 2 });
      expect((await b.store.events('d1')).map((e) => e.seq)).toEqual([1]);

      // A comes back and writes with its old token: refused at commit, nothing of it stored.
      a.store.appendEvent('d1', event(2, 'from the old owner'));
      await expect(a.store.commit('d1')).rejects.toBeInstanceOf(FencedError);
      b.store.appendEvent('d1', event(2, 'from the new owner'));
      await b.store.commit('d1');
      expect((await b.store.events('d1')).map((e) => (e as { text: string }).text)).toEqual(['hello 1', 'from the new owner']);

      // A's next renewal finds the lease gone: it hears that it lost the drill, and may not write it at all now.
      await a.leases.renew();
      expect(a.lost).toEqual(['d1']);
      expect(() => a.store.appendEvent('d1', event(3))).toThrow(FencedError);

      // A released lease (a clean shutdown) is free at once, and its token keeps growing.
      await b.leases.release('d1');
      expect(await a.leases.acquire('d1')).toEqual({ kind: 'granted', token: 3 });
      expect(await a.leases.orphans()).toEqual([]);
      await a.leases.release('d1');
      expect(await b.leases.orphans()).toEqual(['d1']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
