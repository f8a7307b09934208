import { afterEach, describe, expect, it } from 'vitest';
import type { PublicStatus } from '../../shared/protocol/messages';
import { initialDrillState } from '../../shared/drill/state';
import { publicStatus } from '../../server/drills/view';
import { startTestServer, testScenario, type TestServer } from './helpers';
import { ADHOC, getJson, NOTE, PAGE, runningDrill, UPDATE_1, UPDATE_2, WAR_ROOM } from './public-fixtures';

/**
 * `GET /api/drills/:id/status`: the public status page needs no seat or key and carries the status-page updates
 * and declarations only.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('GET /api/drills/:id/status (public status page)', () => {
  it('answers anyone, with the status-page updates newest first and the declarations, and nothing else', async () => {
    server = await startTestServer();
    const s = server;
    const { drillId, ana, ben } = await runningDrill(s);

    const before = await getJson<PublicStatus>(`${s.url}/api/drills/${drillId}/status`);
    expect(before.res.status).toBe(200);
    expect(before.body).toEqual({ title: 'Service status', status: 'running', updates: [], declared: {} });

    const first = await ben.act({ type: 'status.post', phase: 'investigating', text: UPDATE_1 });
    s.clock.advance(2_000);
    await ana.act({ type: 'incident.declare', status: 'mitigated' });
    const second = await ben.act({ type: 'status.post', phase: 'monitoring', text: UPDATE_2 });

    const { res, body } = await getJson<PublicStatus>(`${s.url}/api/drills/${drillId}/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(body).sort()).toEqual(['declared', 'status', 'title', 'updates']);
    expect(body.title).toBe('Service status');
    expect(body.status).toBe('running');
    expect(body.updates.map((u) => [u.seq, u.phase, u.text])).toEqual([[second, 'monitoring', UPDATE_2], [first, 'investigating', UPDATE_1]]);
    for (const u of body.updates) expect(Object.keys(u).sort()).toEqual(['phase', 'seq', 't', 'text']);
    expect(body.updates[0].t).toBeGreaterThanOrEqual(body.updates[1].t);
    expect(Object.keys(body.declared)).toEqual(['mitigated']);
    expect(body.declared.mitigated).toBeTypeOf('number');

    // Nothing from the war room, the pages, the injects, the notes, the roster, the scenario or the severity.
    const raw = JSON.stringify(body);
    for (const secret of [WAR_ROOM, PAGE, NOTE, ADHOC, 'Ana', 'Ben', 'CRITICAL', 'Paging system', 'vendor-support', 'PartnerDB',
      'Test drill', 'partner database', 'SEV1', 'SEV2', 'severity', 'detection', 'participant', ana.id!, ben.id!, 'comms', '"by"']) {
      expect(raw, secret).not.toContain(secret);
    }
  });

  it('follows the drill to its end, and 404s for a drill that does not exist', async () => {
    server = await startTestServer();
    const { drillId, facilitator, ana } = await runningDrill(server);
    await facilitator.act({ type: 'drill.pause' });
    expect((await getJson<PublicStatus>(`${server.url}/api/drills/${drillId}/status`)).body.status).toBe('paused');
    await facilitator.act({ type: 'drill.resume' });
    await ana.act({ type: 'incident.declare', status: 'mitigated' });
    await ana.act({ type: 'incident.retract', status: 'mitigated', reason: 'Errors are back' });
    expect((await getJson<PublicStatus>(`${server.url}/api/drills/${drillId}/status`)).body.declared).toEqual({}); // retracted: no longer stands
    await ana.act({ type: 'incident.declare', status: 'mitigated' });
    await ana.act({ type: 'incident.declare', status: 'resolved' });
    const ended = await getJson<PublicStatus>(`${server.url}/api/drills/${drillId}/status`);
    expect(ended.body.status).toBe('ended');
    expect(Object.keys(ended.body.declared)).toEqual(['mitigated', 'resolved']);

    const lobby = await server.createDrill();
    expect((await getJson<PublicStatus>(`${server.url}/api/drills/${lobby.drillId}/status`)).body).toEqual({ title: 'Service status', status: 'lobby', updates: [], declared: {} });
    const missing = await getJson<{ error: { code: string } }>(`${server.url}/api/drills/nope/status`);
    expect(missing.res.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
  });

  it('carries the scenario\'s story clock from the drill\'s owner to the page and into the report', async () => {
    server = await startTestServer({ scenarios: [{ ...testScenario(), 'starts-at': 'Fri 18:40' }] });
    const { drillId, facilitatorKey } = await runningDrill(server);
    const { body } = await getJson<PublicStatus>(`${server.url}/api/drills/${drillId}/status`);
    expect(body.startsAt).toBe('Fri 18:40');
    const md = await (await fetch(`${server.url}/api/drills/${drillId}/report.md?key=${facilitatorKey}`)).text();
    expect(md).toContain('Fri 18:40 · T+00:00 is when the story begins');
  });

  it('carries the story clock when the scenario has one, so updates read as times of day', () => {
    const state = initialDrillState({ severity: 'SEV1', telemetry: [] });
    expect(publicStatus(state, 'Fri 18:40')).toEqual({ title: 'Service status', startsAt: 'Fri 18:40', status: 'lobby', updates: [], declared: {} });
    expect(publicStatus(state)).not.toHaveProperty('startsAt');
  });
});
