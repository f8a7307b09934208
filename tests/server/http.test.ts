import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody, CreateDrillResponse, DrillDetails, DrillEventsResponse, HealthResponse, ScenarioDetail, ScenarioSummary,
} from '../../shared/protocol/messages';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function call<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: T }> {
  const { json, ...rest } = init;
  const res = await fetch(`${server!.url}${path}`, {
    ...rest,
    ...(json !== undefined ? { method: rest.method ?? 'POST', headers: { 'content-type': 'application/json', ...rest.headers }, body: JSON.stringify(json) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

describe('HTTP API', () => {
  it('answers health and lists scenarios with their public part and state graph', async () => {
    server = await startTestServer();
    expect((await call<HealthResponse>('/api/health')).body).toEqual({ status: 'ok', drills: 0, scenarios: 1, node: 'local', owned: 0, ownership: { kind: 'single' }, store: { engine: 'memory', ok: true, ms: expect.any(Number) }, adapter: { kind: 'none', ok: true }, uptimeSeconds: expect.any(Number) });

    const list = await call<ScenarioSummary[]>('/api/scenarios');
    expect(list.body.map((s) => s.id)).toEqual(['drill-test']);
    expect(list.body[0]).toMatchObject({ severity: 'SEV1', duration: '60m', roles: expect.any(Array), objectives: expect.any(Array) });

    const detail = await call<ScenarioDetail>('/api/scenarios/drill-test');
    expect(detail.body).not.toHaveProperty('states');
    expect(detail.body.graph.initial).toBe('detection');
    expect(detail.body.graph.states).toContainEqual({ id: 'detection', final: false, injects: 4 });
    expect(detail.body.graph.states).toContainEqual({ id: 'done', final: true, injects: 0 });
    expect(detail.body.graph.edges).toContainEqual({ from: 'detection', to: 'vendor-engaged', kind: 'on', label: 'vendor-support paged' });
    expect(detail.body.graph.edges).toContainEqual({ from: 'detection', to: 'social-storm', kind: 'after', label: 'after 12m unless status-page posted' });

    expect(await call<ApiErrorBody>('/api/scenarios/nope')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    expect(await call<ApiErrorBody>('/api/nothing-here')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });

  it('creates drills and shows the full view only to key holders', async () => {
    server = await startTestServer();
    const created = await call<CreateDrillResponse>('/api/drills', { json: { scenarioId: 'drill-test', title: 'Friday drill' } });
    expect(created.status).toBe(201);
    const { drillId, joinCode, facilitatorKey, observerKey } = created.body;
    expect(joinCode).toMatch(/^[A-HJ-NP-Z2-9]{3}-[A-HJ-NP-Z2-9]{3}$/);
    expect(facilitatorKey).not.toBe(observerKey);
    // The store never holds a key or token in plain text.
    expect(JSON.stringify(server.store.getDrill(drillId))).not.toContain(facilitatorKey);

    const summary = await call<DrillDetails>(`/api/drills/${drillId}`);
    expect(summary.body).toMatchObject({ drillId, scenarioId: 'drill-test', title: 'Friday drill', status: 'lobby', participants: 0 });
    expect(summary.body.view).toBeUndefined();

    const staff = await call<DrillDetails>(`/api/drills/${drillId}`, { headers: { 'x-firedrill-key': facilitatorKey } });
    expect(staff.body.view?.identity).toEqual({ kind: 'facilitator' });
    expect(staff.body.view?.script?.id).toBe('drill-test');
    const observer = await call<DrillDetails>(`/api/drills/${drillId}?key=${observerKey}`);
    expect(observer.body.view?.identity).toEqual({ kind: 'observer' });
    expect(await call(`/api/drills/${drillId}?key=${'x'.repeat(32)}`)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });

    expect(await call(`/api/drills/${drillId}/events`)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const events = await call<DrillEventsResponse>(`/api/drills/${drillId}/events?key=${observerKey}`);
    expect(events).toMatchObject({ status: 200, body: { drillId, events: [] } });
    expect(await call('/api/drills/missing')).toMatchObject({ status: 404 });
    expect((await call<HealthResponse>('/api/health')).body.drills).toBe(1);
  });

  it('refuses bad request bodies with a JSON error that says what is wrong', async () => {
    server = await startTestServer();
    expect(await call<ApiErrorBody>('/api/drills', { json: {} })).toMatchObject({ status: 400, body: { error: { code: 'invalid', message: /scenarioId/ } } });
    expect(await call<ApiErrorBody>('/api/drills', { json: { scenarioId: 'drill-test', extra: 1 } })).toMatchObject({ status: 400 });
    expect(await call<ApiErrorBody>('/api/drills', { json: { scenarioId: 'nope' } })).toMatchObject({ status: 404, body: { error: { message: /GET \/api\/scenarios/ } } });
    const badJson = await call<ApiErrorBody>('/api/drills', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenarioId":' });
    expect(badJson).toMatchObject({ status: 400, body: { error: { code: 'invalid', message: /not valid JSON/ } } });
    const big = await call<ApiErrorBody>('/api/drills', { json: { scenarioId: 'drill-test', title: 'x'.repeat(50_000) } });
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'too-large' } } });
    expect(await server.store.listLiveDrills()).toHaveLength(0);
  });

  it('serves the built client with an SPA fallback for client routes', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'firedrill-dist-'));
    dirs.push(dist);
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Firedrill app</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    server = await startTestServer({ clientDir: dist });
    for (const path of ['/', '/drill/abc123', '/status/abc123', '/scorecard/abc123']) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('Firedrill app');
    }
    expect(await (await fetch(`${server.url}/assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await call('/api/unknown')).status).toBe(404);
  });

  it('compresses the client (brotli or gzip) and caches hashed assets for good, index.html never', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'firedrill-dist-'));
    dirs.push(dist);
    mkdirSync(join(dist, 'assets'));
    const script = `export const app = ${JSON.stringify('firedrill '.repeat(20_000))};`;
    writeFileSync(join(dist, 'index.html'), `<!doctype html><title>Firedrill app</title>${'<!-- padding -->'.repeat(200)}`);
    writeFileSync(join(dist, 'assets', 'index-3fA9bC1dE.js'), script);
    writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
    server = await startTestServer({ clientDir: dist });
    const get = (path: string, encoding: string) => new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet(`${server!.url}${path}`, { headers: { 'accept-encoding': encoding, accept: 'text/html,*/*' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });

    const br = await get('/assets/index-3fA9bC1dE.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);
    const gz = await get('/assets/index-3fA9bC1dE.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    for (const path of ['/', '/drill/abc123']) {
      const page = await get(path, 'gzip');
      expect(page.headers['cache-control'], path).toBe('no-cache');
      expect(page.headers['content-encoding'], path).toBe('gzip');
      expect(gunzipSync(page.body).toString()).toContain('Firedrill app');
    }
    expect((await get('/favicon.svg', 'identity')).headers['cache-control']).toBe('public, max-age=3600');
    const api = await get('/api/scenarios/drill-test', 'gzip');
    expect(api.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(api.body).toString()).id).toBe('drill-test');
  });
});
