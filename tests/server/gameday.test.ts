import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../shared/scoring/types';
import { ManualClock } from '../../server/clock';
import { replayStored } from '../../server/drills/replay';
import { SecretBox } from '../../server/outbound/secret-box';
import { MemoryStore } from '../../server/store/memory-store';
import type { FaultWebhook } from '../../server/gameday/fault-webhooks';
import { parseFaultWebhooks } from '../../server/gameday/fault-webhooks';
import { loadScenarioFile } from '../../server/scenario-files';
import { commandId, startTestServer, type TestServer } from './helpers';
import { verifySignature, waitFor, webhookReceiver, type Receiver } from './receiving';

/**
 * A live game day against real HTTP on 127.0.0.1: a local sender stands in for Alertmanager, a local receiver for
 * the chaos tool's webhook. Drill time and retries run on the test server's manual clock.
 */

const TEMPLATE = join(import.meta.dirname, '..', '..', 'scenarios', 'game-day-template.yaml');
const SECRET = 'chaos-signing-secret-0123456789';
const MIN = 60_000;

function template() {
  const { scenario, problems } = loadScenarioFile(TEMPLATE);
  if (!scenario) throw new Error(problems.map((p) => p.message).join('; '));
  return scenario;
}

/** What the chaos tool's webhook is sent. */
type FaultCall = { type: string; fault: { id: string; dryRun: boolean }; payload: Record<string, unknown> };
const receiver = (answer?: Parameters<typeof webhookReceiver>[1]) => webhookReceiver<FaultCall>('/chaos/run', answer);

/** An Alertmanager webhook notification (version 4) for one alert. */
function alertmanager(status: 'firing' | 'resolved', labels: Record<string, string>, fingerprint = 'a1b2c3d4e5f60718') {
  return {
    version: '4', groupKey: '{}/{service="checkout"}:{alertname="HighErrorRate"}', truncatedAlerts: 0, status, receiver: 'firedrill',
    groupLabels: { alertname: labels.alertname }, commonLabels: labels, commonAnnotations: {}, externalURL: 'http://alertmanager:9093',
    alerts: [{
      status, labels, fingerprint,
      annotations: { summary: 'Checkout error rate above 5%', description: ' 5xx on /checkout for 2 minutes.', runbook_url: 'https://runbooks.example/checkout' },
      startsAt: '2026-12-01T16:00:00Z', endsAt: status === 'resolved' ? '2026-12-01T16:09:00Z' : '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph?g0.expr=...',
    }],
  };
}

let server: TestServer | undefined;
const receivers: Receiver<FaultCall>[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const r of receivers.splice(0)) await r.close();
});

async function setup(answer?: Parameters<typeof receiver>[0], webhookName = 'chaos', options: Parameters<typeof startTestServer>[0] = {}) {
  const hook = await receiver(answer);
  receivers.push(hook);
  const webhooks = new Map<string, FaultWebhook>([[webhookName, { name: webhookName, url: hook.url, secret: SECRET, hint: '127.0.0.1/…/run' }]]);
  server = await startTestServer({ scenarios: [template()], faults: { webhooks, allowPrivate: true, retryDelays: [1000, 2000] }, ...options });
  const s = server;
  const { drill, facilitator, team: [ana, bo, cy] } = await s.open(['Ana', 'Bo', 'Cy'], 'game-day-template');
  await ana.act({ type: 'role.claim', role: 'ic' });
  await bo.act({ type: 'role.claim', role: 'ops' });
  await cy.act({ type: 'role.claim', role: 'comms' });
  const base = `${s.url}/api/drills/${drill.drillId}`;
  const tokenApi = (method: string, key = drill.facilitatorKey) => fetch(`${base}/alerts/token`, { method, headers: { 'x-firedrill-key': key } });
  const send = (body: unknown, token: string | undefined, raw?: string) => fetch(`${base}/alerts`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: raw ?? JSON.stringify(body),
  });
  /** Starts the drill and lets the 3-minute briefing pass: the fault is proposed. */
  const toFault = async () => {
    await facilitator.act({ type: 'drill.start' });
    s.clock.advance(3 * MIN);
    await facilitator.until((p) => Object.keys(p.state!.faults).length === 1, 'the fault proposed');
    return Object.keys(facilitator.state!.faults)[0];
  };
  return { s, hook, drill, facilitator, ana, bo, cy, tokenApi, send, toFault };
}

const logLength = async (s: TestServer, id: string) => (await s.store.events(id, 0)).length;

describe('live game day: real alerts in', () => {
  it('takes Alertmanager alerts (firing, then resolved) as injects to the rule\'s roles, acknowledged, driving the story and scored; replay reproduces the log', async () => {
    const { s, drill, facilitator, ana, bo, cy, tokenApi, send, toFault } = await setup();
    // Only the facilitator makes the token; it is answered once and never in the log.
    expect((await tokenApi('POST', drill.observerKey)).status).toBe(403);
    const issued = await tokenApi('POST');
    expect(issued.status).toBe(201);
    const { token, url } = (await issued.json()) as { token: string; url: string };
    expect(token).toMatch(/^fdat_[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`/api/drills/${drill.drillId}/alerts`);
    expect(JSON.stringify(await s.store.events(drill.drillId, 0))).not.toContain(token);
    expect(await (await tokenApi('GET')).json()).toMatchObject({ active: true });

    const firing = alertmanager('firing', { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' });
    const early = await send(firing, token);
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: { code: 'not-running', message: expect.stringMatching(/not started/) } });

    await toFault();
    const answer = await send(firing, token);
    expect(answer.status).toBe(202);
    const body = (await answer.json()) as { received: number; duplicates: number; injects: string[]; format: string };
    expect(body).toMatchObject({ format: 'alertmanager', received: 1, duplicates: 0 });
    const [injectId] = body.injects;
    expect(injectId).toMatch(/^alert-\d+$/);

    // To the rule's roles (ic, ops) on the pager, to be acknowledged; comms never sees it.
    await ana.until((p) => p.injectIds().includes(injectId), 'the IC paged');
    await bo.until((p) => p.injectIds().includes(injectId), 'ops paged');
    await cy.sync();
    expect(cy.injectIds()).not.toContain(injectId);
    const inject = ana.state!.injects.find((i) => i.injectId === injectId)!;
    expect(inject).toMatchObject({ channel: 'pager', ack: true, to: ['ic', 'ops'], from: 'Alertmanager', alert: { rule: 'checkout-errors', source: 'Alertmanager' } });
    expect(inject.title).toBe('CRITICAL: Checkout error rate above 5% (HighErrorRate)');
    expect(inject.body).toContain('Runbook: https://runbooks.example/checkout');
    // The condition `alerted: { rule: checkout-errors, status: firing }` moved the story on.
    await facilitator.until((p) => p.state!.machineState === 'detected', 'the story to react to the real alert');

    // Alertmanager repeats a group's alerts: the repeat changes nothing.
    const before = await logLength(s, drill.drillId);
    const repeat = await send(firing, token);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: 0, duplicates: 1, injects: [] });
    expect(await logLength(s, drill.drillId)).toBe(before);

    s.clock.advance(2 * MIN);
    await ana.act({ type: 'inject.ack', injectId });

    const resolved = await send(alertmanager('resolved', { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' }), token);
    expect(resolved.status).toBe(202);
    await ana.until((p) => p.state!.injects.find((i) => i.injectId === injectId)?.alert?.resolved !== undefined, 'the page marked resolved');
    await facilitator.until((p) => p.state!.machineState === 'mitigated', 'the resolved alert to move the story on');
    expect(facilitator.state!.alerts['a1b2c3d4e5f60718']).toMatchObject({ name: 'HighErrorRate', status: 'resolved', fired: true, received: 2, rule: 'checkout-errors' });

    await facilitator.act({ type: 'drill.end' });
    const card = (await (await fetch(`${s.url}/api/drills/${drill.drillId}/scorecard`, { headers: { 'x-firedrill-key': drill.facilitatorKey } })).json()) as Scorecard;
    const objective = card.objectives.find((o) => o.id === 'real-page-acked')!;
    expect(objective).toMatchObject({ kind: 'alert-ack', dimension: 'acknowledgement', value: 2 * MIN, rating: 'P' });
    expect(card.metrics.acks.find((a) => a.injectId === injectId)).toMatchObject({ real: true, timeToAck: 2 * MIN });
    expect(card.timeline.filter((e) => e.real).map((e) => e.text)).toEqual([
      expect.stringContaining('Real alert on pager'), expect.stringContaining('resolved'),
    ]);
    const report = await (await fetch(`${s.url}/api/drills/${drill.drillId}/report.md`, { headers: { 'x-firedrill-key': drill.facilitatorKey } })).text();
    expect(report).toContain('came from real monitoring');

    // The stored log is the truth: replaying it reproduces every event, the alerts' injects included.
    const stored = await s.store.events(drill.drillId, 0);
    const replayed = replayStored(template(), stored);
    expect(replayed.divergence).toBeUndefined();
    expect(replayed.regenerated.length).toBe(stored.length);
  });

  it('refuses a bad token, an oversized body and a malformed alert with a clear message, and logs nothing', async () => {
    const { s, drill, tokenApi, send, toFault } = await setup();
    const { token } = (await (await tokenApi('POST')).json()) as { token: string };
    await toFault();
    const before = await logLength(s, drill.drillId);
    const refused = async (res: Response, status: number, message: RegExp) => {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    };
    const firing = alertmanager('firing', { alertname: 'HighErrorRate', service: 'checkout' });
    await refused(await send(firing, undefined), 401, /Authorization: Bearer/);
    await refused(await send(firing, `${token.slice(0, -2)}xx`), 401, /does not open this drill/);
    await refused(await send(firing, token, `{"version":"4","alerts":[${'"x",'.repeat(70_000)}"x"]}`), 413, /too large/);
    await refused(await send({ version: '4', status: 'firing', alerts: [{ status: 'burning', labels: { alertname: 'X' } }] }, token), 400, /alerts\.0\.status/);
    await refused(await send({ version: '4', status: 'firing', alerts: [{ status: 'firing', labels: { '1bad': 'x' } }] }, token), 400, /label name/);
    await refused(await send({ title: 'Plain', colour: 'red' }, token), 400, /unknown key "colour"/);
    await refused(await send(null, token, 'not json'), 400, /not valid JSON/);
    // One good alert and one malformed: none is taken.
    const mixed = alertmanager('firing', { alertname: 'HighErrorRate', service: 'checkout' });
    mixed.alerts.push({ ...mixed.alerts[0], status: 'nope' as 'firing' });
    await refused(await send(mixed, token), 400, /alerts\.1\.status/);
    expect(await logLength(s, drill.drillId)).toBe(before);

    // A plain JSON alert from a script works with the same token; a revoked token stops working.
    const plain = await send({ source: 'chaos-script', title: 'Latency injected on checkout-db', severity: 'warning', labels: { alertname: 'CheckoutLatency', service: 'checkout-db' } }, token);
    expect(plain.status).toBe(202);
    expect((await tokenApi('DELETE')).status).toBe(200);
    await refused(await send(firing, token), 401, /replaced or revoked/);
    const reissued = (await (await tokenApi('POST')).json()) as { token: string };
    expect(reissued.token).not.toBe(token);
    expect((await send(firing, reissued.token)).status).toBe(202);
  });
});

describe('live game day: faults out', () => {
  it('sends a fault only after the facilitator confirms it, signed, and sends its abort', async () => {
    const { hook, s, drill, facilitator, ana, toFault } = await setup();
    const faultId = await toFault();
    await ana.sync();
    expect(hook.received).toHaveLength(0); // proposed, not sent
    expect(ana.state!.faults).toEqual({}); // the team never sees the backstage
    const refused = await ana.request('drill:command', { id: commandId(), command: { type: 'fault.confirm', faultId, dryRun: false } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await facilitator.act({ type: 'fault.confirm', faultId, dryRun: false });
    await waitFor('the start', () => hook.received.length === 1);
    const start = hook.received[0];
    expect(start.json).toMatchObject({ type: 'fault.start', fault: { id: faultId, dryRun: false }, payload: { experiment: 'checkout-db-latency', latency_ms: 800 } });
    expect(verifySignature(SECRET, start.headers['x-firedrill-signature'] as string, start.body)).toBe(true);
    expect(verifySignature('another-secret-0123456789', start.headers['x-firedrill-signature'] as string, start.body)).toBe(false);
    await facilitator.until((p) => p.state!.faults[faultId].status === 'running', 'the fault running');
    expect(facilitator.state!.faults[faultId].deliveries).toEqual([expect.objectContaining({ action: 'start', outcome: 'delivered', status: 200, attempt: 1 })]);

    await facilitator.act({ type: 'fault.abort', faultId });
    await waitFor('the abort', () => hook.received.length === 2);
    expect(hook.received[1].json).toMatchObject({ type: 'fault.abort', payload: { experiment: 'checkout-db-latency', rollback: true } });
    expect(verifySignature(SECRET, hook.received[1].headers['x-firedrill-signature'] as string, hook.received[1].body)).toBe(true);
    await facilitator.until((p) => p.state!.faults[faultId].status === 'aborted', 'the fault aborted');
    // Every step is in the log: proposed, confirmed, delivered, aborted, delivered.
    const steps = (await s.store.events(drill.drillId, 0)).filter((e) => e.type.startsWith('fault.')).map((e) => (e.type === 'fault.delivery' ? `${e.action}:${e.outcome}` : e.type));
    expect(steps).toEqual(['fault.proposed', 'fault.confirm', 'start:delivered', 'fault.abort', 'abort:delivered']);
  });

  it('a failing receiver is retried, then logged as failed, and never holds up the drill', async () => {
    const { hook, s, facilitator, ana, toFault } = await setup((_n, res) => { res.statusCode = 503; res.end('down'); });
    const faultId = await toFault();
    await facilitator.act({ type: 'fault.confirm', faultId, dryRun: false });
    await waitFor('the first attempt', () => hook.received.length === 1);
    await facilitator.until((p) => p.state!.faults[faultId].deliveries.length === 1, 'the retry logged');
    // The team works on while the chaos tool is down.
    await ana.act({ type: 'chat.post', text: 'War room open: checkout is slow' });
    s.clock.advance(1000);
    await waitFor('the second attempt', () => hook.received.length === 2);
    await facilitator.until((p) => p.state!.faults[faultId].deliveries.length === 2, 'the second answer logged');
    s.clock.advance(2000);
    await waitFor('the third attempt', () => hook.received.length === 3);
    await facilitator.until((p) => p.state!.faults[faultId].status === 'failed', 'the fault failed');
    expect(facilitator.state!.faults[faultId].deliveries.map((d) => [d.outcome, d.status, d.attempt])).toEqual([['retrying', 503, 1], ['retrying', 503, 2], ['failed', 503, 3]]);
    // The same delivery id on every attempt: the receiver can tell a retry from a second fault.
    expect(new Set(hook.received.map((r) => r.headers['x-firedrill-delivery'])).size).toBe(1);
  });

  it('an abort calls off a start waiting to be tried again', async () => {
    const { hook, s, facilitator, toFault } = await setup((n, res) => { res.statusCode = n === 1 ? 503 : 200; res.end(); });
    const faultId = await toFault();
    await facilitator.act({ type: 'fault.confirm', faultId, dryRun: false });
    await facilitator.until((p) => p.state!.faults[faultId].deliveries.length === 1, 'the retry logged');
    await facilitator.act({ type: 'fault.abort', faultId });
    await facilitator.until((p) => p.state!.faults[faultId].status === 'aborted', 'the abort delivered');
    s.clock.advance(10_000);
    await facilitator.sync();
    expect(hook.received.map((r) => r.json.type)).toEqual(['fault.start', 'fault.abort']);
    expect(facilitator.state!.faults[faultId].deliveries.map((d) => `${d.action}:${d.outcome}`)).toEqual(['start:retrying', 'start:cancelled', 'abort:delivered']);
  });

  it('a receiver that never answers does not hold up the drill', async () => {
    const { hook, facilitator, ana, toFault } = await setup(() => 'hold');
    const faultId = await toFault();
    await facilitator.act({ type: 'fault.confirm', faultId, dryRun: false });
    await waitFor('the start on the wire', () => hook.received.length === 1);
    await ana.act({ type: 'chat.post', text: 'Still working while the chaos tool thinks' });
    await ana.act({ type: 'severity.set', severity: 'SEV1' });
    await facilitator.act({ type: 'note.add', text: 'The chaos tool is slow to answer' });
    expect(ana.state!.severity).toBe('SEV1');
    expect(facilitator.state!.faults[faultId].status).toBe('starting');
  });

  it('a dry run logs what would be sent and sends nothing; a webhook the server lacks is refused in words', async () => {
    const { hook, facilitator, toFault } = await setup(undefined, 'another-tool');
    const faultId = await toFault();
    await facilitator.act({ type: 'fault.confirm', faultId, dryRun: false });
    await facilitator.until((p) => p.state!.faults[faultId].status === 'failed', 'the unconfigured webhook');
    expect(facilitator.state!.faults[faultId].deliveries[0].error).toMatch(/no fault webhook "chaos" is configured on this server/);
    await facilitator.act({ type: 'fault.confirm', faultId, dryRun: true });
    await facilitator.until((p) => p.state!.faults[faultId].status === 'running', 'the dry run');
    const dry = facilitator.state!.faults[faultId].deliveries[1];
    expect(dry).toMatchObject({ action: 'start', outcome: 'dry-run' });
    expect(JSON.parse(dry.body!)).toMatchObject({ type: 'fault.start', fault: { dryRun: true }, payload: { latency_ms: 800 } });
    await facilitator.act({ type: 'fault.abort', faultId });
    await facilitator.until((p) => p.state!.faults[faultId].status === 'aborted', 'the dry abort');
    expect(hook.received).toHaveLength(0);
  });
});

describe('live game day: a restart', () => {
  it('replays the real alerts unchanged, keeps the alert token, and makes a send that was in flight once more', async () => {
    const store = new MemoryStore();
    const secretBox = SecretBox.random();
    const clock = new ManualClock();
    const first = await setup(() => 'hold', 'chaos', { store, secretBox, clock });
    const { token } = (await (await first.tokenApi('POST')).json()) as { token: string };
    const faultId = await first.toFault();
    await first.facilitator.act({ type: 'fault.confirm', faultId, dryRun: false });
    await waitFor('the start on the wire', () => first.hook.received.length === 1);
    expect((await first.send(alertmanager('firing', { alertname: 'HighErrorRate', service: 'checkout' }), token)).status).toBe(202);
    const before = await store.events(first.drill.drillId, 0);
    await first.s.close();
    server = undefined;

    const hook = await receiver();
    receivers.push(hook);
    const webhooks = new Map<string, FaultWebhook>([['chaos', { name: 'chaos', url: hook.url, secret: SECRET, hint: '127.0.0.1/…/run' }]]);
    server = await startTestServer({ scenarios: [template()], store, secretBox, clock, faults: { webhooks, allowPrivate: true, retryDelays: [1000, 2000] } });
    const facilitator = await server.join({ as: 'facilitator', drillId: first.drill.drillId, key: first.drill.facilitatorKey });
    expect(facilitator.state!.machineState).toBe('detected'); // restored from the log, alert and all
    await waitFor('the start sent again', () => hook.received.length === 1);
    expect(hook.received[0].headers['x-firedrill-delivery']).toBe(first.hook.received[0].headers['x-firedrill-delivery']);
    await facilitator.until((p) => p.state!.faults[faultId].status === 'running', 'the fault running after the restart');
    expect(facilitator.state!.faults[faultId].deliveries.map((d) => `${d.action}:${d.outcome}:${d.attempt}`)).toEqual(['start:delivered:1']);

    const resolved = await fetch(`${server.url}/api/drills/${first.drill.drillId}/alerts`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(alertmanager('resolved', { alertname: 'HighErrorRate', service: 'checkout' })),
    });
    expect(resolved.status).toBe(202); // the token survived the restart
    const after = await store.events(first.drill.drillId, 0);
    expect(after.slice(0, before.length)).toEqual(before); // nothing stored was rewritten
    expect(replayStored(template(), after).divergence).toBeUndefined();
  });
});

describe('FIREDRILL_FAULTS_FILE', () => {
  it('reads named webhooks and refuses what would not work, saying what to fix', () => {
    const hooks = parseFaultWebhooks(JSON.stringify({ webhooks: { chaos: { url: 'https://chaos.example.com/hooks/run-experiment', secret: 'x'.repeat(32) } } }), false);
    expect(hooks.get('chaos')).toMatchObject({ url: 'https://chaos.example.com/hooks/run-experiment', hint: 'chaos.example.com/…ment' });
    expect(() => parseFaultWebhooks('{', false)).toThrow(/not valid JSON/);
    expect(() => parseFaultWebhooks(JSON.stringify({ webhooks: { chaos: { url: 'https://x.example', secret: 'short' } } }), false)).toThrow(/at least 16 characters/);
    expect(() => parseFaultWebhooks(JSON.stringify({ webhooks: { chaos: { url: 'http://10.0.0.5/run', secret: 'x'.repeat(32) } } }), false)).toThrow(/webhook "chaos"/);
    expect(() => parseFaultWebhooks(JSON.stringify({ webhooks: { Chaos: { url: 'https://x.example', secret: 'x'.repeat(32) } } }), false)).toThrow(/webhook name "Chaos"/);
  });
});

