import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../server/scenario-files';
import type { Scorecard } from '../../shared/scoring';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MONITORING = 'Monitoring: checkout is working again for customers and we are watching it closely. We are sorry for the disruption. Next update in 15 minutes.';
const RESOLVED = 'Resolved: checkout works normally again. We are sorry; this was our responsibility. No customer data was lost and nobody was charged twice. We will publish an incident report within five business days.';

/**
 * Issue #10's declare-victory pattern, played through the socket protocol against a real server on the
 * bundled partner-db-down scenario: every role claimed in the lobby, the vendor paged at minute 1, mitigated
 * declared at 1.2 min before any reply (the failover it claims never happens: nobody confirms it), two template updates,
 * resolved at 4 min. Drill speed 60: one wall second is one drill minute.
 */
describe('the declare-victory team on partner-db-down, live', () => {
  it('scores at most 50, names the premature all-clear, and lets the evaluator override it in the scorecard and the report', async () => {
    const { scenario } = loadScenarioFile(join(import.meta.dirname, '../../scenarios/partner-db-down.yaml'));
    server = await startTestServer({ scenarios: [scenario!] });
    const { drill, facilitator } = await server.open([], 'partner-db-down');
    const [ic, comms, ops, scribe] = await Promise.all(['Ana', 'Ben', 'Cy', 'Dee'].map((name) => server!.join({ as: 'participant', code: drill.joinCode, name })));
    await ic.act({ type: 'role.claim', role: 'ic' });
    await comms.act({ type: 'role.claim', role: 'comms' });
    await ops.act({ type: 'role.claim', role: 'ops' });
    await scribe.act({ type: 'role.claim', role: 'scribe' });
    await facilitator.act({ type: 'drill.speed', speed: 60 });
    await facilitator.act({ type: 'drill.start' });

    await ic.until((p) => p.injectIds().includes('first-page'), 'the page');
    await ic.act({ type: 'inject.ack', injectId: 'first-page' });
    server.clock.advance(1_000); // 1:00
    await ops.act({ type: 'contact.page', contact: 'vendor-support', message: 'P1: checkout writes fail. Please investigate.' });
    server.clock.advance(200); // 1:12, nobody has replied yet
    expect(ic.state!.pages.every((p) => !p.reply)).toBe(true);
    await ic.act({ type: 'incident.declare', status: 'mitigated' });
    expect(facilitator.state!.declared.mitigated).toMatchObject({ premature: true });
    server.clock.advance(800); // 2:00
    await comms.act({ type: 'status.post', phase: 'monitoring', text: MONITORING });
    server.clock.advance(1_500); // 3:30
    await comms.act({ type: 'status.post', phase: 'resolved', text: RESOLVED });
    server.clock.advance(500); // 4:00
    await ic.act({ type: 'incident.declare', status: 'resolved' });
    expect(facilitator.state!.declared.resolved).toMatchObject({ premature: true });

    // The story goes on without them: PartnerDB replies at 5:00 and advises a failover that nobody confirms, so
    // checkout never works again; at 20:00 the facilitator calls time.
    for (let minute = 4; minute < 20; minute++) {
      server.clock.advance(1_000);
      await facilitator.sync();
    }
    expect(facilitator.state!.status).toBe('running');
    await facilitator.act({ type: 'drill.end' });
    await facilitator.until((p) => p.state!.status === 'ended', 'the end');

    const headers = { 'x-firedrill-key': drill.facilitatorKey };
    const card = (await (await fetch(`${server.url}/api/drills/${drill.drillId}/scorecard`, { headers })).json()) as Scorecard;
    expect(card.overall).toBeLessThanOrEqual(50);
    expect(card.cap).toMatchObject({ limit: 40 });
    expect(card.improvements[0].text).toMatch(/^Critical: an all-clear that came too early stood to the end\. The incident was declared mitigated at 1\.2 min, but the service never worked again in this run \(the story never reached "failed-over"/);
    expect(card.objectives.find((o) => o.id === 'mitigated')).toMatchObject({ rating: 'U', value: null });
    expect(card.declarations.map((d) => [d.status, d.premature, d.by])).toEqual([['mitigated', true, 'Ana'], ['resolved', true, 'Ana']]);
    // Blameless: the findings name the drill's moments, never a participant.
    const findings = [...card.strengths, ...card.improvements].map((f) => f.text).join('\n');
    for (const name of ['Ana', 'Ben', 'Cy', 'Dee']) expect(findings).not.toMatch(new RegExp(`\\b${name}\\b`));

    // The evaluator has the last word, and the scorecard and the report show the automatic value, the override and the note.
    await facilitator.act({ type: 'score.override', target: { objective: 'mitigated' }, value: { rating: 'M' }, note: 'The IC was rehearsing the call; we agreed to rate it M in the hot wash.' });
    const after = (await (await fetch(`${server.url}/api/drills/${drill.drillId}/scorecard`, { headers })).json()) as Scorecard;
    expect(after.objectives.find((o) => o.id === 'mitigated')).toMatchObject({ rating: 'M', override: { automatic: 'U', rating: 'M', by: 'Facilitator', note: expect.stringContaining('hot wash') } });
    expect(after.overall).toBeLessThanOrEqual(50); // the resolved all-clear still stands unjudged
    const report = await (await fetch(`${server.url}/api/drills/${drill.drillId}/report.md`, { headers })).text();
    expect(report).toContain('**M** (evaluator; automatic U)');
    expect(report).toMatch(/## Evaluator overrides[\s\S]*objective `mitigated` \| rated M \| The IC was rehearsing the call/);
    expect(report).toContain('declared **mitigated** — premature: before the story got there');
  });
});
