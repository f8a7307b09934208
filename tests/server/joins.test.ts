import { io as connectClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/protocol/messages';
import { Player, startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A code that is not the drill's: same alphabet, another value. */
const wrongCode = (code: string, i: number) => {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const n = (alphabet.indexOf(code[0]) + 1 + (i % 30)) % alphabet.length;
  return `${alphabet[n]}${alphabet[(i * 7) % alphabet.length]}${alphabet[(i * 13) % alphabet.length]}-XYZ`;
};

describe('joins that cannot be guessed (issue 16, defect 4)', () => {
  it('counts failed joins per address across sockets: a fresh socket is not a fresh allowance, and the wait doubles', async () => {
    server = await startTestServer();
    const drill = await server.createDrill();
    const replies: Reply<unknown>[] = [];
    // The reproduction: one address, a new socket for every few guesses (each socket has its own request bucket).
    for (let socket = 0; socket < 8; socket++) {
      const guesser = new Player(await server.connect());
      for (let i = 0; i < 5; i++) replies.push(await guesser.request('drill:join', { as: 'participant', code: wrongCode(drill.joinCode, socket * 5 + i), name: 'Mallory' }));
      guesser.socket.disconnect();
    }
    const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.slice(0, 6)).toEqual(['not-found', 'not-found', 'not-found', 'not-found', 'not-found', 'not-found']);
    expect(codes.slice(6).every((c) => c === 'rate-limited')).toBe(true); // 34 guesses refused without looking
    expect(replies[6]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Too many wrong join codes from your network\. Try again in 1 second/) } });
    expect(server.logger.lines.some((l) => l.includes('6 failed joins from 127.0.0.1'))).toBe(true);

    // Even the right code waits now: a hit cannot be found faster by guessing it.
    const ana = new Player(await server.connect());
    expect(await ana.request('drill:join', { as: 'participant', code: drill.joinCode, name: 'Ana' })).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    // After the wait one more guess; a wrong one doubles the wait (1 s, 2 s, 4 s…).
    server.clock.advance(1000);
    expect(await ana.request('drill:join', { as: 'participant', code: wrongCode(drill.joinCode, 99), name: 'Ana' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    server.clock.advance(1999);
    expect(await ana.request('drill:join', { as: 'participant', code: drill.joinCode, name: 'Ana' })).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    server.clock.advance(1);
    expect(await ana.request('drill:join', { as: 'participant', code: drill.joinCode, name: 'Ana' })).toMatchObject({ ok: true });
    // Joining a drill of one's own does not reset the count.
    expect(await new Player(await server.connect()).request('drill:join', { as: 'participant', code: wrongCode(drill.joinCode, 5), name: 'M' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await new Player(await server.connect()).request('drill:join', { as: 'participant', code: drill.joinCode, name: 'M' })).toMatchObject({ ok: false, error: { code: 'rate-limited', message: expect.stringContaining('4 seconds') } });
    // Keys and tokens are not slowed (they cannot be guessed), but a wrong one counts.
    const staff = new Player(await server.connect());
    expect(await staff.request('drill:join', { as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey })).toMatchObject({ ok: true });
  });

  it('caps the participants of a drill: ten sockets cannot fill it past the limit (issue 16, defect 5)', async () => {
    server = await startTestServer({ maxParticipants: 50 });
    const drill = await server.createDrill();
    const sockets = await Promise.all(Array.from({ length: 10 }, async () => new Player(await server!.connect())));
    const replies = await Promise.all(sockets.flatMap((p, s) => Array.from({ length: 7 }, (_, i) => p.request('drill:join', { as: 'participant', code: drill.joinCode, name: `Bot ${s}-${i}` }))));
    expect(replies.filter((r) => r.ok)).toHaveLength(50);
    const refused = replies.filter((r) => !r.ok);
    expect(refused).toHaveLength(20);
    expect(refused[0]).toEqual({ ok: false, error: { code: 'conflict', message: 'This drill is full: it has 50 participants, the most one drill takes. Ask the facilitator to run a second drill for the others.' } });
    expect((await server.store.events(drill.drillId)).filter((e) => e.type === 'participant.join')).toHaveLength(50);
    // A participant who is in comes back.
    const first = replies.find((r) => r.ok) as Extract<Reply<{ token?: string }>, { ok: true }>;
    expect(await new Player(await server.connect()).request('drill:join', { as: 'rejoin', drillId: drill.drillId, token: first.data.token! })).toMatchObject({ ok: true });
  });
});

describe('socket origins (issue 16, defect 4)', () => {
  const open = (url: string, origin?: string) => new Promise<string>((resolve) => {
    const socket = connectClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, ...(origin ? { extraHeaders: { origin } } : {}) });
    socket.once('connect', () => { socket.disconnect(); resolve('connected'); });
    socket.once('connect_error', (error) => { socket.disconnect(); resolve(`refused: ${error.message}`); });
  });

  it('lets only the server\'s own origin and configured extra origins open a socket; scripts without an Origin still connect', async () => {
    server = await startTestServer({ allowedOrigins: ['https://drills.example.com'] });
    const own = new URL(server.url);
    expect(await open(server.url)).toBe('connected');
    expect(await open(server.url, own.origin)).toBe('connected');
    expect(await open(server.url, 'https://drills.example.com')).toBe('connected');
    expect(await open(server.url, 'https://evil.example')).toMatch(/^refused/);
    expect(await open(server.url, `http://${own.hostname}:1`)).toMatch(/^refused/);
    expect(await open(server.url, 'null')).toMatch(/^refused/);
    expect(server.logger.lines.filter((l) => l.includes('socket refused for origin https://evil.example'))).toHaveLength(1);
    // Long polling is checked too.
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
    expect(polling.status).toBe(403);
    expect((await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: own.origin } })).status).toBe(200);
  });
});
