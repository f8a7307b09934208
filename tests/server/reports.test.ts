import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunComparison, Scorecard } from '../../shared/scoring';
import { formatReport, readFromStore } from '../../server/cli/report';
import { MemoryStore } from '../../server/store/memory-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import { GOLDEN } from '../shared/scoring/golden-scenario';
import { silent, slow, textbook } from '../shared/scoring/teams';
import { storeFinishedDrill } from './finished-drills';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<TestServer> {
  const store = new MemoryStore();
  storeFinishedDrill(store, 'run-1', silent(), 1);
  storeFinishedDrill(store, 'run-2', slow(), 2);
  storeFinishedDrill(store, 'run-3', textbook(), 3);
  server = await startTestServer({ store, scenarios: [GOLDEN] });
  return server;
}

describe('GET /api/drills/:id/scorecard and report.md', () => {
  it('gives the facilitator the full scorecard and the observer the Markdown report', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/drills/run-3/scorecard`, { headers: { 'x-firedrill-key': 'fac-run-3' } });
    expect(res.status).toBe(200);
    const card = (await res.json()) as Scorecard;
    expect(card).toMatchObject({ overall: 100, drill: { id: 'run-3', status: 'ended' }, scenario: { id: 'golden-db' } });
    expect(card.objectives).toHaveLength(GOLDEN.objectives.length);

    const md = await fetch(`${url}/api/drills/run-2/report.md?key=obs-run-2`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8/);
    const text = await md.text();
    expect(text).toMatch(/^# After-action report: The orders database stops accepting writes\n/);
    expect(text).toContain('| Overall score | **73 / 100** |');
  });

  it('needs a key that opens this drill', async () => {
    const { url } = await start();
    const none = await fetch(`${url}/api/drills/run-3/scorecard`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
    const otherDrill = await fetch(`${url}/api/drills/run-3/report.md?key=fac-run-1`);
    expect(otherDrill.status).toBe(403);
    const missing = await fetch(`${url}/api/drills/nope/scorecard?key=fac-run-3`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('There is no drill "nope". Check the link you were given.');
  });

  it('scores a drill that is still in the lobby (nothing done yet: 0)', async () => {
    const s = await start();
    const created = await s.createDrill('golden-db');
    const res = await fetch(`${s.url}/api/drills/${created.drillId}/scorecard?key=${created.facilitatorKey}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ overall: 0, drill: { status: 'lobby', id: created.drillId } });
  });
});

describe('GET /api/scenarios/:id/runs', () => {
  it('compares finished runs oldest first, per objective, with numbers only', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/scenarios/golden-db/runs`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as RunComparison;
    expect(body.runs.map((r) => r.overall)).toEqual([6, 73, 100]);
    expect(body.runs.every((r) => r.drillId === null)).toBe(true);
    expect(body.overall).toBe('improving');
    expect(body.objectives.find((o) => o.id === 'first-update')?.runs.map((r) => r?.rating)).toEqual(['U', 'S', 'P']);
    expect(JSON.stringify(body)).not.toContain('Ana Silva');
  });

  it('names only the caller\'s own run, when its key comes with it', async () => {
    const { url } = await start();
    const mine = (await (await fetch(`${url}/api/scenarios/golden-db/runs?drill=run-2&key=obs-run-2`)).json()) as RunComparison;
    expect(mine.runs.map((r) => r.drillId)).toEqual([null, 'run-2', null]);
    const noKey = (await (await fetch(`${url}/api/scenarios/golden-db/runs?drill=run-2`)).json()) as RunComparison;
    expect(noKey.runs.map((r) => r.drillId)).toEqual([null, null, null]);
    expect((await fetch(`${url}/api/scenarios/golden-db/runs?drill=run-2&key=obs-run-1`)).status).toBe(403);
  });

  it('says 404 for a scenario it has never heard of', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/scenarios/no-such/runs`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe('There is no scenario "no-such". GET /api/scenarios lists them.');
  });
});

describe('report CLI on a SQLite store', () => {
  it('reads the drill and its scenario from the store file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'firedrill-store-')), 'firedrill.db');
    const store = new SqliteStore(file);
    storeFinishedDrill(store, 'run-9', textbook(), 9);
    store.close();
    const input = await readFromStore(file, 'run-9');
    expect(input).toMatchObject({ drillId: 'run-9', scenario: { id: 'golden-db' } });
    expect(JSON.parse(formatReport(input, 'json'))).toMatchObject({ overall: 100, drill: { id: 'run-9' } });
    await expect(readFromStore(file, 'nope')).rejects.toThrow(`There is no drill "nope" in ${file}.`);
    await expect(readFromStore(`${file}.missing`, "run-9")).rejects.toThrow(/There is no drill store at/);
  });
});
