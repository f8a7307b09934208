import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/protocol/messages';
import { readConfig } from '../../server/config';
import { addressKey, DEFAULT_CREATE_LIMIT, parseCreateLimit } from '../../server/http/create-limit';
import { startTestServer, type TestServer } from './helpers';

const MIN = 60_000;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** `POST /api/drills`, optionally as another client address (the server trusts X-Forwarded-For from loopback). */
async function create(from?: string): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const res = await fetch(`${server!.url}/api/drills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ scenarioId: 'drill-test' }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

describe('POST /api/drills rate limit', () => {
  it('lets one address create 30 drills per 10 minutes, then answers 429 with Retry-After', async () => {
    server = await startTestServer();
    for (let i = 0; i < 30; i++) expect((await create()).status, `drill ${i + 1}`).toBe(201);
    const refused = await create();
    expect(refused).toEqual({
      status: 429,
      retryAfter: '20', // one drill comes back every 10 min / 30 = 20 s
      body: { error: { code: 'rate-limited', message: 'Too many drills created from this address; try again in 1 minute.' } } satisfies ApiErrorBody,
    });
    expect(await server.store.listLiveDrills()).toHaveLength(30);

    // Another address has its own allowance.
    expect((await create('203.0.113.7')).status).toBe(201);

    // Tokens come back with (manual) time: one after 20 s, the whole allowance after 10 minutes.
    server.clock.advance(19_000);
    expect(await create()).toMatchObject({ status: 429, retryAfter: '1' });
    server.clock.advance(1_000);
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(429);
    server.clock.advance(10 * MIN);
    for (let i = 0; i < 30; i++) expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(429);
  });

  it('does not count requests that would create nothing', async () => {
    server = await startTestServer({ createLimit: { count: 1, perMs: 10 * MIN } });
    const bad = await fetch(`${server.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenarioId":"nope"}' });
    expect(bad.status).toBe(404);
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(429);
  });

  it('takes its limit from the options (or none), and from FIREDRILL_CREATE_LIMIT', async () => {
    server = await startTestServer({ createLimit: { count: 2, perMs: 60 * MIN } });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    expect(await create()).toMatchObject({
      status: 429, retryAfter: '1800', body: { error: { message: 'Too many drills created from this address; try again in 30 minutes.' } },
    });
    await server.close();

    server = await startTestServer({ createLimit: false });
    for (let i = 0; i < 40; i++) expect((await create()).status).toBe(201);

    expect(readConfig({}).createLimit).toEqual(DEFAULT_CREATE_LIMIT);
    expect(readConfig({ FIREDRILL_CREATE_LIMIT: '100/1h' }).createLimit).toEqual({ count: 100, perMs: 60 * MIN });
    expect(readConfig({ FIREDRILL_CREATE_LIMIT: '5' }).createLimit).toEqual({ count: 5, perMs: 10 * MIN });
    expect(readConfig({ FIREDRILL_CREATE_LIMIT: 'off' }).createLimit).toBe(false);
    expect(parseCreateLimit('0')).toBe(false);
    expect(() => readConfig({ FIREDRILL_CREATE_LIMIT: 'lots' })).toThrow(/FIREDRILL_CREATE_LIMIT must look like 30\/10m/);
    expect(() => parseCreateLimit('30/ten minutes')).toThrow(/not "30\/ten minutes"/);
  });

  it('counts an IPv6 client per /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:b')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:198.51.100.4')).toBe('198.51.100.4');
    expect(addressKey('198.51.100.4')).toBe('198.51.100.4');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
