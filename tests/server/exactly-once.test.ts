import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/protocol/messages';
import { commandId, startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const POST = { type: 'status.post', phase: 'investigating', text: 'Checkout is failing; we are on it. Next update in 15 minutes.' } as const;

describe('exactly-once commands (issue 16, defect 3)', () => {
  it('answers a retry with the same id with the original seq, from the same socket or a new one, and applies it once', async () => {
    server = await startTestServer();
    const { drill, facilitator, team: [ana] } = await server.open(['Ana']);
    await facilitator.act({ type: 'drill.start' });
    const id = commandId();
    // The same command twice at once (a double click, or a retry racing the first attempt) and then again later.
    const [a, b] = await Promise.all([ana.request('drill:command', { id, command: POST }), ana.request('drill:command', { id, command: POST })]);
    expect(a).toEqual(b);
    const seq = (a as Extract<Reply<{ seq: number }>, { ok: true }>).data.seq;
    // The socket drops; the browser comes back on a new socket with its token and retries with the same id.
    ana.socket.disconnect();
    const again = await server.join({ as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    expect(await again.request('drill:command', { id, command: POST })).toEqual({ ok: true, data: { seq } });
    const posts = (await server.store.events(drill.drillId)).filter((e) => e.type === 'status.post');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ seq, cid: id });
    await facilitator.sync();
    expect(facilitator.state!.posts).toHaveLength(1);
  });

  it('refuses an id reused for another command, and keeps ids apart between senders', async () => {
    server = await startTestServer();
    const drill = await server.createDrill();
    const ana = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ana' });
    const ben = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ben' });
    const id = commandId();
    await ana.act({ type: 'chat.post', text: 'first' }, id);
    expect(await ana.request('drill:command', { id, command: { type: 'chat.post', text: 'second' } })).toEqual({
      ok: false, error: { code: 'conflict', message: 'This command id was already used for a different command; send it with a new id.' },
    });
    // Ben happens to pick the same id: it is his own command.
    await ben.act({ type: 'chat.post', text: 'first' }, id);
    expect((await server.store.events(drill.drillId)).filter((e) => e.type === 'chat.post').map((e) => (e as { text: string }).text)).toEqual(['first', 'first']);
  });

  it('remembers command ids across a restart: the replayed log knows them', async () => {
    server = await startTestServer();
    const drill = await server.createDrill();
    const ana = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ana' });
    const id = commandId();
    const seq = await ana.act({ type: 'chat.post', text: 'once' }, id);
    const store = server.store;
    await server.app.close();
    const second = await startTestServer({ store, clock: server.clock });
    const back = await second.join({ as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    expect(await back.request('drill:command', { id, command: { type: 'chat.post', text: 'once' } })).toEqual({ ok: true, data: { seq } });
    expect((await store.events(drill.drillId)).filter((e) => e.type === 'chat.post')).toHaveLength(1);
    server = second;
  });

  it('keeps a refused command retryable: nothing was stored, so the retry is judged afresh', async () => {
    server = await startTestServer();
    const { facilitator, team: [ana] } = await server.open(['Ana']);
    const id = commandId();
    expect(await ana.request('drill:command', { id, command: POST })).toMatchObject({ ok: false, error: { code: 'not-running' } });
    await facilitator.act({ type: 'drill.start' });
    expect(await ana.request('drill:command', { id, command: POST })).toMatchObject({ ok: true });
  });
});
