/**
 * A property-based fuzz of the socket protocol (fast-check): random and half-valid requests from a crowd of
 * sockets against a real server (in this process), while a legitimate team in another drill keeps playing.
 * Properties, checked after every case:
 * - the server never dies (an uncaught error would end this process; the HTTP API must keep answering);
 * - every request sent with an ack gets exactly one, and it is a well-formed `Reply`;
 * - the legitimate client in the other drill keeps working: its commands are accepted and pushed to it.
 * Used by tests/server/protocol-fuzz.test.ts (a few thousand cases in `npm test`) and by `npm run fuzz`
 * (tests/fuzz/run.ts: 100,000 cases, with memory before and after).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { CLIENT_EVENTS, type Reply } from '../../shared/protocol/messages';
import { FACILITATOR_COMMAND_TYPES, TEAM_COMMAND_TYPES } from '../../shared/drill/commands';
import { SqliteStore } from '../../server/store/sqlite-store';
import { startTestServer, type Client, type Player, type TestServer } from '../server/helpers';

const ERROR_CODES = ['invalid', 'forbidden', 'conflict', 'not-found', 'not-running', 'unauthorized', 'rate-limited', 'too-large', 'internal', 'unavailable'];

/** One request of a case. */
interface Request { socket: number; event: string; payload: unknown; ack: 'function' | 'none' | 'not-a-function' }

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnits = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength });
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: codeUnits(40) },
  { weight: 1, arbitrary: fc.constantFrom('\u200b'.repeat(100), ' ', '', '<script>alert(1)</script>', 'a\u0301', '\ud800', 'x'.repeat(2001)) },
  { weight: 1, arbitrary: fc.string({ minLength: 900, maxLength: 1100 }) },
);
const id = fc.oneof(fc.constantFrom('ic', 'comms', 'ops', 'scribe', 'all', 'vendor-support', 'first-page', 'nope'), fc.string({ maxLength: 12 }));
const anyValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(id, { maxLength: 5 }), fc.anything({ maxDepth: 2 }));

const command = fc.record(
  {
    type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TEAM_COMMAND_TYPES, ...FACILITATOR_COMMAND_TYPES) }, { weight: 1, arbitrary: fc.string({ maxLength: 15 }) }),
    text, role: id, participantId: fc.string({ maxLength: 16 }), injectId: id, phase: fc.constantFrom('investigating', 'resolved', 'panicking'),
    message: text, contact: id, severity: fc.constantFrom('SEV1', 'SEV4', 'SEV9'), status: fc.constantFrom('mitigated', 'resolved', 'fixed'),
    owner: text, due: text, speed: fc.oneof(fc.integer({ min: -5, max: 100 }), fc.double()), title: text, body: text, from: text,
    to: fc.oneof(fc.array(id, { maxLength: 6 }), fc.constant(Array(40).fill('all'))), channel: fc.constantFrom('chat', 'pager', 'smoke'), ack: fc.boolean(),
    ref: fc.integer({ min: -3, max: 10_000 }), extra: anyValue,
  },
  { requiredKeys: ['type'] },
);
const commandId = fc.oneof({ weight: 5, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom('dup-dup-dup-1', 'dup-dup-dup-2') }, { weight: 1, arbitrary: fc.string({ maxLength: 70 }) });

/** Commands the drill accepts, so that the fuzz also drives broadcasts to every socket in the drill. */
const valid = fc.record({
  id: fc.uuid(),
  command: fc.oneof(
    fc.record({ type: fc.constant('chat.post'), text: fc.stringMatching(/^[a-z]{1,12}( [a-z]{1,12}){0,20}$/) }),
    fc.record({ type: fc.constant('status.post'), phase: fc.constantFrom('investigating', 'identified'), text: fc.stringMatching(/^[A-Z][a-z ]{10,200}\.$/) }),
  ),
});

const payload = (codes: string[], drillIds: string[]) => fc.oneof(
  { weight: 3, arbitrary: valid },
  { weight: 5, arbitrary: fc.record({ id: commandId, command }, { requiredKeys: [] }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        as: fc.constantFrom('participant', 'rejoin', 'facilitator', 'observer', 'admin'),
        code: fc.oneof(fc.constantFrom(...codes), fc.string({ maxLength: 8 })), name: text,
        drillId: fc.oneof(fc.constantFrom(...drillIds), fc.string({ maxLength: 20 })), key: fc.string({ maxLength: 40 }), token: fc.string({ maxLength: 40 }),
      },
      { requiredKeys: ['as'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ since: anyValue }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyValue },
);

const request = (sockets: number, codes: string[], drillIds: string[]) => fc.record<Request>({
  socket: fc.integer({ min: 0, max: sockets - 1 }),
  event: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...CLIENT_EVENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
  payload: payload(codes, drillIds),
  ack: fc.constantFrom<Request['ack']>('function', 'function', 'function', 'function', 'none', 'not-a-function'),
});

export interface FuzzOptions {
  cases: number;
  seed?: number;
  /** Sockets sending the requests (half of them joined in the fuzzed drill). */
  sockets?: number;
  /** Participants in the fuzzed drill that only listen, so every accepted command is a broadcast to them. */
  listeners?: number;
  onProgress?: (done: number) => void;
}
export interface FuzzReport { cases: number; requests: number; acks: number; legitimateChecks: number; storedEvents: number; sockets: number; server: TestServer }

function isReply(value: unknown): value is Reply<unknown> {
  if (!value || typeof value !== 'object') return false;
  const r = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'data' in r;
  return r.ok === false && typeof r.error?.message === 'string' && ERROR_CODES.includes(String(r.error?.code));
}

/**
 * Runs the fuzz against a fresh server and returns what it did; throws (with fast-check's counterexample) when a
 * property fails. The caller closes `report.server`.
 */
export async function fuzzProtocol(options: FuzzOptions): Promise<FuzzReport> {
  // Generous request buckets and join allowance, so that most requests reach the handlers (the limits have their own tests).
  // The production store (SQLite, in memory here): the memory double copies its whole data on every batch.
  const server = await startTestServer({ store: new SqliteStore(':memory:'), realTime: true, rateLimit: { perSecond: 1e6, burst: 1e6 }, joinLimit: { free: 1e9, baseMs: 1, maxMs: 1, forgetMs: 1 }, maxParticipants: 1000 });
  const target = await server.createDrill();
  const other = await server.createDrill();
  const facilitator = await server.join({ as: 'facilitator', drillId: target.drillId, key: target.facilitatorKey });
  await facilitator.act({ type: 'drill.start' });
  // The legitimate team of the other drill.
  const legit = await server.join({ as: 'participant', code: other.joinCode, name: 'Legit' });
  const legitStaff = await server.join({ as: 'facilitator', drillId: other.drillId, key: other.facilitatorKey });
  await legitStaff.act({ type: 'drill.start' });

  const count = options.sockets ?? 6;
  const sockets: Client[] = [];
  const connect = async (i: number) => {
    sockets[i] = await server.connect();
  };
  for (let i = 0; i < count; i++) await connect(i);
  // Half the crowd starts inside the target drill, as a participant or staff; the rest are strangers.
  for (let i = 0; i < count / 2; i++) {
    const join = i === 0 ? { as: 'facilitator', drillId: target.drillId, key: target.facilitatorKey } : { as: 'participant', code: target.joinCode, name: `Fuzz ${i}` };
    await sockets[i].timeout(5000).emitWithAck('drill:join', join as never);
  }

  const listeners: Client[] = [];
  for (let i = 0; i < (options.listeners ?? 10); i++) {
    const listener = await server.connect();
    await listener.timeout(5000).emitWithAck('drill:join', { as: 'participant', code: target.joinCode, name: `Listener ${i}` });
    listeners.push(listener);
  }

  let requests = 0;
  let acks = 0;
  let legitimateChecks = 0;
  let done = 0;
  const checkLegit = async (player: Player) => {
    const text = `legit ${legitimateChecks}`;
    const reply = (await player.request('drill:command', { id: randomUUID(), command: { type: 'chat.post', text } })) as Reply<{ seq: number }>;
    if (!reply.ok) throw new Error(`the legitimate client in the other drill was refused: ${reply.error.code}: ${reply.error.message}`);
    await player.until((p) => p.state!.posts.some((post) => post.text === text), 'the legitimate post to come back', 5000);
    legitimateChecks++;
  };

  await fc.assert(
    fc.asyncProperty(request(count, [target.joinCode, other.joinCode], [target.drillId, other.drillId]), async (r) => {
      let socket = sockets[r.socket];
      if (!socket.connected) {
        await connect(r.socket);
        socket = sockets[r.socket];
      }
      requests++;
      const emit = socket.emit.bind(socket) as unknown as (event: string, ...args: unknown[]) => void;
      // Socket.IO never acknowledges an event nobody listens to: those are sent and not waited for.
      const known = (CLIENT_EVENTS as readonly string[]).includes(r.event);
      if (r.ack === 'function' && known) {
        const reply = await new Promise<unknown>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ack within 5 s for ${r.event} ${JSON.stringify(r.payload).slice(0, 200)}`)), 5000);
          emit(r.event, r.payload, (answer: unknown) => {
            clearTimeout(timer);
            resolve(answer);
          });
        }).catch((error: unknown) => {
          // Socket.IO drops a socket whose message it cannot take (over 64 KB); that is an answer too.
          if (!socket.connected) return undefined;
          throw error;
        });
        if (reply !== undefined) {
          acks++;
          if (!isReply(reply)) throw new Error(`malformed reply to ${r.event}: ${JSON.stringify(reply)}`);
        }
      } else if (r.ack !== 'not-a-function') {
        emit(r.event, r.payload);
      } else {
        emit(r.event, r.payload, 'not a function');
      }
      done++;
      if (done % 250 === 0) {
        options.onProgress?.(done);
        await checkLegit(legit);
        const health = await fetch(`${server.url}/api/health`);
        if (health.status !== 200) throw new Error(`the server stopped answering: ${health.status}`);
      }
    }),
    { numRuns: options.cases, seed: options.seed, endOnFailure: true },
  );
  await checkLegit(legit);
  for (const socket of [...sockets, ...listeners]) socket.disconnect();
  return { cases: options.cases, requests, acks, legitimateChecks, storedEvents: (await server.store.events(target.drillId)).length, sockets: count / 2 + listeners.length + 1, server };
}
