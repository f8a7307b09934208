import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import type { ApiErrorBody, Reply } from '../../shared/protocol/messages';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { Store } from '../../server/store/store';
import { Player, startTestServer, type TestServer } from './helpers';
import { TamperableStore } from './tamper';

const UNAVAILABLE = { code: 'unavailable', message: 'This drill could not be restored from its log; see the server log.' } as const;

const servers: TestServer[] = [];
const stores: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(store: Store): Promise<TestServer> {
  const server = await startTestServer({ store });
  servers.push(server);
  return server;
}

/** Plays a little of a drill: Ana joins, the drill starts, Ana acknowledges the page. Returns the drill. */
async function play(server: TestServer, end = false) {
  const { drill, facilitator, team: [ana] } = await server.open(['Ana']);
  await facilitator.act({ type: 'drill.start' });
  await ana.act({ type: 'inject.ack', injectId: 'first-page' });
  if (end) await facilitator.act({ type: 'drill.end' });
  return { ...drill, token: ana.token! };
}

async function joinReply(server: TestServer, request: Parameters<TestServer['join']>[0]): Promise<Reply<unknown>> {
  return new Player(await server.connect()).request('drill:join', request);
}

describe('a drill whose log does not restore', () => {
  it('answers 503 unavailable over HTTP and to every kind of join, while the other drills are served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-unavailable-'));
    dirs.push(dir);
    const file = join(dir, 'firedrill.db');
    const first = new SqliteStore(file);
    stores.push(first);
    const before = await start(first);
    const broken = await play(before);
    const healthy = await play(before);
    await before.close();

    // The disk mangles one stored event of the first drill while the server is down.
    const ack = (await first.events(broken.drillId)).find((e) => e.type === 'inject.ack')!;
    first.db.prepare('UPDATE events SET json = substr(json, 1, 25) WHERE drill_id = ? AND seq = ?').run(broken.drillId, ack.seq);
    first.close();

    const store = new SqliteStore(file);
    stores.push(store);
    const server = await start(store);
    expect(await server.app.restored).toEqual({ restored: [healthy.drillId], failed: [broken.drillId], expired: [], elsewhere: [] });
    expect(server.logger.lines.some((l) => l.startsWith(`error: drill ${broken.drillId}: quarantined, its log does not replay`))).toBe(true);

    const res = await fetch(`${server.url}/api/drills/${broken.drillId}?key=${broken.facilitatorKey}`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: UNAVAILABLE } satisfies ApiErrorBody);
    expect((await fetch(`${server.url}/api/drills/${broken.drillId}`)).status).toBe(503); // every time, not only the first

    const refused = { ok: false, error: UNAVAILABLE };
    expect(await joinReply(server, { as: 'facilitator', drillId: broken.drillId, key: broken.facilitatorKey })).toEqual(refused);
    expect(await joinReply(server, { as: 'observer', drillId: broken.drillId, key: broken.observerKey })).toEqual(refused);
    expect(await joinReply(server, { as: 'rejoin', drillId: broken.drillId, token: broken.token })).toEqual(refused);
    expect(await joinReply(server, { as: 'participant', code: broken.joinCode, name: 'Ben' })).toEqual(refused);

    // Unknown drills are still 404, and the healthy drill plays on.
    expect((await fetch(`${server.url}/api/drills/nope`)).status).toBe(404);
    expect(await joinReply(server, { as: 'facilitator', drillId: 'nope', key: broken.facilitatorKey })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await fetch(`${server.url}/api/drills/${healthy.drillId}`)).status).toBe(200);
    const ana = await server.join({ as: 'rejoin', drillId: healthy.drillId, token: healthy.token });
    await ana.act({ type: 'chat.post', text: 'still here' });
  });

  it('answers 503 for an ended drill found broken when it is first asked for', async () => {
    const store = new TamperableStore();
    stores.push(store);
    const before = await start(store);
    const drill = await play(before, true);
    await before.close();

    // An input that no longer replays: the acknowledged inject is not in the scenario (any more).
    const ack = (await store.events(drill.drillId)).find((e) => e.type === 'inject.ack')!;
    store.replaceEvent(drill.drillId, ack.seq, (e) => ({ ...e, injectId: 'renamed-page' }) as DrillEvent);

    const server = await start(store);
    expect(await server.app.restored).toEqual({ restored: [], failed: [], expired: [], elsewhere: [] }); // ended drills are loaded on demand
    const res = await fetch(`${server.url}/api/drills/${drill.drillId}`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: UNAVAILABLE });
    expect(server.logger.lines.filter((l) => l.includes('quarantined'))).toHaveLength(1);
    expect(await joinReply(server, { as: 'rejoin', drillId: drill.drillId, token: drill.token })).toEqual({ ok: false, error: UNAVAILABLE });
    expect(server.logger.lines.filter((l) => l.includes('quarantined'))).toHaveLength(1); // logged once
  });
});
