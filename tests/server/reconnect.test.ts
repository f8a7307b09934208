import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_WINDOW_MS } from '../../server/app';
import { Player, startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function drillWithAna() {
  server = await startTestServer();
  const { drill, facilitator } = await server.open();
  const ana = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ana' }, { reconnection: true, reconnectionDelay: 300 });
  const ben = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ben' });
  await ana.act({ type: 'role.claim', role: 'ops' });
  await facilitator.act({ type: 'drill.start' });
  await facilitator.until((p) => p.presence.at(-1)?.length === 2, 'both online');
  return { drill, facilitator, ana, ben };
}

/** Cuts Ana's transport the way a flaky network does (Socket.IO treats it as recoverable). */
async function cut(ana: Player, facilitator: Player) {
  ana.socket.io.engine.close();
  await facilitator.until((p) => p.presence.at(-1)?.length === 1, 'Ana offline');
}

describe('reconnecting', () => {
  it('recovers a dropped connection: missed events are replayed without a gap', async () => {
    const { facilitator, ana, ben } = await drillWithAna();
    await cut(ana, facilitator);
    await ben.act({ type: 'chat.post', text: 'said while Ana was away' });
    await ana.until((p) => p.socket.connected, 'reconnected');
    expect(ana.socket.recovered).toBe(true);
    await ana.until((p) => p.events.some((e) => e.type === 'chat.post'), 'the missed message');
    expect(ana.gaps).toEqual([]);
    expect(ana.views).toHaveLength(1); // only the one from claiming ops: recovery needs no full view
    await facilitator.until((p) => p.presence.at(-1)?.length === 2, 'Ana back online');
    await ana.act({ type: 'chat.post', text: 'back' });
  });

  it('gives a socket whose place expired a full view when it is recovered', async () => {
    const { facilitator, ana, ben } = await drillWithAna();
    await cut(ana, facilitator);
    server!.clock.advance(RECOVERY_WINDOW_MS + 20_000); // the server forgets Ana's place; Socket.IO (real time) still has the session
    await ben.act({ type: 'chat.post', text: 'said while Ana was away' });
    await ana.until((p) => p.views.length === 2, 'a fresh view');
    expect(ana.socket.recovered).toBe(true);
    expect(ana.state!.posts.map((p) => p.text)).toContain('said while Ana was away');
    expect(ana.gaps).toEqual([]);
  });

  it('lets a participant come back with their token: same identity, same roles, full view', async () => {
    const { drill, facilitator, ana } = await drillWithAna();
    ana.socket.disconnect();
    await facilitator.until((p) => p.presence.at(-1)?.length === 1, 'Ana offline');
    await facilitator.act({ type: 'inject.send', to: ['ops'], channel: 'chat', title: 'For ops only', ack: true });

    const again = new Player(await server!.connect());
    const reply = await again.request('drill:join', { as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    again.accept(reply.data.view);
    expect(reply.data.view.identity).toEqual({ kind: 'participant', participantId: ana.id, name: 'Ana' });
    expect(reply.data.view.state.roles.ops).toBe(ana.id);
    expect(again.injectIds()).toContain('adhoc-' + facilitator.events.find((e) => e.type === 'inject.send')!.seq);
    await facilitator.until((p) => p.presence.at(-1)?.includes(ana.id!), 'Ana online again');
    // The roster did not grow: rejoining is not joining.
    expect(Object.keys(facilitator.state!.participants)).toHaveLength(2);
    await again.act({ type: 'inject.ack', injectId: again.state!.injects.at(-1)!.injectId });
  });

  it('answers a resync with the full view whatever `since` says (validated, reserved, ignored)', async () => {
    const { ana, ben } = await drillWithAna();
    await ben.act({ type: 'chat.post', text: 'first' });
    await ana.until((p) => p.state!.posts.length === 1, 'the first post');
    const seq = ana.state!.seq;
    for (const since of [seq, seq - 1, 0, 1_000_000]) {
      const reply = await ana.request('drill:resync', { since });
      expect(reply.ok).toBe(true);
      if (!reply.ok) return;
      // The whole state, not the events after `since`: the post from before `since` is in it.
      expect(reply.data.state).toEqual(ana.state);
      expect(reply.data.identity).toEqual(ana.view!.identity);
    }
    for (const since of [-1, 1.5, 'all']) {
      const reply = await ana.request('drill:resync', { since } as never);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
    }
    await ben.act({ type: 'chat.post', text: 'after the resyncs' });
    await ana.until((p) => p.state!.posts.length === 2, 'the next post');
    expect(ana.gaps).toEqual([]);
  });

  it('answers a resync with the full view and continues the event sequence from it', async () => {
    const { ana, ben } = await drillWithAna();
    const reply = await ana.request('drill:resync', {});
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    ana.accept(reply.data);
    await ben.act({ type: 'chat.post', text: 'after the resync' });
    await ana.until((p) => p.state!.posts.length === 1, 'the post');
    expect(ana.gaps).toEqual([]);
  });

  it('sends a burst of joins as two presence lists, the last one with everyone', async () => {
    // A hold long enough that all eight joins land inside it on a slow machine (they take milliseconds).
    server = await startTestServer({ presenceEveryMs: 2000 });
    const { drill, facilitator } = await server.open();
    const names = ['Ana', 'Ben', 'Cy', 'Dee', 'Eli', 'Flo', 'Gus', 'Hal'];
    const team = await Promise.all(names.map((name) => server!.join({ as: 'participant', code: drill.joinCode, name })));
    await facilitator.until((p) => p.presence.at(-1)?.length === names.length, 'everyone online', 10_000);
    // One list per join would be eight: the first went out at once, the other seven changes waited for the hold.
    expect(facilitator.presence).toHaveLength(2);
    expect(facilitator.presence[0]).toHaveLength(1);
    expect(facilitator.presence[1]).toEqual(team.map((p) => p.id).sort());
    // Whoever joined last had the whole list in the view their join answered with.
    expect(Math.max(...team.map((p) => p.view!.online.length))).toBe(names.length);
  });
});
