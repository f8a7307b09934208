import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('security headers and caching (issue 16, defect 7)', () => {
  it('sends a Content Security Policy, no framing, no sniffing and no Referer on every route', async () => {
    server = await startTestServer();
    for (const path of ['/api/health', '/api/scenarios', '/api/nope']) {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('never lets a cache keep a response with a key, a token or a private view', async () => {
    server = await startTestServer();
    const created = await fetch(`${server.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenarioId":"drill-test"}' });
    expect(created.headers.get('cache-control')).toBe('no-store'); // the keys are in this answer only
    const { drillId, facilitatorKey } = (await created.json()) as { drillId: string; facilitatorKey: string };
    for (const path of [`/api/drills/${drillId}?key=${facilitatorKey}`, `/api/drills/${drillId}/events?key=${facilitatorKey}`, `/api/drills/${drillId}/status`]) {
      expect((await fetch(`${server.url}${path}`)).headers.get('cache-control'), path).toBe('no-store');
    }
    for (const path of [`/api/drills/${drillId}/scorecard?key=${facilitatorKey}`, `/api/drills/${drillId}/report.md?key=${facilitatorKey}`]) {
      expect((await fetch(`${server.url}${path}`)).headers.get('cache-control'), path).toBe('private, no-store');
    }
  });
});

describe('query parameters (issue 16, defect 8)', () => {
  it('refuses ?after= that is not a whole number from 0 instead of returning the whole log', async () => {
    server = await startTestServer();
    const { drill, facilitator } = await server.open();
    await facilitator.act({ type: 'drill.start' });
    const events = (after: string) => fetch(`${server!.url}/api/drills/${drill.drillId}/events?key=${drill.facilitatorKey}&after=${after}`);
    for (const bad of ['abc', '-5', '1.5', '1e3', '', '2&after=3']) {
      const res = await events(bad);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'invalid', message: '?after= must be a whole number from 0 (a seq), given once.' } });
    }
    const all = (await (await events('0')).json()) as { events: { seq: number }[] };
    const later = (await (await events('1')).json()) as { events: { seq: number }[] };
    expect(later.events.map((e) => e.seq)).toEqual(all.events.slice(1).map((e) => e.seq));
    expect((await fetch(`${server.url}/api/drills/${drill.drillId}?key=a&key=b`)).status).toBe(400);
  });
});
