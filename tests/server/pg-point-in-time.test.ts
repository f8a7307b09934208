import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PgStore } from '../../server/store/pg-store';
import { startTestServer } from './helpers';
import { postgresMissing, restorePostgres, startPostgres } from './services';

/**
 * docs/operations.md, "Point in time": continuous archiving plus a base backup, restored to a moment. Every event
 * acknowledged before that moment must come back, none after it, and the drill must go on from there as after any
 * restart: the same seats, the log continued, never rewritten. Real PostgreSQL, started and stopped here.
 */
describe.skipIf(postgresMissing)('a PostgreSQL point-in-time restore', () => {
  it('brings back every event acknowledged before the restore point and none after, and the drill goes on', async () => {
    const postgres = await startPostgres({ archive: true });
    const cleanup: (() => void)[] = [() => rmSync(postgres.archive!, { recursive: true, force: true })];
    try {
      const url = await postgres.database();
      const store = await PgStore.open(url);
      const server = await startTestServer({ store });
      const { drill, facilitator, team: [ana] } = await server.open(['Ana']);
      await ana.act({ type: 'role.claim', role: 'ops' });
      await facilitator.act({ type: 'drill.start' });
      const early = await ana.act({ type: 'chat.post', text: 'before the base backup' });

      const backup = postgres.baseBackup();
      cleanup.push(() => rmSync(dirname(backup), { recursive: true, force: true }));
      const kept = await ana.act({ type: 'chat.post', text: 'after the backup, before the restore point' });
      await postgres.sql("SELECT pg_create_restore_point('before-the-mistake')");
      const lost = await ana.act({ type: 'chat.post', text: 'after the restore point' });
      // The segment with all of that is finished and archived (the archiver copies it soon after the switch).
      const [{ segment }] = await postgres.sql('SELECT pg_walfile_name(pg_switch_wal()) AS segment');
      for (let i = 0; i < 200 && !existsSync(join(postgres.archive!, String(segment))); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(join(postgres.archive!, String(segment)))).toBe(true);
      const token = ana.token!;
      await server.close();
      await store.close();
      postgres.stop();

      const restored = await restorePostgres(backup, postgres.archive!, 'before-the-mistake');
      cleanup.push(() => restored.stop());
      const restoredUrl = url.replace(`:${postgres.port}/`, `:${restored.port}/`);
      const again = await PgStore.open(restoredUrl);
      const back = await startTestServer({ store: again });
      try {
        await back.app.restored;
        const chat = (await again.events(drill.drillId)).filter((e) => e.type === 'chat.post');
        expect(chat.map((e) => [e.seq, e.type === 'chat.post' && e.text])).toEqual([[early, 'before the base backup'], [kept, 'after the backup, before the restore point']]);
        expect(chat.some((e) => e.seq === lost)).toBe(false);

        // Ana's seat token still works; the drill runs on and its log continues after the restored end.
        const ana2 = await back.join({ as: 'rejoin', drillId: drill.drillId, token });
        expect(ana2.state!.status).toBe('running');
        expect(ana2.state!.seq).toBeLessThan(lost);
        const next = await ana2.act({ type: 'chat.post', text: 'picking up from the restore' });
        expect(next).toBe(ana2.state!.seq);
        expect((await again.events(drill.drillId)).filter((e) => e.type === 'chat.post').map((e) => e.type === 'chat.post' && e.text))
          .toEqual(['before the base backup', 'after the backup, before the restore point', 'picking up from the restore']);
      } finally {
        await back.close();
        await again.close();
      }
    } finally {
      for (const step of cleanup.reverse()) step();
    }
  }, 120_000);
});
