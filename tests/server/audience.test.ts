/**
 * The fan-out of a drill turn: each event is sent once per audience (the staff, and participants holding the same
 * roles), as one Socket.IO broadcast that is encoded once for all of that audience's sockets, never once per
 * socket. A role-only inject reaches that role's sockets and the staff, and nobody else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import { Player, startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every `drill:event` broadcast the server makes: the rooms it went to, and the event's seq. */
function recordBroadcasts(test: TestServer): { rooms: string[]; seq: number }[] {
  const sent: { rooms: string[]; seq: number }[] = [];
  const io = test.app.io;
  const to = io.to.bind(io);
  io.to = ((room: string | string[]) => {
    const operator = to(room);
    const emit = operator.emit.bind(operator) as (event: string, ...args: unknown[]) => boolean;
    (operator as { emit: unknown }).emit = (event: string, ...args: unknown[]) => {
      if (event === 'drill:event') sent.push({ rooms: [room].flat().sort(), seq: (args[0] as { event: DrillEvent }).event.seq });
      return emit(event, ...args);
    };
    return operator;
  }) as typeof io.to;
  return sent;
}

describe('fan-out per audience', () => {
  it('sends a role-only inject to that role\'s sockets and the staff only, and what everyone sees in one broadcast', async () => {
    server = await startTestServer();
    const { drill, facilitator } = await server.open();
    const observer = await server.join({ as: 'observer', drillId: drill.drillId, key: drill.observerKey });
    const ana = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ana' });
    const ben = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ben' });
    const cara = await server.join({ as: 'participant', code: drill.joinCode, name: 'Cara' });
    await ana.act({ type: 'role.claim', role: 'ops' });
    await ben.act({ type: 'role.claim', role: 'comms' });
    // Ana on a second device: the same seat, so the same audience.
    const anaPhone = await server.join({ as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    await facilitator.act({ type: 'drill.start' });
    const everyone = [facilitator, observer, ana, anaPhone, ben, cara];
    const seq = facilitator.state!.seq;
    for (const p of everyone) await p.until((x) => x.state!.seq >= seq || x.events.some((e) => e.seq === seq), 'the start');

    const sent = recordBroadcasts(server);
    await facilitator.act({ type: 'inject.send', to: ['ops'], channel: 'chat', title: 'For ops only', ack: true });
    const inject = facilitator.events.find((e) => e.type === 'inject.delivered' && e.title === 'For ops only')!;
    expect(inject).toBeDefined();
    for (const p of [observer, ana, anaPhone]) await p.until((x) => x.events.some((e) => e.seq === inject.seq), 'the inject');

    // Nobody else gets it, and their sequence carries on without a gap at the next event everyone sees.
    await ben.act({ type: 'chat.post', text: 'anything for comms?' });
    for (const p of everyone) await p.until((x) => x.state!.posts.length === 1, 'the post');
    for (const p of [ben, cara]) expect(p.events.map((e) => e.seq)).not.toContain(inject.seq);
    for (const p of everyone) expect(p.gaps).toEqual([]);
    expect(ana.state!.injects.map((i) => i.title)).toContain('For ops only');
    expect(cara.state!.injects.map((i) => i.title)).not.toContain('For ops only');

    // One broadcast to the staff's sockets (who also saw the facilitator's inject.send just before it) and one to
    // Ana's two: encoded once per audience.
    const ids = (...players: Player[]) => players.map((p) => p.socket.id!).sort();
    const bySize = (a: string[], b: string[]) => a.length - b.length || a[0].localeCompare(b[0]);
    expect(sent.filter((s) => s.seq === inject.seq).map((s) => s.rooms).sort(bySize)).toEqual([ids(ana, anaPhone), ids(facilitator, observer)].sort(bySize));
    // The war-room post is the same message for every audience that has seen the same events so far, whatever
    // roles it holds: one broadcast to the staff and Ana (ops), one to Ben (comms) and Cara (no role).
    const post = ben.events.find((e) => e.type === 'chat.post')!;
    expect(sent.filter((s) => s.seq === post.seq).map((s) => s.rooms).sort(bySize)).toEqual([ids(ben, cara), ids(facilitator, observer, ana, anaPhone)].sort(bySize));
  });
});
