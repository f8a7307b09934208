import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import { loadScenarioFile } from '../../server/scenario-files';
import { commandId, startTestServer, type Player, type TestServer } from './helpers';

const MIN = 60_000;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const got = (p: Player, match: (e: DrillEvent) => boolean) => p.events.some(match);
const titled = (p: Player, fragment: string) => got(p, (e) => e.type === 'inject.delivered' && (e.title ?? '').includes(fragment));

describe('the bundled partner-db-down scenario, live', () => {
  it('plays the textbook run: vendor reply after 4 minutes moves the story, ops confirms the failover, role-addressed injects, resolved', async () => {
    const { scenario, problems } = loadScenarioFile(join(import.meta.dirname, '../../scenarios/partner-db-down.yaml'));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    server = await startTestServer({ scenarios: [scenario!] });
    const { drill, facilitator } = await server.open([], 'partner-db-down');
    const [ana, ben, cy] = await Promise.all(['Ana', 'Ben', 'Cy'].map((name) => server!.join({ as: 'participant', code: drill.joinCode, name })));
    await ana.act({ type: 'role.claim', role: 'ic' });
    await ben.act({ type: 'role.claim', role: 'comms' });
    await cy.act({ type: 'role.claim', role: 'ops' });
    await facilitator.act({ type: 'drill.speed', speed: 60 });
    await facilitator.act({ type: 'drill.start' });

    for (const p of [ana, ben, cy]) await p.until((x) => x.injectIds().includes('first-page'), 'the page');
    await ana.act({ type: 'inject.ack', injectId: 'first-page' });
    server.clock.advance(1_000);
    await ben.act({ type: 'status.post', phase: 'investigating', text: 'Checkout is failing for many customers. We are sorry and on it; next update in 15 minutes.' });
    server.clock.advance(1_000);
    await ana.act({ type: 'contact.page', contact: 'vendor-support', message: 'P1: orders-db writes time out' });
    // PartnerDB answers 4 drill minutes after the page; the story moves on with the answer, not the page.
    server.clock.advance(4_000);
    await ana.until((p) => got(p, (e) => e.type === 'contact.replied'), 'the vendor reply');
    const page = ana.events.find((e) => e.type === 'contact.page')!;
    const reply = ana.events.find((e) => e.type === 'contact.replied')!;
    expect(reply.t - page.t).toBe(4 * MIN);
    await facilitator.until((p) => p.state!.machineState === 'vendor-engaged', 'vendor-engaged');

    // 2 more drill minutes: the failover advice goes to ops only, who confirms it by acknowledging.
    server.clock.advance(2_000);
    await cy.until((p) => titled(p, 'failover recommended'), 'the failover advice');
    expect(titled(ana, 'failover recommended') || titled(ben, 'failover recommended')).toBe(false);
    await cy.act({ type: 'inject.ack', injectId: 'failover-advice' });
    await facilitator.until((p) => p.state!.machineState === 'failing-over', 'failing-over');

    // During the failover the account manager writes to ic and comms; the sales email (detection) never came.
    server.clock.advance(1_000);
    await ben.until((p) => titled(p, 'public messaging'), 'the account manager email to ic and comms');
    await ana.until((p) => titled(p, 'public messaging'), 'the account manager email (ic)');
    expect(titled(cy, 'public messaging')).toBe(false);
    expect(titled(facilitator, 'Checkout broken for 15 minutes')).toBe(false); // no social storm: they posted in time
    expect(titled(facilitator, 'Bloomfield')).toBe(false);
    server.clock.advance(4_000);
    await facilitator.until((p) => p.state!.machineState === 'failed-over', 'failed-over (checkout works again)');

    // Only the incident commander may declare (the scenario's default powers): ops is told who can.
    expect(await cy.request('drill:command', { id: commandId(), command: { type: 'incident.declare', status: 'mitigated' } })).toMatchObject({
      ok: false, error: { code: 'forbidden', message: 'Only the Incident Commander can declare the incident mitigated. Claim the role, or ask Ana (Incident Commander).' },
    });
    await ana.act({ type: 'incident.declare', status: 'mitigated' });
    await facilitator.until((p) => p.state!.machineState === 'recovery', 'recovery');
    // The stuck orders are replayed 7 drill minutes into recovery (`fixed: resolved`); resolving then ends the story.
    server.clock.advance(7_000);
    await facilitator.until((p) => p.state!.machineState === 'orders-replayed', 'orders-replayed');
    await ana.act({ type: 'incident.declare', status: 'resolved' });
    for (const p of [facilitator, ana, ben, cy]) await p.until((x) => x.state!.status === 'ended', 'the end');
    expect(facilitator.state!.endedReason).toBe('final');
    // Both declarations came after the story got there: neither is a premature all-clear.
    expect(facilitator.state!.declarations.map((d) => [d.status, d.premature])).toEqual([['mitigated', false], ['resolved', false]]);
    for (const p of [facilitator, ana, ben, cy]) expect(p.gaps).toEqual([]);
  });
});
