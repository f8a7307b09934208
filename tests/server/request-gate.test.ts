import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestGate } from '../../server/socket/request-gate';
import { startTestServer, type TestServer } from './helpers';

/** Resolves after the event loop's next pass (its I/O, then the callbacks deferred before this one). */
const nextPass = () => new Promise<void>((resolve) => setImmediate(resolve));

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* the work of a drill turn */ }
}

describe('RequestGate: requests take turns with what they wait for', () => {
  it('runs requests as they come while the pass has time, then queues them in arrival order for the next passes', async () => {
    let t = 0;
    const gate = new RequestGate({ budgetMs: 5, now: () => t });
    const ran: number[] = [];
    const request = (i: number) => () => { ran.push(i); t += 3; };
    for (let i = 1; i <= 5; i++) gate.run(request(i));
    // 3 ms each: the first two fit in this pass's 5 ms, the other three wait.
    expect(ran).toEqual([1, 2]);
    expect(gate.backlog).toBe(3);
    await nextPass();
    expect(ran).toEqual([1, 2, 3, 4]);
    // A request that arrives while others wait goes behind them, however quiet this moment is: one socket's
    // requests never overtake each other.
    gate.run(request(6));
    expect(ran).toEqual([1, 2, 3, 4]);
    await nextPass();
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
    expect(gate.deferred).toBe(4);
    expect(gate.backlog).toBe(0);
    // Once the queue is empty and a new pass begins, requests run at once again.
    await nextPass();
    gate.run(request(7));
    expect(ran.at(-1)).toBe(7);
  });

  it('starts a waiting request only once the one before it has done all it can without I/O', async () => {
    let t = 0;
    const gate = new RequestGate({ budgetMs: 5, now: () => t });
    const log: string[] = [];
    // A handler's work is a chain of promise reactions, as a drill turn is until it waits for its commit.
    const request = (i: number) => () => {
      log.push(`start ${i}`);
      void (async () => {
        await null;
        await Promise.resolve();
        await null;
        log.push(`end ${i}`);
      })();
      if (i === 1) t += 10; // the first request spends the pass: the rest wait
    };
    for (let i = 1; i <= 3; i++) gate.run(request(i));
    expect(log).toEqual(['start 1']);
    await nextPass();
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs the requests behind one that threw', async () => {
    let t = 0;
    const gate = new RequestGate({ budgetMs: 5, now: () => t });
    const ran: number[] = [];
    gate.run(() => { ran.push(1); t += 10; });
    gate.run(() => { ran.push(2); throw new Error('a handler bug'); });
    gate.run(() => { ran.push(3); });
    const uncaught: unknown[] = [];
    const onError = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onError);
    try {
      await nextPass();
      await nextPass();
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(ran).toEqual([1, 2, 3]);
  });

  it('lets I/O that finished meanwhile run between the requests of a burst, instead of after all of them', async () => {
    // A loopback connection: bytes written to one end are in the kernel, ready to read at the other, as soon as the
    // write returns. So I/O that comes in while the first request runs is ready at the next poll of the event loop,
    // however busy the machine (a thread-pool job such as a fsync could still be waiting for a core).
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const accepted = once(server, 'connection') as Promise<[Socket]>;
    const client = connect((server.address() as { port: number }).port, '127.0.0.1');
    const [peer] = await accepted;
    await once(client, 'connect');
    try {
      const gate = new RequestGate({ budgetMs: 0 });
      const order: string[] = [];
      const io = new Promise<void>((resolve) => peer.once('data', () => { order.push('io'); resolve(); }));
      // Six requests in one socket read, 3 ms of work each; the I/O arrives during the first.
      for (let i = 1; i <= 6; i++) gate.run(() => { order.push(`request ${i}`); if (i === 1) client.write('x'); busy(3); });
      await io;
      while (gate.backlog) await nextPass();
      await nextPass();
      expect(order.filter((x) => x.startsWith('request'))).toEqual([1, 2, 3, 4, 5, 6].map((i) => `request ${i}`));
      // Without the gate every request of the read would run before the I/O's callback.
      expect(order.indexOf('io')).toBeLessThan(order.indexOf('request 3'));
    } finally {
      client.destroy();
      peer.destroy();
      server.close();
    }
  });
});

describe('socket requests through the gate', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers every request of a burst, and keeps each socket\'s requests in the order it sent them', async () => {
    // 0 ms: every request after the first of an event-loop pass waits its turn.
    server = await startTestServer({ requestBudgetMs: 0 });
    const drill = await server.createDrill();
    const ana = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ana' });
    const ben = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ben' });
    const before = server.app.requests.deferred;
    const burst = (who: typeof ana, name: string) => Array.from({ length: 12 }, (_, i) => who.act({ type: 'chat.post', text: `${name} ${i}` }));
    const seqs = await Promise.all([...burst(ana, 'Ana'), ...burst(ben, 'Ben')]);
    expect(new Set(seqs).size).toBe(24);
    expect(server.app.requests.deferred).toBeGreaterThan(before);
    const chat = (await server.store.events(drill.drillId)).flatMap((e) => (e.type === 'chat.post' ? [e.text] : []));
    expect(chat.filter((text) => text.startsWith('Ana'))).toEqual(Array.from({ length: 12 }, (_, i) => `Ana ${i}`));
    expect(chat.filter((text) => text.startsWith('Ben'))).toEqual(Array.from({ length: 12 }, (_, i) => `Ben ${i}`));
  });

  it('does not keep a socket online that went away while its join waited its turn', async () => {
    server = await startTestServer({ presenceEveryMs: 0 });
    const drill = await server.createDrill();
    const facilitator = await server.join({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
    await server.join({ as: 'participant', code: drill.joinCode, name: 'Ana' });
    await facilitator.until((p) => p.presence.at(-1)?.length === 1, 'Ana online');
    const { app } = server;
    const ben = await server.connect();
    // Ben's socket goes away while his join waits its turn in the gate: the join then runs for a socket that is gone
    // (its disconnect came first, before it was in any drill).
    const run = app.requests.run.bind(app.requests);
    app.requests.run = (request) => {
      app.io.sockets.sockets.get(ben.id!)?.disconnect(true);
      run(request);
    };
    ben.emit('drill:join', { as: 'participant', code: drill.joinCode, name: 'Ben' }, () => undefined);
    await facilitator.until((p) => Object.values(p.state?.participants ?? {}).some((x) => x.name === 'Ben'), 'Ben has a seat');
    app.requests.run = run;
    // The join took a seat, but nobody is there: only Ana is online.
    await facilitator.until((p) => p.presence.at(-1)?.length === 1, 'only Ana online');
    await facilitator.sync();
    expect(facilitator.presence.at(-1)).toHaveLength(1);
  });
});
