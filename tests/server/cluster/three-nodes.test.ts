import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../../shared/drill/events';
import type { DrillEventsResponse } from '../../../shared/protocol/messages';
import { commandId, type Player } from '../helpers';
import { createClient } from 'redis';
import { join } from 'node:path';
import { Browser } from './browser';
import { nginxMissing, startNginx, type Nginx } from './nginx';
import { BUNDLED_SCENARIOS, clusterMissing, connect, createDrill, joinAt, leaseHolder, postDrill, startCluster, type TestCluster } from './harness';

let cluster: TestCluster | undefined;
const players: Player[] = [];
beforeAll(async () => {
  // Four drills an hour per address, so that the shared creation limit shows in a few requests.
  if (!clusterMissing) {
    cluster = await startCluster({ env: { FIREDRILL_CREATE_LIMIT: '4/1h' }, scenarios: [join(BUNDLED_SCENARIOS, 'game-day-template.yaml')] });
  }
}, 120_000);
const browsers: Browser[] = [];
let nginx: Nginx | undefined;
afterAll(async () => {
  for (const b of browsers.splice(0)) b.close();
  for (const p of players.splice(0)) p.socket.disconnect();
  await nginx?.stop();
  await cluster?.stop();
}, 30_000);

/** An Alertmanager webhook notification (version 4) with one firing alert the game-day template routes to the pager. */
const firing = {
  version: '4', groupKey: '{}:{alertname="HighErrorRate"}', truncatedAlerts: 0, status: 'firing', receiver: 'firedrill',
  groupLabels: { alertname: 'HighErrorRate' }, commonLabels: { alertname: 'HighErrorRate', service: 'checkout' }, commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: [{
    status: 'firing', labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' }, fingerprint: 'a1b2c3d4e5f60718',
    annotations: { summary: 'Checkout error rate above 5%' }, startsAt: '2026-12-01T16:00:00Z', endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus:9090/graph',
  }],
};

const delivered = (p: Player, injectId: string) => p.events.some((e) => e.type === 'inject.delivered' && e.injectId === injectId);
const seqs = (events: readonly DrillEvent[]) => events.map((e) => e.seq);

async function storedLog(url: string, drillId: string, key: string): Promise<DrillEvent[]> {
  const response = await fetch(`${url}/api/drills/${drillId}/events`, { headers: { 'x-firedrill-key': key } });
  expect(response.status).toBe(200);
  return ((await response.json()) as DrillEventsResponse).events;
}

/**
 * Three real server processes on one PostgreSQL and one Redis: a drill is owned by the node that created it, and
 * sockets on the other two nodes play it through the owner (commands forwarded over the node bus, events through
 * the Socket.IO Redis Streams adapter).
 */
describe.skipIf(!!clusterMissing)(`three nodes${clusterMissing ? ` (skipped: ${clusterMissing})` : ''}`, () => {
  it('plays a drill created on A with participants on B and C to the end: every socket sees every event, in order', async () => {
    const [a, b, c] = cluster!.nodes;
    const { drillId, joinCode, facilitatorKey } = await createDrill(a.url);
    expect(await leaseHolder(cluster!.databaseUrl, drillId)).toMatchObject({ node: 'node-a', token: 1 });

    const facilitator = await joinAt(b.url, { as: 'facilitator', drillId, key: facilitatorKey });
    const ana = await joinAt(b.url, { as: 'participant', code: joinCode, name: 'Ana' });
    const ben = await joinAt(c.url, { as: 'participant', code: joinCode, name: 'Ben' });
    const cy = await joinAt(a.url, { as: 'participant', code: joinCode, name: 'Cy' });
    const everyone = [facilitator, ana, ben, cy];
    players.push(...everyone);
    await facilitator.until((p) => Object.keys(p.state!.participants).length === 3, 'three participants');

    // Commands from B and C are run by A and answered on the socket that sent them.
    await ana.act({ type: 'role.claim', role: 'ic' });
    await ben.act({ type: 'role.claim', role: 'comms' });
    await ana.act({ type: 'role.assign', role: 'ops', participantId: cy.id! });
    // A participant may not run a facilitator command, on whichever node it asks.
    expect(await ben.request('drill:command', { id: commandId(), command: { type: 'drill.end' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await facilitator.act({ type: 'drill.speed', speed: 60 });
    await facilitator.act({ type: 'drill.start' });
    for (const p of everyone) await p.until((x) => delivered(x, 'first-page'), 'the first page');

    // A retried command (same id) through another node lands once.
    const id = commandId();
    const first = await ana.act({ type: 'inject.ack', injectId: 'first-page' }, id);
    expect(await ana.act({ type: 'inject.ack', injectId: 'first-page' }, id)).toBe(first);

    // One wall second is one drill minute: the ops dashboard comes from A's timer to Cy (on A) and staff (on B).
    await cy.until((p) => delivered(p, 'ops-dashboard'), 'the ops dashboard', 5000);
    await ben.act({ type: 'status.post', phase: 'investigating', text: 'Checkout is failing for most customers. We are on it; next update in 15 minutes.' });
    await ana.act({ type: 'contact.page', contact: 'vendor-support', message: 'P1: writes failing on orders-db' });
    await facilitator.until((p) => p.state!.machineState === 'vendor-engaged', 'vendor-engaged');
    for (const p of everyone) await p.until((x) => x.events.some((e) => e.type === 'contact.replied'), 'the vendor reply', 10_000);
    await ana.act({ type: 'incident.declare', status: 'mitigated' });
    await ana.act({ type: 'incident.declare', status: 'resolved' });
    for (const p of everyone) await p.until((x) => x.state!.status === 'ended', 'the end', 5000);

    // Every socket saw an unbroken run of seqs; the staff socket saw the stored log exactly.
    const log = await storedLog(c.url, drillId, facilitatorKey);
    expect(log.at(-1)!.type).toBe('drill.ended');
    expect(seqs(log)).toEqual(log.map((_, i) => i + 1));
    // From the first event pushed to it to the end (a view pushed mid-drill, as after a resync, replaces the
    // player's view, so the view's seq does not say where the pushes began; the first push does).
    expect(facilitator.events.length).toBeGreaterThan(0);
    expect(facilitator.events).toEqual(log.slice(facilitator.events[0].seq - 1));
    for (const p of everyone) {
      expect(p.gaps).toEqual([]);
      const seen = seqs(p.events);
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      expect(new Set(seen).size).toBe(seen.length);
    }
    // Participants see their own copy of the drill, equal to what a resync on their node gives.
    for (const p of [ana, ben, cy]) {
      const view = await p.request('drill:resync', {});
      expect(view.ok && view.data.state).toEqual(p.state);
    }
    // One authority throughout: A kept the lease (token 1).
    expect(await leaseHolder(cluster!.databaseUrl, drillId)).toMatchObject({ node: 'node-a', token: 1 });
  }, 60_000);
  it('holds the per-address creation limit, the per-socket request limit and the failed-join limit across nodes (in Redis)', async () => {
    const [a, b, c] = cluster!.nodes;
    // Four creations from one address, spread over the three nodes; the fifth is refused on whichever node.
    const from = '198.51.100.7';
    for (const node of [a, b, c, a]) expect((await postDrill(node.url, from)).status).toBe(201);
    for (const node of [b, c]) {
      const refused = await postDrill(node.url, from);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string; message: string } }).error.message).toMatch(/Too many drills created from this address; try again in/);
    }
    // Another address is not held back.
    expect((await postDrill(c.url, '198.51.100.8')).status).toBe(201);

    // Failed joins (wrong codes) from one address count on every node: after the five free ones, joins wait.
    const guesses = await Promise.all([a, b, c].map((node) => connect(node.url, { from: '203.0.113.9' })));
    try {
      for (let i = 0; i < 5; i++) {
        const reply = await guesses[i % 3].timeout(3000).emitWithAck('drill:join', { as: 'participant', code: 'ZZZ-ZZZ', name: 'Guess' });
        expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
      }
      // The sixth failure starts a wait (a second, doubling), which the next join, on another node, meets.
      const sixth = await guesses[2].timeout(3000).emitWithAck('drill:join', { as: 'participant', code: 'ZZZ-ZZZ', name: 'Guess' });
      expect(sixth).toMatchObject({ ok: false, error: { code: 'not-found' } });
      const blocked = await guesses[0].timeout(3000).emitWithAck('drill:join', { as: 'participant', code: 'ZZZ-ZZZ', name: 'Guess' });
      expect(blocked).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    } finally {
      for (const socket of guesses) socket.disconnect();
    }

    // A socket's requests are counted in Redis under its id (a socket recovered on another node keeps its bucket):
    // 30 at once from a fresh socket, of which the burst of 20 goes through.
    const socket = await connect(b.url, { from: '203.0.113.10' });
    try {
      const replies = await Promise.all(Array.from({ length: 30 }, () => socket.timeout(5000).emitWithAck('drill:resync', {})));
      const limited = replies.filter((r) => !r.ok && r.error.code === 'rate-limited').length;
      expect(limited).toBeGreaterThanOrEqual(9);
      expect(limited).toBeLessThanOrEqual(10);
      const redis = createClient({ url: cluster!.redis.url });
      await redis.connect();
      try {
        expect(Number(await redis.hGet(`firedrill:requests:${socket.id}`, 'tokens'))).toBeLessThan(1);
      } finally {
        redis.destroy();
      }
    } finally {
      socket.disconnect();
    }
  }, 30_000);
  it('serves a live game day\'s HTTP routes on every node: the alert token and alert ingest run on the drill\'s owner', async () => {
    const [a, b, c] = cluster!.nodes;
    const { drillId, facilitatorKey } = await createDrill(a.url, '198.51.100.20', 'game-day-template');
    const facilitator = await joinAt(b.url, { as: 'facilitator', drillId, key: facilitatorKey });
    players.push(facilitator);
    await facilitator.act({ type: 'drill.start' });
    const api = (node: { url: string }, path: string, init: RequestInit = {}) => fetch(`${node.url}/api/drills/${drillId}${path}`, init);
    const staff = { 'x-firedrill-key': facilitatorKey };

    // The token, issued on C (not the owner): the owner logs the issue, C answers with the token.
    const issued = await api(c, '/alerts/token', { method: 'POST', headers: staff });
    expect(issued.status).toBe(201);
    const { token } = (await issued.json()) as { token: string };
    expect(token).toMatch(/^fdat_/);
    expect(await (await api(b, '/alerts/token', { headers: staff })).json()).toMatchObject({ active: true, url: `/api/drills/${drillId}/alerts` });
    expect((await api(b, '/alerts/token', { method: 'POST', headers: { 'x-firedrill-key': 'not-the-key-of-this-drill' } })).status).toBe(403);

    // Alertmanager posts to B: the owner logs the alert as an inject to the rule's roles; a repeat on C is skipped.
    const send = (node: { url: string }, tokenSent: string) => api(node, '/alerts', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenSent}` },
      body: JSON.stringify(firing),
    });
    const first = await send(b, token);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ format: 'alertmanager', received: 1, duplicates: 0, injects: [expect.any(String)] });
    const repeat = await send(c, token);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: 0, duplicates: 1 });
    await facilitator.until((p) => p.events.some((e) => e.type === 'alert.receive'), 'the alert in the drill');
    expect(facilitator.events.filter((e) => e.type === 'alert.receive')).toHaveLength(1);

    // Refusals say the same on every node: a wrong token, no token, an unknown drill.
    expect((await send(c, `${token.slice(0, -2)}xx`)).status).toBe(401);
    const bare = await api(b, '/alerts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await fetch(`${c.url}/api/drills/no-such-drill/alerts`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(404);

    // Revoked on B: the token stops working on C at once.
    expect(await (await api(b, '/alerts/token', { method: 'DELETE', headers: staff })).json()).toEqual({ active: false });
    expect((await send(c, token)).status).toBe(401);
    expect((await api(c, '/faults/webhooks', { headers: staff })).status).toBe(200);
    // A served all of it, as the one owner.
    expect(await leaseHolder(cluster!.databaseUrl, drillId)).toMatchObject({ node: 'node-a', token: 1 });
  }, 30_000);
  it.skipIf(!!nginxMissing)(`runs a drill through nginx (ops/nginx/firedrill.conf); when the node it sends clients to dies, they reconnect through it and carry on${nginxMissing ? ` (skipped: ${nginxMissing})` : ''}`, async () => {
    const nodes = cluster!.nodes;
    nginx = await startNginx(nodes.map((n) => n.port));
    const lb = nginx.url;
    // Health through the load balancer: the node that answered, its store and its adapter.
    const health = (await (await fetch(`${lb}/api/health`)).json()) as { node: string; status: string; store: { engine: string; ok: boolean }; adapter: { kind: string; ok: boolean } };
    expect(health).toMatchObject({ status: 'ok', store: { engine: 'postgres', ok: true }, adapter: { kind: 'redis-streams', ok: true } });
    // ip_hash sends this machine's clients to one node (X); the drill is owned by another one (Y), so everything the
    // clients do goes through nginx to X and is forwarded to Y.
    const x = nodes.find((n) => health.node.startsWith(`${n.id}#`))!;
    const y = nodes.find((n) => n !== x)!;
    const { drillId, joinCode, facilitatorKey } = await createDrill(y.url, '198.51.100.30');
    const seat = async (name: string) => {
      const p = await joinAt(lb, { as: 'participant', code: joinCode, name });
      p.socket.disconnect();
      return p.token!;
    };
    const facilitator = new Browser(lb, { as: 'staff', drillId, key: facilitatorKey, role: 'facilitator' });
    const ana = new Browser(lb, { as: 'participant', drillId, token: await seat('Ana') });
    const ben = new Browser(lb, { as: 'participant', drillId, token: await seat('Ben') });
    const everyone = [facilitator, ana, ben];
    browsers.push(...everyone);
    for (const b of everyone) await b.live();
    await ana.act({ type: 'role.claim', role: 'ic' });
    await facilitator.act({ type: 'drill.speed', speed: 60 });
    await facilitator.act({ type: 'drill.start' });
    await ana.when((b) => b.view?.state.injects.some((i) => i.injectId === 'first-page'), 'the first page');
    await ana.act({ type: 'inject.ack', injectId: 'first-page' });

    // X dies. The sockets drop; the web client reconnects by itself through nginx, which skips X; the session is
    // recovered on another node (or joins again) and catches up. Commands sent meanwhile are retried with their ids.
    x.signal('SIGKILL');
    const during = ben.send({ type: 'chat.post', text: 'Ben, while the node was down' });
    for (const b of everyone) await b.when((s) => s.states.includes('"reconnecting"'), 'the drop');
    const sent = await during;
    expect(sent.ok).toBe(true);
    await ana.act({ type: 'status.post', phase: 'investigating', text: 'Checkout is failing for most customers. We are on it; next update in 15 minutes.' });
    await facilitator.act({ type: 'drill.end' });
    const log = (await (await fetch(`${lb}/api/drills/${drillId}/events`, { headers: { 'x-firedrill-key': facilitatorKey } })).json()) as DrillEventsResponse;
    const last = log.events.at(-1)!;
    expect(last.type).toBe('drill.ended');
    for (const b of everyone) await b.when((s) => s.lastSeq === last.seq && s.actor.getSnapshot().matches('live'), 'the whole log, live again');
    for (const b of everyone) expect(b.states.some((s) => s.includes('failed'))).toBe(false);
    expect(log.events.filter((e) => e.type === 'chat.post' && e.text === 'Ben, while the node was down')).toHaveLength(1);
    expect(facilitator.view!.state.status).toBe('ended');
    // Y owned the drill throughout; nginx sends to a node that is up.
    expect(await leaseHolder(cluster!.databaseUrl, drillId)).toMatchObject({ node: y.id, token: 1 });
    const after = (await (await fetch(`${lb}/api/health`)).json()) as { node: string };
    expect(after.node.startsWith(`${x.id}#`)).toBe(false);
  }, 60_000);
});
