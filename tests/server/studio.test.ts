import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody, SaveScenarioResponse, ScenarioSource, ScenarioSummary, StudioInfo } from '../../shared/protocol/messages';
import { loadScenario } from '../../shared/scenario/load';
import { readConfig } from '../../server/config';
import { loadScenarioDir } from '../../server/scenario-files';
import { KEEP_VERSIONS } from '../../server/scenario-library';
import { BASE, edit } from '../shared/scenario/helpers';
import { startTestServer, type TestServer } from './helpers';

const KEY = 'studio-test-admin-key-0123456789';
let server: TestServer | undefined;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'firedrill-studio-'));
  writeFileSync(join(dir, 'tiny.yaml'), BASE);
  writeFileSync(join(dir, 'broken.yaml'), edit('id: tiny', 'id: broken', edit('duration: 30m', 'duration: soon')));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A server over the temporary folder, loaded as server/main.ts loads it. */
async function start(adminKey: string | null = KEY): Promise<TestServer> {
  const { scenarios, files } = loadScenarioDir(dir);
  server = await startTestServer({ scenarios, library: { dir, files, ...(adminKey ? { adminKey } : {}) } });
  return server;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server!.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function put<T = SaveScenarioResponse>(id: string, text: string, key: string | null = KEY) {
  return call<T>(`/api/scenarios/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-firedrill-admin-key': key } : {}) },
    body: JSON.stringify({ text }),
  });
}

const scenario = (id: string, title = 'My drill') => edit('title: Tiny drill', `title: ${title}`, edit('id: tiny', `id: ${id}`));
const files = () => readdirSync(dir).sort();

describe('FIREDRILL_ADMIN_KEY', () => {
  it('is off by default, and must be a long secret when set', () => {
    expect(readConfig({}).adminKey).toBeUndefined();
    expect(readConfig({ FIREDRILL_ADMIN_KEY: '  ' }).adminKey).toBeUndefined();
    expect(readConfig({ FIREDRILL_ADMIN_KEY: KEY }).adminKey).toBe(KEY);
    expect(() => readConfig({ FIREDRILL_ADMIN_KEY: 'hunter2' })).toThrow(/FIREDRILL_ADMIN_KEY must be at least 16 characters/);
  });
});

describe('the studio on the server', () => {
  it('says whether saving is on', async () => {
    await start(null);
    expect((await call<StudioInfo>('/api/studio')).body).toEqual({ save: false, sourcesNeedKey: false });
    await server!.close();
    await start();
    expect((await call<StudioInfo>('/api/studio')).body).toEqual({ save: true, sourcesNeedKey: true });
  });

  it('serves a scenario file as written, comments and all, to anyone on a server without a key', async () => {
    await start(null);
    const source = await fetch(`${server!.url}/api/scenarios/tiny/source`);
    expect(source.headers.get('cache-control')).toBe('private, no-store');
    expect(await source.json()).toEqual({ id: 'tiny', file: 'tiny.yaml', text: BASE });
    expect(await call<ApiErrorBody>('/api/scenarios/nope/source')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });

  it('keeps scenario files to the admin key on a server that has one (the players share the server)', async () => {
    await start();
    const refused = await call<ApiErrorBody>('/api/scenarios/tiny/source');
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'unauthorized', message: expect.stringContaining('admin key') } } });
    expect(JSON.stringify(refused.body)).not.toContain('Tiny drill');
    expect((await call<ApiErrorBody>('/api/scenarios/tiny/source', { headers: { 'x-firedrill-admin-key': 'wrong-key-but-long-enough' } })).status).toBe(403);
    const opened = await call<ScenarioSource>('/api/scenarios/tiny/source', { headers: { 'x-firedrill-admin-key': KEY } });
    expect(opened).toEqual({ status: 200, body: { id: 'tiny', file: 'tiny.yaml', text: BASE } });
  });

  it('writes out a scenario that came from no file, so that it loads as the same scenario', async () => {
    server = await startTestServer();
    const source = (await call<ScenarioSource>('/api/scenarios/drill-test/source')).body;
    expect(source.file).toBeNull();
    const loaded = loadScenario(source.text);
    expect(loaded.ok && loaded.scenario.id).toBe('drill-test');
  });

  it('saves a new scenario into the folder, and the library offers it at once', async () => {
    await start();
    const saved = await put('my-drill', scenario('my-drill'));
    expect(saved).toEqual({ status: 201, body: { id: 'my-drill', file: 'my-drill.yaml', created: true, warnings: [] } });
    expect(readFileSync(join(dir, 'my-drill.yaml'), 'utf8')).toBe(scenario('my-drill'));
    expect((await call<ScenarioSummary[]>('/api/scenarios')).body.map((s) => s.id)).toContain('my-drill');
    // A drill can be run from it straight away.
    expect((await server!.createDrill('my-drill')).drillId).toBeTruthy();
    // Nothing temporary is left behind; the studio lists the file as its own.
    expect(files()).toEqual(['.history', 'broken.yaml', 'my-drill.yaml', 'tiny.yaml']);
    expect(JSON.parse(readFileSync(join(dir, '.history', 'studio.json'), 'utf8'))).toEqual({ files: ['my-drill.yaml'] });
  });

  it('replaces its own scenario and keeps the previous version', async () => {
    await start();
    await put('my-drill', scenario('my-drill', 'First version'));
    server!.clock.advance(60_000);
    const again = await put('my-drill', scenario('my-drill', 'Second version'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, backup: expect.stringMatching(/^\.history\/my-drill\.yaml\.\d{8}T\d{6}-\d{3}Z\.bak$/) });
    expect(readFileSync(join(dir, again.body.backup!), 'utf8')).toContain('title: First version');
    expect(readFileSync(join(dir, 'my-drill.yaml'), 'utf8')).toContain('title: Second version');
    const listed = (await call<ScenarioSummary[]>('/api/scenarios')).body.filter((s) => s.id === 'my-drill');
    expect(listed.map((s) => s.title)).toEqual(['Second version']);
  });

  it(`keeps the last ${KEEP_VERSIONS} versions of a file`, async () => {
    await start();
    for (let i = 0; i < KEEP_VERSIONS + 3; i++) {
      expect((await put('my-drill', scenario('my-drill', `Version ${i}`))).status).toBeLessThan(300);
      server!.clock.advance(1000);
    }
    const backups = readdirSync(join(dir, '.history')).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(KEEP_VERSIONS);
    // The oldest went first: version 0 is gone, the one before the current is kept.
    const texts = backups.map((f) => readFileSync(join(dir, '.history', f), 'utf8'));
    expect(texts.some((t) => t.includes('Version 0\n'))).toBe(false);
    expect(texts.some((t) => t.includes(`Version ${KEEP_VERSIONS + 1}\n`))).toBe(true);
  });

  it('never overwrites a file it did not write: the bundled scenario, or any other file in the folder', async () => {
    await start();
    const bundled = await put<ApiErrorBody>('tiny', scenario('tiny', 'Hijacked'));
    expect(bundled.status).toBe(409);
    expect(bundled.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('"tiny-copy"') });
    expect(readFileSync(join(dir, 'tiny.yaml'), 'utf8')).toBe(BASE);
    // broken.yaml is not in the library (it does not load), but it is still somebody's file.
    expect((await put<ApiErrorBody>('broken', scenario('broken'))).status).toBe(409);
    expect(readFileSync(join(dir, 'broken.yaml'), 'utf8')).toContain('duration: soon');
    expect(files()).toEqual(['broken.yaml', 'tiny.yaml']);
  });

  it('refuses a scenario with errors, with every problem at its line, and writes nothing', async () => {
    await start();
    const bad = await put<ApiErrorBody>('my-drill', edit('to: [comms]', 'to: [icc]', edit('duration: 30m', 'duration: 30 minutes', scenario('my-drill'))));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    expect(bad.body.error.message).toMatch(/^The scenario has 2 errors; fix them and save again\. First: line 6: /);
    expect(bad.body.error.problems?.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual([
      '6:11: "30 minutes" is not a duration; write it like "45s", "5m" or "1h30m"',
      '29:33: unknown role "icc" — did you mean "ic"?',
    ]);
    expect(files()).toEqual(['broken.yaml', 'tiny.yaml']);
  });

  it('refuses a file whose id is not the one it is saved as', async () => {
    await start();
    const mismatch = await put<ApiErrorBody>('other-name', scenario('my-drill'));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toContain('The file says id: my-drill, but it is being saved as "other-name"');
    expect(files()).toEqual(['broken.yaml', 'tiny.yaml']);
  });

  it('refuses names that would leave the folder', async () => {
    await start();
    for (const id of ['..%2F..%2Fevil', '%2E%2E', 'a%2Fb', 'Evil', '.history', '%00x']) {
      const res = await rawPut(`/api/scenarios/${id}`, scenario('evil'));
      expect(res.status, id).toBeGreaterThanOrEqual(400);
      expect(res.status, id).toBeLessThan(500);
    }
    expect(files()).toEqual(['broken.yaml', 'tiny.yaml']);
    expect(existsSync(join(dir, '..', 'evil.yaml'))).toBe(false);
  });

  it('refuses without the key, with a wrong key, and when saving is off, before reading the body', async () => {
    await start();
    expect(await put<ApiErrorBody>('my-drill', scenario('my-drill'), null)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(await put<ApiErrorBody>('my-drill', scenario('my-drill'), 'not-the-key-but-long-enough')).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    // A wrong key is refused even with a body the server would otherwise parse.
    const junk = await call<ApiErrorBody>('/api/scenarios/my-drill', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-firedrill-admin-key': 'wrong' }, body: '{not json' });
    expect(junk.status).toBe(403);
    await server!.close();
    await start(null);
    const off = await put<ApiErrorBody>('my-drill', scenario('my-drill'));
    expect(off.status).toBe(403);
    expect(off.body.error.message).toContain('FIREDRILL_ADMIN_KEY');
    expect(files()).toEqual(['broken.yaml', 'tiny.yaml']);
  });

  it('takes scenario files bigger than the API\'s small body limit, up to its own', async () => {
    await start();
    const big = scenario('big-drill').replace('summary: A scenario', `summary: "${'x'.repeat(40_000)}" # A scenario`);
    expect((await put('big-drill', big)).status).toBe(201);
    const huge = await put<ApiErrorBody>('huge-drill', `${scenario('huge-drill')}\n#${'x'.repeat(300 * 1024)}\n`);
    expect(huge.status).toBe(413);
  });
});

/** A PUT with the path exactly as given (fetch would normalise `..`). */
function rawPut(path: string, text: string): Promise<{ status: number }> {
  const url = new URL(server!.url);
  const body = JSON.stringify({ text });
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method: 'PUT', path, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-firedrill-admin-key': KEY } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
