import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundStatus } from '../../shared/protocol/messages';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../server/config';
import { loadSecretBox, SecretBox } from '../../server/outbound/secret-box';
import { isPrivateAddress, urlProblem } from '../../server/outbound/deliver';
import { startTestServer, type Player, type TestServer } from './helpers';
import { verifySignature, waitFor, webhookReceiver, type Receiver } from './receiving';

/**
 * Outbound webhooks against a real HTTP receiver on 127.0.0.1 (standing in for Slack): signed events arrive in
 * order, failures are retried with backoff and shown to the facilitator, and a failing or slow receiver never
 * holds up the drill.
 */

/** What the Slack-style webhook is sent. */
type Posted = { text: string; blocks: unknown[]; firedrill?: { seq?: number; type: string; channel: string; data: Record<string, unknown> } };
const receiver = (answer?: Parameters<typeof webhookReceiver>[1]) => webhookReceiver<Posted>('/services/T000/B000/secretpathXYZ9', answer);

let server: TestServer | undefined;
const receivers: Receiver<Posted>[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const r of receivers.splice(0)) await r.close();
});

async function setup(answer?: Parameters<typeof receiver>[0], outbound: Record<string, unknown> = {}) {
  const hook = await receiver(answer);
  receivers.push(hook);
  server = await startTestServer({ outbound: { allowPrivate: true, retryDelays: [1000, 2000, 4000], ...outbound } });
  const { drill, facilitator, team: [ana] } = await server.open(['Ana']);
  await ana.act({ type: 'role.claim', role: 'ic' });
  const api = (method: string, path = '', body?: unknown, key = drill.facilitatorKey) => fetch(`${server!.url}/api/drills/${drill.drillId}/outbound${path}`, {
    method, headers: { 'x-firedrill-key': key, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { s: server, hook, drill, facilitator, ana, api };
}

const statuses = (player: Player) => {
  const seen: OutboundStatus[] = [];
  player.socket.on('drill:outbound', (status) => seen.push(status));
  return seen;
};

describe('outbound webhooks', () => {
  it('delivers the chosen channels in order, signed, and never shows the URL back', async () => {
    const { s, hook, drill, facilitator, ana, api } = await setup();
    const put = await api('PUT', '', { url: hook.url, channels: ['injects', 'status-page', 'declarations', 'drill'] });
    expect(put.status).toBe(200);
    const { status, signingSecret } = (await put.json()) as { status: OutboundStatus; signingSecret: string };
    expect(signingSecret).toMatch(/^whsec_/);
    expect(status).toMatchObject({ configured: true, format: 'json', target: expect.stringMatching(/^127\.0\.0\.1:\d+\/…XYZ9$/) });
    const shown = await (await api('GET')).text();
    expect(shown).not.toContain('secretpath');
    expect(shown).not.toContain(signingSecret);
    // Stored sealed: neither the URL nor the secret is in the store in the clear.
    expect(JSON.stringify(s.store.getOutbound(drill.drillId))).not.toContain('secretpath');

    await facilitator.act({ type: 'drill.start' });
    await ana.act({ type: 'chat.post', text: 'war room is not mirrored by default' });
    await ana.act({ type: 'status.post', phase: 'investigating', text: 'Checkout is failing for some customers; we are on it.' });
    await ana.act({ type: 'severity.set', severity: 'SEV2' });
    await facilitator.act({ type: 'inject.send', to: ['comms'], channel: 'news', title: 'Only for comms', ack: false });
    await facilitator.act({ type: 'inject.send', to: ['all'], channel: 'social', from: '@customer', title: 'Is checkout down?', ack: false });
    await waitFor('5 deliveries', () => hook.received.length >= 5);
    await ana.sync();

    const types = hook.received.map((r) => r.json.firedrill!.type);
    expect(types).toEqual(['drill.start', 'inject.delivered', 'status.post', 'severity.set', 'inject.delivered']);
    const seqs = hook.received.map((r) => r.json.firedrill!.seq!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const r of hook.received) {
      expect(verifySignature(signingSecret, r.headers['x-firedrill-signature'] as string, r.body)).toBe(true);
      expect(verifySignature('whsec_wrong', r.headers['x-firedrill-signature'] as string, r.body)).toBe(false);
      expect(r.headers['x-firedrill-delivery']).toBe(`${drill.drillId}:${r.json.firedrill!.seq}`);
      expect(r.json.text).toMatch(/^\[DRILL\] /);
    }
    expect(hook.received[1].json.text).toContain('CRITICAL: checkout error rate 38%');
    expect(hook.received.at(-1)!.json.firedrill!.data).toMatchObject({ from: '@customer', title: 'Is checkout down?' });
    expect(JSON.stringify(hook.received)).not.toContain('Only for comms'); // a role's inbox stays with the role
    expect((await (await api('GET')).json() as OutboundStatus)).toMatchObject({ delivered: 5, failed: 0, pending: 0 });
  });

  it('sends Slack URLs exactly what an incoming webhook takes', async () => {
    const { hook, facilitator, api } = await setup();
    expect((await api('PUT', '', { url: hook.url, format: 'slack' })).status).toBe(200);
    await facilitator.act({ type: 'drill.start' });
    await waitFor('a delivery', () => hook.received.length >= 2);
    expect(Object.keys(hook.received[0].json).sort()).toEqual(['blocks', 'text']);
    expect(hook.received[0].json.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'section' })]));
  });

  it('retries a failing receiver with backoff, then reports the failure to the console', async () => {
    const { s, hook, facilitator, api } = await setup((_n, res) => { res.statusCode = 503; res.end('down'); });
    const seen = statuses(facilitator);
    expect((await api('PUT', '', { url: hook.url, channels: ['drill'] })).status).toBe(200);
    await facilitator.act({ type: 'drill.start' });
    await waitFor('the first attempt', () => hook.received.length === 1);
    await waitFor('the retry planned', () => seen.some((st) => st.lastError?.retrying));
    s.clock.advance(999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hook.received).toHaveLength(1); // not before its backoff
    s.clock.advance(1);
    await waitFor('the second attempt', () => hook.received.length === 2);
    await waitFor('the next retry planned', () => seen.filter((st) => st.lastError?.retrying).length >= 2);
    s.clock.advance(2000);
    await waitFor('the third attempt', () => hook.received.length === 3);
    await waitFor('the last retry planned', () => seen.filter((st) => st.lastError?.retrying).length >= 3);
    s.clock.advance(4000);
    await waitFor('given up', () => seen.at(-1)?.failed === 1);
    expect(hook.received).toHaveLength(4);
    expect(new Set(hook.received.map((r) => r.headers['x-firedrill-delivery'])).size).toBe(1); // the same delivery each time
    expect(seen.at(-1)!.lastError).toMatchObject({ retrying: false, message: expect.stringMatching(/answered 503, gave up after 4 attempts/) });
  });

  it('never holds up the drill: an inject reaches the team while the receiver sits on the first delivery', async () => {
    const { s, hook, facilitator, ana, api } = await setup(() => 'hold', { maxQueue: 3 });
    expect((await api('PUT', '', { url: hook.url })).status).toBe(200);
    await facilitator.act({ type: 'drill.start' });
    await waitFor('the receiver holding a request', () => hook.open.length === 1);
    for (let i = 1; i <= 5; i++) {
      await facilitator.act({ type: 'inject.send', to: ['all'], channel: 'chat', title: `Inject ${i}`, ack: false });
    }
    await ana.until((p) => p.injectIds().length === 6, 'every inject in the room');
    // Scripted injects keep coming on the drill clock too.
    s.clock.advance(3 * 60_000);
    await ana.until((p) => p.injectIds().includes('support-tickets'), 'a timed inject');
    expect(hook.open).toHaveLength(1); // still stuck on the first delivery
    const status = (await (await api('GET')).json()) as OutboundStatus;
    expect(status.pending).toBe(3); // bounded: the oldest waiting were dropped
    expect(status.dropped).toBeGreaterThan(0);
  });

  it('is the facilitator\'s to set up, and refuses bad URLs with a reason', async () => {
    const { drill, hook, api } = await setup();
    expect((await api('GET', '', undefined, drill.observerKey)).status).toBe(403);
    expect((await fetch(`${server!.url}/api/drills/${drill.drillId}/outbound`)).status).toBe(401);
    const bad = async (body: unknown) => ((await (await api('PUT', '', body)).json()) as { error: { message: string } }).error.message;
    expect(await bad({ url: 'not a url' })).toMatch(/not a URL/);
    expect(await bad({ url: 'ftp://example.com/x' })).toMatch(/https/);
    expect(await bad({ url: hook.url, channels: ['everything'] })).toMatch(/pick channels from/);
    expect(await bad({ channels: ['injects'] })).toMatch(/Paste the webhook URL first/);
    expect((await api('POST', '/test')).status).toBe(400);
    expect((await api('PUT', '', { url: hook.url })).status).toBe(200);
    expect((await api('POST', '/test')).status).toBe(202);
    await waitFor('the test message', () => hook.received.length === 1);
    expect(hook.received[0].json.text).toContain('this webhook works');
    expect((await api('DELETE')).status).toBe(200);
    expect(((await (await api('GET')).json()) as OutboundStatus).configured).toBe(false);
  });
});

describe('webhook URLs and secrets', () => {
  it('refuses private targets unless the server allows them', () => {
    expect(urlProblem('https://hooks.slack.com/services/T/B/x', false)).toBeUndefined();
    expect(urlProblem('http://hooks.slack.com/services/T/B/x', false)).toMatch(/https/);
    for (const url of ['https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://[::1]/x', 'https://169.254.169.254/latest', 'https://localhost/x', 'https://192.168.0.10/x']) {
      expect(urlProblem(url, false), url).toMatch(/private network/);
      expect(urlProblem(url, true), url).toBeUndefined();
    }
    expect(isPrivateAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
  });

  it('seals with AES-GCM: another key cannot open it, a changed value is refused', () => {
    const box = SecretBox.random();
    const sealed = box.seal('https://hooks.slack.com/services/T/B/secret');
    expect(sealed).not.toContain('secret');
    expect(box.open(sealed)).toBe('https://hooks.slack.com/services/T/B/secret');
    expect(() => SecretBox.random().open(sealed)).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => SecretBox.fromText('short')).toThrow(/openssl rand -hex 32/);
    expect(SecretBox.fromText('a'.repeat(64)).open(SecretBox.fromText('a'.repeat(64)).seal('x'))).toBe('x');
  });

  it('keeps the key in FIREDRILL_SECRET_KEY or in a key file next to the database, made once, owner-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-key-'));
    try {
      const db = join(dir, 'data', 'firedrill.db');
      const first = loadSecretBox(undefined, db);
      expect(first.source).toBe(join(dir, 'data', 'secret.key'));
      expect(statSync(first.source).mode & 0o777).toBe(0o600);
      const sealed = first.box.seal('kept across restarts');
      expect(loadSecretBox(undefined, db).box.open(sealed)).toBe('kept across restarts');
      const fromEnv = loadSecretBox('b'.repeat(64), db);
      expect(fromEnv.source).toBe('FIREDRILL_SECRET_KEY');
      expect(() => fromEnv.box.open(sealed)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(readConfig({}).webhookAllowPrivate).toBe(false);
    expect(readConfig({ FIREDRILL_WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
    expect(() => readConfig({ FIREDRILL_WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toThrow(/true or false/);
  });
});
