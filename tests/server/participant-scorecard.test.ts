import { afterEach, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../shared/scoring';
import { startTestServer, type TestServer } from './helpers';
import { NOTE, runningDrill, UPDATE_1 } from './public-fixtures';

/**
 * A participant's seat token (`x-firedrill-token`) opens the scorecard and the report once the drill has ended,
 * without the facilitator's notes.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the scorecard for participants', () => {
  const scorecard = (s: TestServer, drillId: string, token: string) =>
    fetch(`${s.url}/api/drills/${drillId}/scorecard`, { headers: { 'x-firedrill-token': token } });
  const report = (s: TestServer, drillId: string, token: string) =>
    fetch(`${s.url}/api/drills/${drillId}/report.md`, { headers: { 'x-firedrill-token': token } });

  it('is closed to a seat token until the drill ends', async () => {
    server = await startTestServer();
    const { drillId, ana } = await runningDrill(server);
    for (const res of [await scorecard(server, drillId, ana.token!), await report(server, drillId, ana.token!)]) {
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'The scorecard opens when the drill ends.' } });
    }
  });

  it('opens after the end without the facilitator observations, in JSON and Markdown; staff still get them', async () => {
    server = await startTestServer();
    const s = server;
    const { drillId, facilitatorKey, facilitator, ana, ben } = await runningDrill(s);
    await ben.act({ type: 'status.post', phase: 'investigating', text: UPDATE_1 });
    await ana.act({ type: 'incident.declare', status: 'mitigated' });
    await ana.act({ type: 'incident.declare', status: 'resolved' });
    await facilitator.until((p) => p.state!.status === 'ended', 'the end');
    await facilitator.act({ type: 'note.add', text: `${NOTE} (hot wash)` });

    const res = await scorecard(s, drillId, ana.token!);
    expect(res.status).toBe(200);
    const card = (await res.json()) as Scorecard;
    expect(card.drill).toMatchObject({ id: drillId, status: 'ended' });
    expect(card.observations).toEqual([]);
    expect(card.timeline.some((e) => e.kind === 'note')).toBe(false);
    expect(card.timeline.some((e) => e.kind === 'status-page')).toBe(true);
    expect(card.posts.map((p) => p.text)).toEqual([UPDATE_1]);
    expect(JSON.stringify(card)).not.toContain(NOTE);

    const md = await report(s, drillId, ben.token!);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8/);
    expect(md.headers.get('cache-control')).toBe('private, no-store');
    const text = await md.text();
    expect(text).toMatch(/^# After-action report: /);
    expect(text).toContain('## Timeline');
    expect(text).toContain('## Improvement plan');
    expect(text).not.toContain('Facilitator observations');
    expect(text).not.toContain('Facilitator note');
    expect(text).not.toContain(NOTE);

    // The facilitator's copy is unchanged.
    const staff = (await (await fetch(`${s.url}/api/drills/${drillId}/scorecard`, { headers: { 'x-firedrill-key': facilitatorKey } })).json()) as Scorecard;
    expect(staff.observations.map((o) => o.text)).toEqual([NOTE, `${NOTE} (hot wash)`]);
    const staffMd = await (await fetch(`${s.url}/api/drills/${drillId}/report.md?key=${facilitatorKey}`)).text();
    expect(staffMd).toContain('## Facilitator observations');
    expect(staffMd).toContain(NOTE);
  });

  it('refuses another drill’s token, a made-up token, a token in the query string and no credentials at all', async () => {
    server = await startTestServer();
    const s = server;
    const one = await runningDrill(s);
    const two = await runningDrill(s);
    for (const d of [one, two]) {
      await d.ana.act({ type: 'incident.declare', status: 'mitigated' });
      await d.ana.act({ type: 'incident.declare', status: 'resolved' });
    }
    await one.facilitator.until((p) => p.state!.status === 'ended', 'the end of drill one');
    await two.facilitator.until((p) => p.state!.status === 'ended', 'the end of drill two');
    expect((await scorecard(s, one.drillId, one.ana.token!)).status).toBe(200);

    for (const res of [await scorecard(s, one.drillId, two.ana.token!), await report(s, one.drillId, two.ben.token!), await scorecard(s, one.drillId, 'x'.repeat(32))]) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    const query = await fetch(`${s.url}/api/drills/${one.drillId}/scorecard?token=${one.ana.token!}`);
    expect(query.status).toBe(401);
    const none = await fetch(`${s.url}/api/drills/${one.drillId}/report.md`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain('x-firedrill-token');
  });
});
