import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import type { PreviousItems, RunsPage } from '../../shared/runs/runs-page';
import { MemoryStore } from '../../server/store/memory-store';
import { GOLDEN } from '../shared/scoring/golden-scenario';
import { silent, slow, textbook } from '../shared/scoring/teams';
import { storeFinishedDrill } from './finished-drills';
import { startTestServer, type TestServer } from './helpers';

/** An action item added (and one updated) after the end of a stored log. */
function withItems(events: DrillEvent[]): DrillEvent[] {
  const last = events.at(-1)!;
  const by = { kind: 'facilitator' } as const;
  return [
    ...events,
    { type: 'action-item.add', text: '=HYPERLINK("http://x","click")', owner: 'Ana, "the IC"', seq: last.seq + 1, t: last.t, by },
    { type: 'action-item.add', text: 'Runbook for failover', owner: 'Ben', due: '2026-04-01', priority: 'high', seq: last.seq + 2, t: last.t, by },
    { type: 'action-item.update', id: String(last.seq + 2), status: 'done', seq: last.seq + 3, t: last.t, by },
  ];
}

let server: TestServer | undefined;
let store: MemoryStore;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<TestServer> {
  store = new MemoryStore();
  storeFinishedDrill(store, 'run-1', silent(), 1, 2);
  storeFinishedDrill(store, 'run-2', slow(), 2, 2);
  storeFinishedDrill(store, 'run-3', withItems(textbook()), 3, 2);
  server = await startTestServer({ store, scenarios: [GOLDEN] });
  return server;
}

const runs = async (url: string, query = '', headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}/api/scenarios/golden-db/runs${query}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as RunsPage;
};

describe('GET /api/scenarios/:id/runs, paginated', () => {
  it('pages newest first with a cursor, each page oldest first, and keeps a summary of each run it read', async () => {
    const { url } = await start();
    const first = await runs(url, '?limit=2');
    expect(first.runs.map((r) => r.overall)).toEqual([73, 100]);
    expect(first.page).toMatchObject({ limit: 2, total: 3 });
    expect(first.page.next).toEqual(expect.any(String));
    const second = await runs(url, `?limit=2&before=${encodeURIComponent(first.page.next!)}`);
    expect(second.runs.map((r) => r.overall)).toEqual([6]);
    expect(second.page.next).toBeNull();
    // Backfilled: every run now has a stored summary, so the next read touches no log.
    await store.commit();
    const stored = await store.listEndedRuns('golden-db', { limit: 10 });
    expect(stored.map((r) => r.summary?.overall)).toEqual([100, 73, 6]);
    expect(stored[0].summary).toMatchObject({ counts: { actionItems: 4, openActionItems: 3 }, times: { firstStatusPost: expect.any(Number) } });
  });

  it('carries numbers only, unless the caller shows the key of a run: then its id and team', async () => {
    const { url } = await start();
    const open = await runs(url);
    expect(open.runs.every((r) => r.drillId === null && r.team === null)).toBe(true);
    expect(JSON.stringify(open)).not.toMatch(/Ana|run-\d/);
    const keyed = await runs(url, '', { 'x-firedrill-keys': 'run-1:fac-run-1,run-3:obs-run-3,run-2:wrong' });
    expect(keyed.runs.map((r) => r.drillId)).toEqual(['run-1', null, 'run-3']);
    expect(keyed.runs[2].team?.length).toBeGreaterThan(0);
  });

  it('refuses a bad limit or cursor with a message', async () => {
    const { url } = await start();
    const limit = await fetch(`${url}/api/scenarios/golden-db/runs?limit=500`);
    expect(limit.status).toBe(400);
    expect((await limit.json()).error.message).toMatch(/1 to 100/);
    const cursor = await fetch(`${url}/api/scenarios/golden-db/runs?before=%27%20OR%201`);
    expect(cursor.status).toBe(400);
  });
});

describe('GET /api/drills/:id/action-items.csv', () => {
  it('gives the latest values as RFC 4180 CSV, formula-safe, to the readers of the report', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/api/drills/run-3/action-items.csv`)).status).toBe(401);
    const res = await fetch(`${url}/api/drills/run-3/action-items.csv?key=obs-run-3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="action-items-run-3.csv"');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id,action,owner,due,priority,status,finding,finding_text,added_at');
    expect(lines).toHaveLength(4 + 2);
    // The textbook team's two items, then ours: a would-be formula defused and quoted, a quote doubled.
    expect(lines[3]).toMatch(/^\d+,"'=HYPERLINK\(""http:\/\/x"",""click""\)","Ana, ""the IC""",,Medium,Open,,,/);
    expect(lines[4]).toMatch(/^\d+,Runbook for failover,Ben,2026-04-01,High,Done,,,/);
    expect(lines.at(-1)).toBe('');
  });
});

describe('GET /api/drills/:id/previous-items', () => {
  it('shows the facilitator of the next run what the last run left open, with the latest values', async () => {
    const s = await start();
    const created = await s.createDrill('golden-db');
    expect((await fetch(`${s.url}/api/drills/${created.drillId}/previous-items`)).status).toBe(401);
    const res = await fetch(`${s.url}/api/drills/${created.drillId}/previous-items?key=${created.facilitatorKey}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PreviousItems;
    expect(body.run?.overall).toBe(100);
    // The item done after the end is left out; the rest are open, as last edited.
    expect(body.items.map((i) => i.owner)).toContain('Ana, "the IC"');
    expect(body.items.map((i) => i.text)).not.toContain('Runbook for failover');
    expect(body.items).toHaveLength(3);
  });
});
