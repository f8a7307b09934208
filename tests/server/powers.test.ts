import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitatorCommand } from '../../shared/drill/commands';
import type { CommandRequest, Reply } from '../../shared/protocol/messages';
import { commandId, startTestServer, Player, type TestServer } from './helpers';

/** One valid instance of every facilitator command. */
const FACILITATOR_COMMANDS: FacilitatorCommand[] = [
  { type: 'drill.start' },
  { type: 'drill.pause' },
  { type: 'drill.resume' },
  { type: 'drill.end' },
  { type: 'drill.speed', speed: 10 },
  { type: 'inject.send', to: ['all'], channel: 'chat', title: 'Surprise', ack: false },
  { type: 'note.add', text: 'The team froze for a minute' },
  { type: 'participant.rename', participantId: 'p-someone', name: 'Someone else' },
  { type: 'participant.remove', participantId: 'p-someone' },
  { type: 'participant.merge', participantId: 'p-someone', into: 'p-other' },
  { type: 'evaluators.set', observers: true },
];

let server: TestServer;
let drillA: Awaited<ReturnType<TestServer['createDrill']>>;
let drillB: Awaited<ReturnType<TestServer['createDrill']>>;
const senders = new Map<string, Player>();

const logLength = () => server.app.registry.loaded(drillA.drillId)!.log.length;
const storedLength = async () => (await server.store.events(drillA.drillId)).length;

beforeAll(async () => {
  // Generous rate limit: this file sends many refused commands from few sockets on a clock that stands still.
  server = await startTestServer({ rateLimit: { perSecond: 1000, burst: 1000 } });
  drillA = await server.createDrill();
  drillB = await server.createDrill();
  const facilitatorA = await server.join({ as: 'facilitator', drillId: drillA.drillId, key: drillA.facilitatorKey });
  await facilitatorA.act({ type: 'drill.start' });
  senders.set('participant', await server.join({ as: 'participant', code: drillA.joinCode, name: 'Pat' }));
  senders.set('observer', await server.join({ as: 'observer', drillId: drillA.drillId, key: drillA.observerKey }));

  // B's facilitator presents B's key for drill A: refused, so the socket stays outside A.
  const other = new Player(await server.connect());
  const refused = await other.request('drill:join', { as: 'facilitator', drillId: drillA.drillId, key: drillB.facilitatorKey });
  expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  senders.set("other drill's facilitator", other);
  senders.set('no join', new Player(await server.connect()));
});
afterAll(() => server.close());

const EXPECTED: Record<string, { code: string; message: RegExp }> = {
  participant: { code: 'forbidden', message: /^Only the facilitator can / },
  observer: { code: 'forbidden', message: /Observers watch the drill/ },
  "other drill's facilitator": { code: 'unauthorized', message: /Join a drill before/ },
  'no join': { code: 'unauthorized', message: /Join a drill before/ },
};

describe('separation of powers', () => {
  const cases = FACILITATOR_COMMANDS.flatMap((command) => Object.keys(EXPECTED).map((who) => [command.type, who, command] as const));

  it.each(cases)('%s from %s is refused and changes nothing', async (_type, who, command) => {
    const before = { log: logLength(), stored: (await storedLength()) };
    const reply = await senders.get(who)!.request('drill:command', { id: commandId(), command });
    expect(reply).toMatchObject({ ok: false, error: EXPECTED[who] });
    expect({ log: logLength(), stored: (await storedLength()) }).toEqual(before);
  });

  it('refuses observers every team action', async () => {
    const before = logLength();
    for (const command of [
      { type: 'chat.post', text: 'hi' }, { type: 'role.claim', role: 'ic' }, { type: 'inject.ack', injectId: 'first-page' },
      { type: 'incident.declare', status: 'mitigated' }, { type: 'action-item.add', text: 'x', owner: 'y' },
    ] as const) {
      const reply = await senders.get('observer')!.request('drill:command', { id: commandId(), command });
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(logLength()).toBe(before);
  });

  it('lets participants act only as themselves', async () => {
    const pat = senders.get('participant')!;
    const kim = await server.join({ as: 'participant', code: drillA.joinCode, name: 'Kim' });
    await kim.act({ type: 'role.claim', role: 'comms' });
    const before = logLength();
    const refusals = await Promise.all([
      pat.request('drill:command', { id: commandId(), command: { type: 'role.release', role: 'comms' } }),
      pat.request('drill:command', { id: commandId(), command: { type: 'role.assign', role: 'comms', participantId: pat.id! } }),
      pat.request('drill:command', { id: commandId(), command: { type: 'role.claim', role: 'comms' } }),
    ]);
    expect(refusals.map((r) => !r.ok && r.error.code)).toEqual(['conflict', 'forbidden', 'conflict']);
    for (const r of refusals) expect(!r.ok && r.error.message.length).toBeGreaterThan(10);
    expect(logLength()).toBe(before);
  });

  it('never lets a socket act in or read another drill', async () => {
    const facilitatorB = await server.join({ as: 'facilitator', drillId: drillB.drillId, key: drillB.facilitatorKey });
    const before = logLength();
    await facilitatorB.act({ type: 'drill.start' });
    await facilitatorB.act({ type: 'note.add', text: 'only in B' });
    expect(logLength()).toBe(before);
    expect((await server.app.registry.get(drillB.drillId))!.state.notes.map((n) => n.text)).toEqual(['only in B']);
    // A socket in B hears nothing of A.
    const aBefore = facilitatorB.events.length;
    await senders.get('participant')!.act({ type: 'chat.post', text: 'in A' });
    await facilitatorB.sync();
    expect(facilitatorB.events.length).toBe(aBefore);
    expect(facilitatorB.view?.drillId).toBe(drillB.drillId);
    // A participant token of A does not open B.
    const pat = senders.get('participant')!;
    const rejoin = await new Player(await server.connect()).request('drill:join', { as: 'rejoin', drillId: drillB.drillId, token: pat.token! });
    expect(rejoin).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

/**
 * The commands of format round two, by sender: what each identity is answered. `ok` is accepted (logged once,
 * stored once); otherwise the code and the words. The participant holds no role.
 */
type Expect = 'ok' | { code: string; message: RegExp };
const ROUND_TWO: { command: CommandRequest['command']; expect: Record<string, Expect> }[] = [
  {
    command: { type: 'decision.make', injectId: 'first-page', option: 'now' },
    expect: {
      facilitator: { code: 'forbidden', message: /team makes this call/ },
      participant: { code: 'invalid', message: /asks for no decision/ },
      'observer (not allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
      'observer (allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
    },
  },
  {
    command: { type: 'incident.retract', status: 'mitigated', reason: 'Errors are back' },
    expect: {
      facilitator: { code: 'conflict', message: /nothing to retract/ },
      participant: { code: 'forbidden', message: /^Only the Incident Commander can retract the mitigated declaration\. Claim the role; nobody holds it yet\.$/ },
      'observer (not allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
      'observer (allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
    },
  },
  {
    command: { type: 'incident.declare', status: 'mitigated' },
    expect: {
      participant: { code: 'forbidden', message: /^Only the Incident Commander can declare the incident mitigated\./ },
      'observer (allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
    },
  },
  {
    command: { type: 'severity.set', severity: 'SEV3' },
    expect: {
      participant: { code: 'forbidden', message: /^Only the Incident Commander can change the severity\./ },
      'observer (allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
    },
  },
  {
    command: { type: 'score.override', target: { objective: 'first-update' }, value: { rating: 'S' }, note: 'Posted on time in the room' },
    expect: {
      facilitator: 'ok',
      participant: { code: 'forbidden', message: /Only the facilitator \(and observers the facilitator allows\)/ },
      'observer (not allowed)': { code: 'forbidden', message: /has not allowed observers to override scores/ },
      'observer (allowed)': 'ok',
    },
  },
  {
    command: { type: 'evaluators.set', observers: false },
    expect: {
      facilitator: 'ok',
      participant: { code: 'forbidden', message: /^Only the facilitator can let observers override scores\.$/ },
      'observer (not allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
      'observer (allowed)': { code: 'forbidden', message: /Observers watch the drill/ },
    },
  },
];

describe('the commands of round two, by sender', () => {
  let drill: Awaited<ReturnType<TestServer['createDrill']>>;
  const who = new Map<string, Player>();
  const length = () => server.app.registry.loaded(drill.drillId)!.log.length;
  const stored = async () => (await server.store.events(drill.drillId)).length;
  const observersAllowed = () => server.app.registry.loaded(drill.drillId)!.state.evaluators.observers;

  beforeAll(async () => {
    drill = await server.createDrill();
    const facilitator = await server.join({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
    await facilitator.act({ type: 'drill.start' });
    who.set('facilitator', facilitator);
    who.set('participant', await server.join({ as: 'participant', code: drill.joinCode, name: 'Pat' }));
    who.set('observer', await server.join({ as: 'observer', drillId: drill.drillId, key: drill.observerKey }));
  });

  const cases = ROUND_TWO.flatMap(({ command, expect: answers }) => Object.entries(answers).map(([sender, answer]) => [command.type, sender, command, answer] as const));

  it.each(cases)('%s from %s', async (_type, sender, command, answer) => {
    const facilitator = who.get('facilitator')!;
    // Put the drill in the state the sender's case needs: observers allowed or not.
    const allowed = sender === 'observer (allowed)' || (command.type === 'evaluators.set' && sender === 'facilitator');
    if (observersAllowed() !== allowed) await facilitator.act({ type: 'evaluators.set', observers: allowed });
    const before = { log: length(), stored: await stored() };
    const reply = await who.get(sender.startsWith('observer') ? 'observer' : sender)!.request('drill:command', { id: commandId(), command });
    if (answer === 'ok') {
      expect(reply).toMatchObject({ ok: true });
      expect({ log: length(), stored: await stored() }).toEqual({ log: before.log + 1, stored: before.stored + 1 });
      expect((await server.app.registry.get(drill.drillId))!.log.at(-1)).toMatchObject({ ...command, by: { kind: sender.startsWith('observer') ? 'observer' : 'facilitator' } });
    } else {
      expect(reply).toMatchObject({ ok: false, error: { code: answer.code } });
      expect(!reply.ok && reply.error.message).toMatch(answer.message);
      expect({ log: length(), stored: await stored() }).toEqual(before);
    }
  });

  const outsiders = ROUND_TWO.flatMap(({ command }) => ["other drill's facilitator", 'no join'].map((sender) => [command.type, sender, command] as const));
  it.each(outsiders)('%s from %s is unauthorized and changes nothing', async (_type, sender, command) => {
    const before = { a: logLength(), stored: (await storedLength()), drill: length() };
    const reply = await senders.get(sender)!.request('drill:command', { id: commandId(), command });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/Join a drill before/) } });
    expect({ a: logLength(), stored: (await storedLength()), drill: length() }).toEqual(before);
  });

  it('sends overrides and the evaluator setting to staff only', async () => {
    const participant = who.get('participant')!;
    const observer = who.get('observer')!;
    await who.get('facilitator')!.sync();
    await observer.sync();
    await participant.sync();
    for (const type of ['score.override', 'evaluators.set']) {
      expect(observer.events.some((e) => e.type === type), type).toBe(true);
      expect(participant.events.some((e) => e.type === type), type).toBe(false);
    }
    expect(participant.state!.overrides).toEqual([]);
    expect(observer.state!.overrides.length).toBeGreaterThan(0);
  });
});

describe('malformed and oversized requests', () => {
  const pat = () => senders.get('participant')!;

  const MALFORMED: [string, unknown][] = [
    ['nothing', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'drill.start'],
    ['an array', [1, 2]],
    ['no command', { id: 'cmd-12345678' }],
    ['no command id', { command: { type: 'chat.post', text: 'hi' } }],
    ['a command id too short', { id: 'x', command: { type: 'chat.post', text: 'hi' } }],
    ['a command id with odd characters', { id: 'cmd 1234 5678', command: { type: 'chat.post', text: 'hi' } }],
    ['a blank text of zero-width spaces', { id: 'cmd-12345678', command: { type: 'chat.post', text: '\u200b'.repeat(100) } }],
    ['a lone surrogate', { id: 'cmd-12345678', command: { type: 'chat.post', text: 'ok \ud800 ok' } }],
    ['an inject to 2,500 targets', { id: 'cmd-12345678', command: { type: 'inject.send', title: 'x', to: Array(2500).fill('all') } }],
    ['an unknown command', { id: 'cmd-12345678', command: { type: 'drill.explode' } }],
    ['a wrong field type', { id: 'cmd-12345678', command: { type: 'chat.post', text: 5 } }],
    ['an extra field', { id: 'cmd-12345678', command: { type: 'chat.post', text: 'hi', by: { kind: 'facilitator' } } }],
    ['an empty text', { id: 'cmd-12345678', command: { type: 'chat.post', text: '   ' } }],
    ['a text over its limit', { id: 'cmd-12345678', command: { type: 'chat.post', text: 'x'.repeat(1001) } }],
    ['a bad enum', { id: 'cmd-12345678', command: { type: 'status.post', phase: 'panicking', text: 'hi' } }],
  ];

  it.each(MALFORMED)('drill:command with %s is refused as invalid', async (_what, payload) => {
    const before = logLength();
    const reply = (await pat().request('drill:command', payload as never)) as Reply<unknown>;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.code).toBe('invalid');
    expect(!reply.ok && reply.error.message).toBeTruthy();
    expect(logLength()).toBe(before);
  });

  it.each([
    ['nothing', undefined],
    ['an unknown kind', { as: 'admin', drillId: 'x' }],
    ['a bad join code', { as: 'participant', code: 'nope', name: 'Al' }],
    ['an empty name', { as: 'participant', code: 'ABC-DEF', name: ' ' }],
    ['a short key', { as: 'facilitator', drillId: 'x', key: 'short' }],
  ])('drill:join with %s is refused as invalid', async (_what, payload) => {
    const reply = (await pat().request('drill:join', payload as never)) as Reply<unknown>;
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('explains an unknown join code, a wrong key and a wrong token', async () => {
    const p = new Player(await server.connect());
    expect(await p.request('drill:join', { as: 'participant', code: 'ZZZ-ZZZ', name: 'Al' })).toMatchObject({ ok: false, error: { code: 'not-found', message: /Check the code with your facilitator/ } });
    expect(await p.request('drill:join', { as: 'observer', drillId: drillA.drillId, key: drillA.facilitatorKey.slice(1) + 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await p.request('drill:join', { as: 'rejoin', drillId: drillA.drillId, token: 'x'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await p.request('drill:join', { as: 'facilitator', drillId: 'no-such-drill', key: drillA.facilitatorKey })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a payload above the request limit as too large', async () => {
    const before = logLength();
    const reply = (await pat().request('drill:command', { id: commandId(), command: { type: 'chat.post', text: 'x'.repeat(20_000) } })) as Reply<unknown>;
    expect(reply).toMatchObject({ ok: false, error: { code: 'too-large' } });
    expect(logLength()).toBe(before);
  });

  it('survives requests without an ack and messages above the Socket.IO cap', async () => {
    const before = logLength();
    const p = pat();
    p.socket.emit('drill:command', { id: commandId(), command: { type: 'chat.post', text: 'no ack' } } as never, undefined as never);
    (p.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('drill:command');
    (p.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('drill:resync', 1, 2, 3);
    const big = await server.connect();
    const closed = new Promise((resolve) => big.once('disconnect', resolve));
    (big as unknown as { emit(e: string, ...a: unknown[]): void }).emit('drill:command', { id: commandId(), command: { type: 'chat.post', text: 'x'.repeat(100_000) } }, () => {});
    expect(await closed).toBeTruthy();
    // The server is still here, and only the valid message without an ack was taken.
    await p.act({ type: 'chat.post', text: 'still here' });
    expect(logLength()).toBe(before + 2);
    expect((await server.app.registry.get(drillA.drillId))!.log.at(-2)).toMatchObject({ type: 'chat.post', text: 'no ack' });
  });

  it('rate-limits a flood per socket and recovers as tokens refill', async () => {
    const limited = await startTestServer({ rateLimit: { perSecond: 10, burst: 20 } });
    try {
      const drill = await limited.createDrill();
      const p = await limited.join({ as: 'participant', code: drill.joinCode, name: 'Flo' });
      const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => p.request('drill:command', { id: commandId(), command: { type: 'chat.post', text: `msg ${i}` } })));
      const limitedReplies = replies.filter((r) => !r.ok && r.error.code === 'rate-limited');
      // The join took one token of the burst of 20.
      expect(replies.filter((r) => r.ok)).toHaveLength(19);
      expect(limitedReplies).toHaveLength(11);
      const live = (await limited.app.registry.get(drill.drillId))!;
      expect(live.log.filter((e) => e.type === 'chat.post')).toHaveLength(19);
      limited.clock.advance(1000);
      expect(await p.act({ type: 'chat.post', text: 'after a second' })).toBeGreaterThan(0);
      // Another socket has its own bucket.
      const q = await limited.join({ as: 'participant', code: drill.joinCode, name: 'Quin' });
      await q.act({ type: 'chat.post', text: 'hello' });
    } finally {
      await limited.close();
    }
  });
});
