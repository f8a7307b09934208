import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../server/cli/doctor';
import { READ_ONLY_MESSAGE } from '../../server/drills/registry';
import { SqliteStore } from '../../server/store/sqlite-store';
import { runCli } from './cli-helpers';
import { Player, startTestServer, type TestServer } from './helpers';

const dirs: string[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A store file with two running drills whose log was changed while the server was down, and one healthy drill. */
async function damagedStore() {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-doctor-'));
  dirs.push(dir);
  const db = join(dir, 'firedrill.db');
  const store = new SqliteStore(db);
  const server = await startTestServer({ store });
  const drills = [];
  for (let i = 0; i < 3; i++) {
    const { drill, facilitator, team: [ana] } = await server.open(['Ana']);
    await ana.act({ type: 'role.claim', role: 'ops' });
    await facilitator.act({ type: 'drill.start' });
    await ana.act({ type: 'chat.post', text: 'on it' });
    drills.push({ ...drill, token: ana.token! });
  }
  await server.close();
  // What an engine change does to an old log: a produced event is not what the replay makes any more.
  const seqs: number[] = [];
  for (const d of drills.slice(0, 2)) {
    const entered = (await store.events(d.drillId)).find((e) => e.type === 'state.entered')!;
    store.db.prepare('UPDATE events SET json = ? WHERE drill_id = ? AND seq = ?').run(JSON.stringify({ ...entered, state: 'old-name' }), d.drillId, entered.seq);
    seqs.push(entered.seq);
  }
  const logs = await Promise.all(drills.map((d) => store.events(d.drillId)));
  store.close();
  return { db, drills, seqs, logs };
}

describe('npm run firedrill -- doctor (issue 16, defect 1)', () => {
  it('lists the drills the server would quarantine, explains one, and changes nothing', async () => {
    const { db, drills, seqs, logs } = await damagedStore();
    const list = await runCli(run, ['--db', db]);
    expect(list.code).toBe(1);
    expect(list.out.find((l) => l.startsWith(drills[0].drillId))).toContain(`REPLAY MISMATCH at seq ${seqs[0]}`);
    expect(list.out.find((l) => l.startsWith(drills[2].drillId))).toContain('replays');
    expect(list.out.join('\n')).toContain('2 drill(s) would be quarantined');

    const one = await runCli(run, [drills[0].drillId, '--db', db]);
    expect(one.code).toBe(1);
    const text = one.out.join('\n');
    expect(text).toContain(`the first difference is at seq ${seqs[0]}`);
    expect(text).toContain('"state":"old-name"');
    expect(text).toContain(`doctor ${drills[0].drillId} --keep-read-only`);
    expect(text).toContain(`doctor ${drills[0].drillId} --fork`);
    expect((await runCli(run, [drills[2].drillId, '--db', db])).out.join('\n')).toContain('Nothing to do');
    const store = new SqliteStore(db);
    expect(await Promise.all(drills.map((d) => store.events(d.drillId)))).toEqual(logs);
    store.close();
  });

  it('keeps a drill read-only or forks it; the server then serves the fork with the team\'s seats and code', async () => {
    const { db, drills, logs } = await damagedStore();
    expect((await runCli(run, [drills[1].drillId, '--db', db, '--keep-read-only'])).code).toBe(0);
    const forked = await runCli(run, [drills[0].drillId, '--db', db, '--fork']);
    expect(forked.code).toBe(0);
    const out = forked.out.join('\n');
    const forkId = /Forked into drill (\S+):/.exec(out)![1];
    const facilitatorKey = /facilitator link \/drill\/\S+\?key=([\w-]+)&as=facilitator/.exec(out)![1];
    expect(out).toContain(`join code        ${drills[0].joinCode}`);

    const store = new SqliteStore(db);
    expect(await Promise.all(drills.map((d) => store.events(d.drillId)))).toEqual(logs); // the originals are untouched
    expect((await store.getDrill(drills[0].drillId))?.retired).toMatchObject({ kind: 'read-only', forkedTo: forkId });
    expect((await store.getDrill(forkId))).toMatchObject({ forkedFrom: drills[0].drillId, status: 'running' });
    const server = await startTestServer({ store });
    servers.push(server);
    expect(await server.app.restored).toMatchObject({ restored: [drills[2].drillId, forkId], failed: [] });
    // The originals answer read-only; their report still opens.
    const original = await fetch(`${server.url}/api/drills/${drills[0].drillId}`);
    expect(original.status).toBe(503);
    expect(await original.json()).toEqual({ error: { code: 'unavailable', message: READ_ONLY_MESSAGE } });
    expect((await fetch(`${server.url}/api/drills/${drills[1].drillId}/report.md?key=${drills[1].facilitatorKey}`)).status).toBe(200);
    // The fork: the new key, the same seat token, the same join code; the team carries on.
    const facilitator = await server.join({ as: 'facilitator', drillId: forkId, key: facilitatorKey });
    expect(facilitator.state!.machineState).toBe('detection');
    const ana = await server.join({ as: 'rejoin', drillId: forkId, token: drills[0].token });
    expect(ana.state!.roles.ops).toBe(ana.id);
    await ana.act({ type: 'chat.post', text: 'carrying on' });
    const ben = await new Player(await server.connect()).request('drill:join', { as: 'participant', code: drills[0].joinCode, name: 'Ben' });
    expect(ben).toMatchObject({ ok: true, data: { view: { drillId: forkId } } });
  });
});
