/**
 * The fan-out of a drill turn: what a turn changed goes to each audience (the staff, and participants holding the
 * same roles) as one `drill:turn` message, in one Socket.IO broadcast that is encoded once for all of that
 * audience's sockets, never once per socket or once per event. A role-only inject reaches that role's sockets and
 * the staff, and nobody else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TurnMessage } from '../../shared/protocol/messages';
import { Player, startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every `drill:turn` broadcast the server makes: the rooms it went to, and the seqs of its events. */
function recordBroadcasts(test: TestServer): { rooms: string[]; seqs: number[] }[] {
  const sent: { rooms: string[]; seqs: number[] }[] = [];
  const io = test.app.io;
  const to = io.to.bind(io);
  io.to = ((room: string | string[]) => {
    const operator = to(room);
    const emit = operator.emit.bind(operator) as (event: string, ...args: unknown[]) => boolean;
    (operator as { emit: unknown }).emit = (event: string, ...args: unknown[]) => {
      if (event === 'drill:turn') sent.push({ rooms: [room].flat().sort(), seqs: (args[0] as TurnMessage).events.map((e) => e.seq) });
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

    // One broadcast to the staff's sockets (with the facilitator's inject.send before it, in the same message) and
    // one to Ana's two: encoded once per audience.
    const ids = (...players: Player[]) => players.map((p) => p.socket.id!).sort();
    const bySize = (a: string[], b: string[]) => a.length - b.length || a[0].localeCompare(b[0]);
    expect(sent.filter((s) => s.seqs.includes(inject.seq)).map((s) => s.rooms).sort(bySize)).toEqual([ids(ana, anaPhone), ids(facilitator, observer)].sort(bySize));
    // The war-room post is the same message for every audience that has seen the same events so far, whatever
    // roles it holds: one broadcast to the staff and Ana (ops), one to Ben (comms) and Cara (no role).
    const post = ben.events.find((e) => e.type === 'chat.post')!;
    expect(sent.filter((s) => s.seqs.includes(post.seq)).map((s) => s.rooms).sort(bySize)).toEqual([ids(ben, cara), ids(facilitator, observer, ana, anaPhone)].sort(bySize));
  });

  it('sends what one turn changed as one message a socket: its events, the clock and the staff\'s schedule together', async () => {
    server = await startTestServer();
    const { drill, facilitator, team: [ana, ben] } = await server.open(['Ana', 'Ben']);
    const observer = await server.join({ as: 'observer', drillId: drill.drillId, key: drill.observerKey });
    await facilitator.act({ type: 'drill.speed', speed: 10 });
    const everyone = [facilitator, observer, ana, ben];
    for (const p of everyone) await p.until((x) => x.clocks.at(-1)?.speed === 10, 'the new speed');
    for (const p of everyone) p.turns.length = 0;

    // The start is one turn with several events (the start, the scenario's first state, its injects due at once)
    // and a clock change: one message to each socket, not one per event plus the clock plus the schedule.
    await facilitator.act({ type: 'drill.start' });
    for (const p of everyone) await p.until((x) => x.turns.length > 0 && x.state!.status === 'running', 'the start');
    const start = facilitator.events.find((e) => e.type === 'drill.start')!;
    const staffTurn = facilitator.turns.find((t) => t.events.some((e) => e.seq === start.seq))!;
    expect(staffTurn.events.length).toBeGreaterThan(1);
    expect(staffTurn.clock).toMatchObject({ status: 'running', speed: 10 });
    expect(staffTurn.upcoming?.length).toBeGreaterThan(0);
    for (const p of [facilitator, observer, ana, ben]) {
      const turns = p.turns.filter((t) => t.events.some((e) => e.seq === start.seq));
      expect(turns).toHaveLength(1);
      expect(turns[0].clock).toEqual(staffTurn.clock);
      expect(p.gaps).toEqual([]);
    }
    // Participants get the clock, never the schedule ahead.
    for (const p of [ana, ben]) expect(p.turns.every((t) => t.upcoming === undefined)).toBe(true);
    expect(observer.turns.find((t) => t.events.some((e) => e.seq === start.seq))!.upcoming).toEqual(staffTurn.upcoming);

    // A pause changes the clock with one event: still one message a socket, with both.
    for (const p of everyone) p.turns.length = 0;
    await facilitator.act({ type: 'drill.pause' });
    for (const p of everyone) await p.until((x) => x.state!.status === 'paused', 'the pause');
    for (const p of everyone) {
      expect(p.turns).toHaveLength(1);
      expect(p.turns[0].events.map((e) => e.type)).toEqual(['drill.pause']);
      expect(p.turns[0].clock?.status).toBe('paused');
    }
  });
});
