import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDrill } from '../../server/cli/copy-drills';
import { COPIED_TABLES, run } from '../../server/cli/migrate-store';
import { ManualClock } from '../../server/clock';
import { PgStore } from '../../server/store/pg-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { DrillEvent } from '../../shared/drill/events';
import { runCli } from './cli-helpers';
import { startTestServer, type TestServer } from './helpers';
import { pgProgram, postgresMissing, startPostgres, type Postgres } from './services';

const MIN = 60_000;

let postgres: Postgres | undefined;
const dirs: string[] = [];
beforeAll(async () => {
  if (!postgresMissing) postgres = await startPostgres();
}, 120_000);
afterAll(() => {
  postgres?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-migrate-'));
  dirs.push(dir);
  return join(dir, 'firedrill.db');
}

async function scorecard(server: TestServer, drillId: string, key: string): Promise<unknown> {
  const res = await fetch(`${server.url}/api/drills/${drillId}/scorecard`, { headers: { 'x-firedrill-key': key } });
  expect(res.status).toBe(200);
  return res.json();
}

/** A SQLite store as a server leaves it: an ended drill (with a webhook), a running one, one in the lobby. */
async function sqliteWithDrills(file: string) {
  const store = new SqliteStore(file);
  const server = await startTestServer({ store });
  const ended = await server.createDrill();
  {
    const facilitator = await server.join({ as: 'facilitator', drillId: ended.drillId, key: ended.facilitatorKey });
    const bo = await server.join({ as: 'participant', code: ended.joinCode, name: 'Bo' });
    await bo.act({ type: 'role.claim', role: 'ic' });
    await facilitator.act({ type: 'drill.start' });
    server.clock.advance(2 * MIN);
    await bo.act({ type: 'status.post', phase: 'investigating', text: 'Checkout is failing for some customers. We are on it; next update in 30 minutes.' });
    await facilitator.act({ type: 'drill.end' });
  }
  const running = await server.createDrill();
  const facilitator = await server.join({ as: 'facilitator', drillId: running.drillId, key: running.facilitatorKey });
  const ana = await server.join({ as: 'participant', code: running.joinCode, name: 'Ana' });
  await ana.act({ type: 'role.claim', role: 'ops' });
  await facilitator.act({ type: 'drill.start' });
  server.clock.advance(30_000);
  await ana.act({ type: 'chat.post', text: 'looking at the orders DB' });
  await ana.until((p) => p.events.some((e) => e.type === 'inject.delivered'), 'the first page');
  const lobby = await server.createDrill();
  const card = await scorecard(server, ended.drillId, ended.facilitatorKey);
  const wall = server.clock.now();
  await server.close();
  // A webhook as the server stores it (sealed); the ended drill's, so that nothing tries to deliver to it.
  store.setOutbound(ended.drillId, { drillId: ended.drillId, urlSealed: 'v1.aaa.bbb.ccc', secretSealed: 'v1.ddd.eee.fff', urlHint: 'hooks.example.com/…/Xy9z', format: 'json', channels: ['status'], updatedAt: wall });
  await store.commit();
  const logs = Object.fromEntries(await Promise.all([ended, running, lobby].map(async (d) => [d.drillId, await store.events(d.drillId)] as const)));
  store.close();
  return { ended, running, lobby, card, wall, token: ana.token!, logs: logs as Record<string, DrillEvent[]> };
}

describe('npm run firedrill -- migrate-store: refusals that need no PostgreSQL', () => {
  it('copies only the tables it knows, and a fresh SQLite store has no other (a new table needs migrate-store to copy it)', () => {
    const file = tempDb();
    const store = new SqliteStore(file);
    const tables = (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name);
    store.close();
    expect(tables.filter((t) => !(COPIED_TABLES as readonly string[]).includes(t))).toEqual([]);
  });

  it('says what is wrong with its arguments, and refuses a SQLite file another process has open', async () => {
    expect((await runCli(run, ['--from', 'sqlite:x.db'])).err.join('\n')).toMatch(/--to postgres:\/\//);
    const wrong = await runCli(run, ['--from', 'postgres://a@b/c', '--to', 'postgres://a@b/d']);
    expect(wrong.code).toBe(2);
    expect(wrong.err.join('\n')).toContain('--from must be a SQLite file');
    const missing = await runCli(run, ['--from', 'sqlite:/nonexistent/firedrill.db', '--to', 'postgres://a:secret@127.0.0.1:1/x']);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toContain('There is no SQLite store at /nonexistent/firedrill.db');

    const file = tempDb();
    const open = new SqliteStore(file);
    const busy = await runCli(run, ['--from', `sqlite:${file}`, '--to', 'postgres://a:secret@127.0.0.1:1/x']);
    open.close();
    expect(busy.code).toBe(1);
    expect(busy.err.join('\n')).toContain('is in use by another process');
    expect(busy.err.join('\n')).toContain('Stop it first');
  });

  it('says it could not reach PostgreSQL, without the password, and copies nothing', async () => {
    const file = tempDb();
    new SqliteStore(file).close();
    const result = await runCli(run, ['--from', `sqlite:${file}`, '--to', 'postgres://firedrill:hunter2@127.0.0.1:1/firedrill']);
    expect(result.code).toBe(1);
    const text = result.err.join('\n');
    expect(text).toContain('Could not open PostgreSQL at postgres://firedrill:***@127.0.0.1:1/firedrill');
    expect(text).not.toContain('hunter2');
  });
});

describe.skipIf(!!postgresMissing)(`migrate-store into a real PostgreSQL${postgresMissing ? ` (skipped: ${postgresMissing})` : ''}`, () => {
  it('moves ended, running and lobby drills, verified; a server on PostgreSQL resumes the running drill and serves the scorecard unchanged', async () => {
    const file = tempDb();
    const before = await sqliteWithDrills(file);
    const url = await postgres!.database();

    const first = await runCli(run, ['--from', `sqlite:${file}`, '--to', url]);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    const out = first.out.join('\n');
    expect(out).toContain('3 copied, 0 already there and identical');
    expect(out).toMatch(new RegExp(`${before.running.drillId} {2}copied {2}running, \\d+ events, 1 seat\\(s\\); replays`));
    expect(out).toMatch(new RegExp(`${before.ended.drillId} {2}copied {2}ended, \\d+ events, 1 seat\\(s\\), webhook; replays`));
    expect(out).toContain('Every drill is in PostgreSQL and verified.');
    expect(out).toContain('it resumes the 2 live drill(s)');

    // Again: refused, saying how to go on; with --skip-existing, nothing to do.
    const again = await runCli(run, ['--from', `sqlite:${file}`, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toContain('already holds 3 drill(s), 3 of them with the ids of drills in');
    expect(again.err.join('\n')).toContain('run again with --skip-existing');
    const skip = await runCli(run, ['--from', `sqlite:${file}`, '--to', url, '--skip-existing']);
    expect(skip.code).toBe(0);
    expect(skip.out.join('\n')).toContain('0 copied, 3 already there and identical');

    // Every event as stored: same seq, drill time, command id, wall time, in order.
    const pg = await PgStore.open(url);
    for (const [id, log] of Object.entries(before.logs)) expect(await pg.events(id)).toEqual(log);
    expect(before.logs[before.running.drillId].some((e) => e.cid)).toBe(true);
    expect(await pg.getOutbound(before.ended.drillId)).toMatchObject({ urlHint: 'hooks.example.com/…/Xy9z', urlSealed: 'v1.aaa.bbb.ccc' });

    const server = await startTestServer({ store: pg, clock: new ManualClock(before.wall + 10 * MIN) });
    try {
      expect((await server.app.restored).restored.sort()).toEqual([before.running.drillId, before.lobby.drillId].sort());
      expect(await scorecard(server, before.ended.drillId, before.ended.facilitatorKey)).toEqual(before.card);

      // Ana's seat token still opens her seat; a newcomer joins with the code; the drill plays on.
      const ana = await server.join({ as: 'rejoin', drillId: before.running.drillId, token: before.token });
      expect(ana.state).toMatchObject({ status: 'running', seq: before.logs[before.running.drillId].length });
      const cy = await server.join({ as: 'participant', code: before.running.joinCode, name: 'Cy' });
      const facilitator = await server.join({ as: 'facilitator', drillId: before.running.drillId, key: before.running.facilitatorKey });
      // The ops dashboard is due at 1m of drill time (30 s were played): the ten minutes away do not count.
      server.clock.advance(29_000);
      await ana.sync();
      expect(ana.injectIds()).not.toContain('ops-dashboard');
      server.clock.advance(1_000);
      await ana.until((p) => p.injectIds().includes('ops-dashboard'), 'the scheduled inject after the move');
      await facilitator.act({ type: 'inject.send', to: ['ops'], channel: 'chat', title: 'Still with us?', ack: false });
      await cy.act({ type: 'chat.post', text: 'joined after the move' });
      await ana.until((p) => p.events.some((e) => e.type === 'chat.post' && e.text === 'joined after the move'), 'the newcomer\'s post');
      expect(ana.gaps).toEqual([]);
    } finally {
      await server.close();
      await pg.close();
    }
  });

  it('refuses a target that holds other drills; with --skip-existing copies only what it lacks and never overwrites a drill that went on there', async () => {
    const file = tempDb();
    const before = await sqliteWithDrills(file);
    const url = await postgres!.database();
    expect((await runCli(run, ['--from', `sqlite:${file}`, '--to', url])).code).toBe(0);
    // The running drill goes on in PostgreSQL; another drill appears there that SQLite never had.
    const pg = await PgStore.open(url);
    const log = before.logs[before.running.drillId];
    const last = log.at(-1)!;
    pg.appendEvent(before.running.drillId, { type: 'chat.post', text: 'on PostgreSQL now', seq: last.seq + 1, t: last.t + 1000, by: { kind: 'facilitator' }, wall: before.wall + MIN });
    const other = (await pg.getDrill(before.lobby.drillId))!;
    pg.createDrill({ ...other, id: 'other-drill', joinCode: 'ZZZ-ZZZ' });
    await pg.commit();

    const dry = await runCli(run, ['--from', `sqlite:${file}`, '--to', url, '--skip-existing', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out.join('\n')).toContain('Dry run: 0 drill(s) would be copied, 3 are there already');
    const refused = await runCli(run, ['--from', `sqlite:${file}`, '--to', url]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('already holds 4 drill(s), 3 of them');

    const skip = await runCli(run, ['--from', `sqlite:${file}`, '--to', url, '--skip-existing']);
    expect(skip.code).toBe(0);
    const out = skip.out.join('\n');
    expect(out).toContain(`${before.running.drillId}  already there and played on since (${log.length} events here, ${log.length + 1} there): left as it is`);
    expect(out).toContain('0 copied, 2 already there and identical, 1 already there and played on since, 0 not copied');
    expect((await pg.events(before.running.drillId)).at(-1)).toMatchObject({ text: 'on PostgreSQL now' });

    // A different drill under the same id is a conflict: reported, left alone, exit 1.
    await pg.pool.query(`UPDATE drills SET title = 'Someone else''s drill' WHERE id = $1`, [before.lobby.drillId]);
    const conflict = await runCli(run, ['--from', `sqlite:${file}`, '--to', url, '--skip-existing']);
    expect(conflict.code).toBe(1);
    expect(conflict.out.join('\n')).toContain(`${before.lobby.drillId}  CONFLICT: the target holds a different drill under this id (drill record differs in title)`);
    expect(conflict.err.join('\n')).toContain('The migration is not complete');
    expect((await pg.getDrill(before.lobby.drillId))!.title).toBe('Someone else\'s drill');
    await pg.close();
  });

  it('a pg_dump of the migrated database restores into an empty one with every drill as it was (docs/operations.md, "Backups")', async () => {
    const file = tempDb();
    const before = await sqliteWithDrills(file);
    const url = await postgres!.database();
    expect((await runCli(run, ['--from', `sqlite:${file}`, '--to', url])).code).toBe(0);
    const dump = join(mkdtempSync(join(tmpdir(), 'firedrill-dump-')), 'firedrill.dump');
    dirs.push(join(dump, '..'));
    execFileSync(pgProgram('pg_dump'), ['--format=custom', `--file=${dump}`, url], { stdio: 'pipe' });
    const restoredUrl = await postgres!.database();
    execFileSync(pgProgram('pg_restore'), ['--no-owner', `--dbname=${restoredUrl}`, dump], { stdio: 'pipe' });
    const [original, restored] = await Promise.all([PgStore.open(url), PgStore.open(restoredUrl)]);
    try {
      for (const id of [before.ended.drillId, before.running.drillId, before.lobby.drillId]) {
        expect(await readDrill(restored, id)).toEqual(await readDrill(original, id));
      }
    } finally {
      await original.close();
      await restored.close();
    }
  });
});
