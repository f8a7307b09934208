import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite-store';
import { answer } from '../../server/socket/respond';
import { RequestGate } from '../../server/socket/request-gate';
import type { AppSocket } from '../../server/socket/types';
import { memoryLogger } from '../../server/log';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('reads (issue 16, item 9)', () => {
  it('serve views, status pages and resyncs without opening a write transaction', async () => {
    const store = new SqliteStore(':memory:');
    server = await startTestServer({ store });
    const { drill, facilitator } = await server.open();
    await facilitator.act({ type: 'drill.start' });
    await new Promise((resolve) => setImmediate(resolve));
    const commits = store.committedBatches;
    for (const path of [`/api/drills/${drill.drillId}?key=${drill.facilitatorKey}`, `/api/drills/${drill.drillId}/status`, `/api/drills/${drill.drillId}/events?key=${drill.facilitatorKey}`]) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    }
    await facilitator.sync();
    await server.join({ as: 'observer', drillId: drill.drillId, key: drill.observerKey });
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.committedBatches).toBe(commits);
    store.close();
  });

  it('checks reply types against ClientToServerEvents (compile-time)', () => {
    const guard = { take: () => true, rateLimit: { perSecond: 1, burst: 1 }, now: () => 0, logger: memoryLogger(), gate: new RequestGate() };
    const register = (socket: AppSocket) => {
      answer(socket, 'drill:command', guard, (_payload, respond) => respond({ ok: true, data: { seq: 1 } }));
      // @ts-expect-error a command is answered with {seq}, not with a view
      answer(socket, 'drill:command', guard, (_payload, respond) => respond({ ok: true, data: { view: {} } }));
      // @ts-expect-error no such event in the protocol
      answer(socket, 'drill:explode', guard, () => undefined);
    };
    expect(typeof register).toBe('function');
  });
});
