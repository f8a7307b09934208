import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../../shared/drill/events';
import type { DrillEventsResponse, DrillView } from '../../../shared/protocol/messages';
import type { Player } from '../helpers';
import { Browser } from './browser';
import { BUNDLED_SCENARIOS, clusterMissing, createDrill, joinAt, leaseHolder, startCluster, TEST_LEASE_MS, until, type ClusterNode, type TestCluster } from './harness';

const MIN = 60_000;
const SPEED = 30;

let cluster: TestCluster | undefined;
const browsers: Browser[] = [];
const players: Player[] = [];
/**
 * The chaos tool's fault webhook: every request is kept; the first one fails (503), later ones succeed. `onFirst`
 * runs before the first answer is sent (the test freezes the sender there).
 */
const chaos = { received: [] as Array<{ delivery: string; type: string }>, server: undefined as Server | undefined, url: '', onFirst: () => {} };
beforeAll(async () => {
  if (clusterMissing) return;
  chaos.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      chaos.received.push({ delivery: String(req.headers['x-firedrill-delivery']), type: (JSON.parse(body) as { type: string }).type });
      if (chaos.received.length === 1) chaos.onFirst();
      res.statusCode = chaos.received.length === 1 ? 503 : 200;
      res.end();
    });
  });
  await new Promise<void>((done) => chaos.server!.listen(0, '127.0.0.1', done));
  chaos.url = `http://127.0.0.1:${(chaos.server.address() as AddressInfo).port}/chaos`;
  cluster = await startCluster({
    scenarios: [join(BUNDLED_SCENARIOS, 'game-day-template.yaml')],
    faults: { chaos: { url: chaos.url, secret: 'a-signing-secret-of-the-chaos-tool' } },
  });
}, 120_000);
// A test that fails while a node is frozen must not leave it frozen for the tests after it.
afterEach(() => {
  for (const node of cluster?.nodes ?? []) {
    try {
      if (!node.gone) node.signal('SIGCONT');
    } catch {
      // It exited meanwhile.
    }
  }
});
afterAll(async () => {
  for (const b of browsers.splice(0)) b.close();
  for (const p of players.splice(0)) p.socket.disconnect();
  await cluster?.stop();
  chaos.server?.closeAllConnections();
  chaos.server?.close();
}, 30_000);

async function storedLog(url: string, drillId: string, key: string): Promise<DrillEvent[]> {
  const response = await fetch(`${url}/api/drills/${drillId}/events`, { headers: { 'x-firedrill-key': key } });
  expect(response.status).toBe(200);
  return ((await response.json()) as DrillEventsResponse).events;
}

/** Drill time now, from a clock sample (the nodes share this machine's wall clock). */
const drillTimeNow = (view: DrillView | undefined) => {
  const clock = view!.clock;
  return clock.status === 'running' ? clock.t + (Date.now() - clock.wall) * clock.speed : clock.t;
};
const deliveredTo = (view: DrillView | undefined, injectId: string) => !!view?.state.injects.some((i) => i.injectId === injectId);

/** A drill owned by `owner`, its facilitator and two participants in browsers on the other nodes, running at x30. */
async function runningDrill(owner: ClusterNode, others: ClusterNode[]) {
  const { drillId, joinCode, facilitatorKey } = await createDrill(owner.url);
  const seat = async (url: string, name: string) => {
    const p = await joinAt(url, { as: 'participant', code: joinCode, name });
    p.socket.disconnect();
    return p.token!;
  };
  const facilitator = new Browser(others[1].url, { as: 'staff', drillId, key: facilitatorKey, role: 'facilitator' });
  const ana = new Browser(others[0].url, { as: 'participant', drillId, token: await seat(others[0].url, 'Ana') });
  const ben = new Browser(others[1].url, { as: 'participant', drillId, token: await seat(others[1].url, 'Ben') });
  const everyone = [facilitator, ana, ben];
  browsers.push(...everyone);
  for (const b of everyone) await b.live();
  await ana.act({ type: 'role.claim', role: 'ic' });
  await ben.act({ type: 'role.claim', role: 'comms' });
  await facilitator.act({ type: 'drill.speed', speed: SPEED });
  await facilitator.act({ type: 'drill.start' });
  return { drillId, facilitatorKey, facilitator, ana, ben, everyone };
}

/** Team members posting chat messages one after another (as people do) until stopped; what was acknowledged, by text. */
function chatter(browsers: Array<[string, Browser]>) {
  const acked = new Map<string, number>();
  const refused: string[] = [];
  let stopped = false;
  const loops = browsers.map(async ([name, browser]) => {
    for (let i = 1; !stopped; i++) {
      const text = `${name} says ${i}`;
      const reply = await browser.send({ type: 'chat.post', text });
      if (reply.ok) acked.set(text, reply.data.seq);
      else refused.push(`${text}: ${reply.error.code}: ${reply.error.message}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  });
  return {
    acked, refused,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Every acknowledged command is in the log at the seq it was acknowledged with, exactly once. */
function expectAllKept(log: readonly DrillEvent[], acked: ReadonlyMap<string, number>) {
  const chats = log.filter((e): e is Extract<DrillEvent, { type: 'chat.post' }> => e.type === 'chat.post');
  for (const [text, seq] of acked) {
    expect(chats.filter((e) => e.text === text).map((e) => e.seq), text).toEqual([seq]);
  }
  expect(new Set(chats.map((e) => e.text)).size).toBe(chats.length);
}

/**
 * Failover on three real server processes (PostgreSQL leases of 2 s, Redis): the owner of a running drill is killed
 * or frozen while the team keeps working in the web client's own session code on the other nodes.
 */
describe.skipIf(!!clusterMissing)(`failover between nodes${clusterMissing ? ` (skipped: ${clusterMissing})` : ''}`, () => {
  it('kill -9 of the owner: another node takes the drill within 5 s of its lease expiring, on schedule, nothing acknowledged lost, every client resyncs', async () => {
    const [a, b, c] = cluster!.nodes;
    const { drillId, facilitatorKey, facilitator, ana, ben, everyone } = await runningDrill(a, [b, c]);
    const talk = chatter([['Ana', ana], ['Ben', ben]]);
    await facilitator.when((x) => deliveredTo(x.view, 'ops-dashboard'), 'the ops dashboard (t = 1m)');
    await until(() => talk.acked.size >= 2, 'some chat acknowledged');

    const lease = (await leaseHolder(cluster!.databaseUrl, drillId))!;
    // The injects still to come when the owner dies (on a loaded machine the sales email may have come already).
    const pending = ['sales-email', 'support-tickets'].filter((id) => !deliveredTo(facilitator.view, id));
    expect(pending).toContain('support-tickets');
    expect(lease).toMatchObject({ node: 'node-a', token: 1 });
    const before = drillTimeNow(facilitator.view);
    const killedAt = Date.now();
    a.signal('SIGKILL');
    await a.exited;
    const expiresAt = killedAt + lease.expiresInMs;

    // Another node takes the lease (a higher token) once it has run out, within 5 s of that.
    const taken = await until(async () => {
      const now = await leaseHolder(cluster!.databaseUrl, drillId);
      return now && now.node !== 'node-a' ? { ...now, at: Date.now() } : undefined;
    }, 'a new owner', TEST_LEASE_MS + 10_000);
    expect(taken.token).toBe(2);
    expect(taken.at - expiresAt).toBeLessThan(5000);

    // The drill carries on from where it was: the gap is not drill time, and the next injects come on schedule.
    await facilitator.when((x) => deliveredTo(x.view, 'support-tickets'), 'the support tickets (t = 3m)', 15_000);
    await talk.stop();
    const log = await storedLog(b.url, drillId, facilitatorKey);
    const at = (id: string) => log.find((e) => e.type === 'inject.delivered' && e.injectId === id)!;
    expect(at('sales-email').t).toBe(2 * MIN);
    expect(at('support-tickets').t).toBe(3 * MIN);
    // Delivered by the new owner after it took over, a drill minute apart in wall time (not a catch-up burst).
    const arrived = (id: string) => facilitator.arrivals.get(id)!;
    for (const id of pending) expect(arrived(id), id).toBeGreaterThanOrEqual(taken.at - 1000);
    // Had the gap counted, both would come at once as the new owner caught up; they come a drill minute apart.
    if (pending.length === 2) expect(arrived('support-tickets') - arrived('sales-email')).toBeGreaterThanOrEqual((MIN / SPEED) * 0.4);
    // The clock restarts from the last checkpoint the old owner saved: what ran while nobody owned the drill (at
    // least until the lease ran out) is not drill time. Counted, it would be `before + (now - killedAt) × speed`.
    const after = drillTimeNow(facilitator.view);
    const sinceTakeover = Date.now() - taken.at;
    expect(after - before).toBeLessThanOrEqual((sinceTakeover + 500) * SPEED);

    // Nothing acknowledged was lost or doubled (the retries during the takeover carried the same ids).
    expect(talk.refused).toEqual([]);
    expectAllKept(log, talk.acked);

    // Every client is live with the whole log, in the same tab: the session resynced or was pushed what it missed.
    for (const x of everyone) await x.when((s) => s.lastSeq === log.at(-1)!.seq || s.lastSeq > log.at(-1)!.seq, 'the whole log');
    await facilitator.act({ type: 'drill.end' });
    for (const x of everyone) await x.when((s) => s.view?.state.status === 'ended' && s.actor.getSnapshot().matches('live'), 'the end');
    const final = await storedLog(c.url, drillId, facilitatorKey);
    for (const x of everyone) expect(x.lastSeq).toBe(final.at(-1)!.seq);
    expect(facilitator.view!.state.seq).toBe(final.length);
    for (const x of everyone) expect(x.states.some((s) => s.includes('failed'))).toBe(false);
  }, 60_000);
  it('SIGSTOP of the owner past its lease, then SIGCONT: it steps down (its renewal finds the lease gone, or the fencing token refuses its first write); one authority, no event twice', async () => {
    const [, b, c] = cluster!.nodes;
    const { drillId, joinCode, facilitatorKey } = await createDrill(b.url);
    const seat = async (url: string, name: string) => {
      const p = await joinAt(url, { as: 'participant', code: joinCode, name });
      p.socket.disconnect();
      return p.token!;
    };
    // Ana's socket is on the owner, and freezes with it; Ben and the facilitator are on C.
    const ana = new Browser(b.url, { as: 'participant', drillId, token: await seat(b.url, 'Ana') });
    const ben = new Browser(c.url, { as: 'participant', drillId, token: await seat(c.url, 'Ben') });
    const facilitator = new Browser(c.url, { as: 'staff', drillId, key: facilitatorKey, role: 'facilitator' });
    const everyone = [facilitator, ana, ben];
    browsers.push(...everyone);
    for (const x of everyone) await x.live();
    await facilitator.act({ type: 'drill.speed', speed: SPEED });
    await facilitator.act({ type: 'drill.start' });
    await ana.when((x) => deliveredTo(x.view, 'first-page'), 'the first page');
    const talk = chatter([['Ben', ben]]);
    await until(() => talk.acked.size >= 2, 'some chat acknowledged');

    const ownedBy = async (node: ClusterNode) => ((await (await fetch(`${node.url}/api/health`)).json()) as { owned: number }).owned;
    const ownedBefore = await ownedBy(b);
    // B freezes (a long GC pause, a VM migration, a partition from PostgreSQL): its lease runs out, C takes over.
    b.signal('SIGSTOP');
    const frozenAt = Date.now();
    const anaAsked = ana.send({ type: 'chat.post', text: 'Ana, from the frozen node' });
    // A surviving node takes it over: C, where the facilitator's commands arrive, or A, whose sweep finds the orphan.
    const taken = await until(async () => {
      const now = await leaseHolder(cluster!.databaseUrl, drillId);
      return now && now.node !== 'node-b' ? now : undefined;
    }, 'a surviving node to take the drill', TEST_LEASE_MS + 10_000);
    expect(taken.token).toBe(2);
    // B stays frozen until the injects it had scheduled (1m, 2m of drill time at x30) are overdue on its timers.
    await facilitator.when((x) => deliveredTo(x.view, 'sales-email'), 'the sales email from the new owner', 10_000);
    await new Promise((r) => setTimeout(r, Math.max(0, 4000 - (Date.now() - frozenAt))));
    b.signal('SIGCONT');

    // B wakes up with its timers due and a lease it no longer holds: its renewal finds the lease gone, or its first
    // write (a checkpoint, an overdue inject, Ana's command) is refused by the fencing token; either way it steps down.
    await until(() => new RegExp(`drill ${drillId}: .*stepping down`).test(b.log()), 'B to step down', 10_000);
    const anaReply = await anaAsked;
    expect(anaReply.ok).toBe(true);
    await facilitator.when((x) => deliveredTo(x.view, 'support-tickets'), 'the support tickets from the new owner', 10_000);
    await talk.stop();
    // B serves this drill no more, and never took the lease back. (Any other live drill B ran, from the tests
    // before, lost its lease in the same freeze: so "at least one fewer", not "exactly one fewer".)
    expect(await ownedBy(b)).toBeLessThanOrEqual(ownedBefore - 1);
    expect(await leaseHolder(cluster!.databaseUrl, drillId)).toMatchObject({ node: taken.node, token: 2 });

    const log = await storedLog(b.url, drillId, facilitatorKey);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const delivered = log.filter((e) => e.type === 'inject.delivered').map((e) => (e as { injectId: string }).injectId);
    expect(delivered).toEqual([...new Set(delivered)]);
    expect(delivered).toEqual(expect.arrayContaining(['first-page', 'ops-dashboard', 'sales-email', 'support-tickets']));
    expect(talk.refused).toEqual([]);
    expectAllKept(log, new Map([...talk.acked, ['Ana, from the frozen node', (anaReply as { data: { seq: number } }).data.seq]]));

    // Ana's tab, on the node that was frozen, carries on with the rest: nothing to reload.
    await ana.act({ type: 'chat.post', text: 'Ana is back' });
    const last = (await storedLog(c.url, drillId, facilitatorKey)).at(-1)!.seq;
    for (const x of everyone) await x.when((s) => s.lastSeq >= last, 'the whole log');
    for (const x of everyone) expect(x.states.some((s) => s.includes('failed'))).toBe(false);
  }, 60_000);
  it('a fault send under way when its owner froze is left to the new owner: sent again by it, never retried by the old one', async () => {
    const [, b, c] = cluster!.nodes;
    const { drillId, facilitatorKey } = await createDrill(b.url, undefined, 'game-day-template');
    const facilitator = await joinAt(c.url, { as: 'facilitator', drillId, key: facilitatorKey });
    players.push(facilitator);
    await facilitator.act({ type: 'drill.speed', speed: 60 });
    await facilitator.act({ type: 'drill.start' });
    // The briefing's 3 minutes pass in 3 s: the fault is proposed; the facilitator confirms it.
    await facilitator.until((p) => Object.keys(p.state!.faults).length === 1, 'the fault proposed', 10_000);
    const faultId = Object.keys(facilitator.state!.faults)[0];
    // B sends the start; it freezes before the answer (a 503, so B would retry in a second) reaches it.
    chaos.onFirst = () => b.signal('SIGSTOP');
    await facilitator.act({ type: 'fault.confirm', faultId, dryRun: false });
    await until(() => chaos.received.length === 1, 'the first attempt');

    // A surviving node (C, or A's sweep) takes the drill over and makes the send that was under way (delivered).
    await until(async () => {
      const now = await leaseHolder(cluster!.databaseUrl, drillId);
      return now !== undefined && now.node !== 'node-b';
    }, 'a surviving node to take the drill', TEST_LEASE_MS + 10_000);
    await facilitator.until((p) => p.state!.faults[faultId]?.status === 'running', 'the fault running, sent by the new owner', 10_000);
    // B wakes up, reads its 503 and would retry in a second; it lost the drill, so it sends nothing more.
    b.signal('SIGCONT');
    await until(() => new RegExp(`drill ${drillId}: .*stepping down`).test(b.log()), 'B to step down', 10_000);
    await new Promise((r) => setTimeout(r, 2500));
    expect(chaos.received.map((r) => r.type)).toEqual(['fault.start', 'fault.start']);
    // The same delivery id both times: the chaos tool can tell it is one fault, sent again.
    expect(new Set(chaos.received.map((r) => r.delivery)).size).toBe(1);
    await facilitator.sync();
    expect(facilitator.state!.faults[faultId].deliveries.map((d) => [d.outcome, d.status])).toEqual([['delivered', 200]]);
  }, 60_000);
});
