import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import { ManualClock, systemClock } from '../../server/clock';
import { commandId, startTestServer, type Player, type TestServer } from './helpers';

const MIN = 60_000;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const delivered = (p: Player, injectId: string) => p.events.some((e) => e.type === 'inject.delivered' && e.injectId === injectId);
const has = (p: Player, match: (e: DrillEvent) => boolean) => p.events.some(match);

describe('a full drill over real sockets', () => {
  it('plays a drill with a facilitator, three participants and an observer at x60', async () => {
    server = await startTestServer();
    const { drillId, joinCode, facilitatorKey, observerKey } = await server.createDrill();
    const facilitator = await server.join({ as: 'facilitator', drillId, key: facilitatorKey });
    const observer = await server.join({ as: 'observer', drillId, key: observerKey });
    const ana = await server.join({ as: 'participant', code: joinCode, name: 'Ana' });
    const ben = await server.join({ as: 'participant', code: joinCode.replace('-', '').toLowerCase(), name: 'Ben' });
    const cy = await server.join({ as: 'participant', code: joinCode, name: 'Cy' });
    const team = [ana, ben, cy];
    const everyone = [facilitator, observer, ...team];

    expect(facilitator.view?.script?.id).toBe('drill-test');
    expect(ana.view?.script).toBeUndefined();
    expect(ana.token).toMatch(/^[\w-]{16,}$/);
    await facilitator.until((p) => Object.keys(p.state!.participants).length === 3, 'three participants');
    await facilitator.until((p) => p.presence.at(-1)?.length === 3, 'three online');

    // Roles: a claim pushes the claimant a full view (their inbox changes); everyone else gets the event.
    await ana.act({ type: 'role.claim', role: 'ic' });
    await ben.act({ type: 'role.claim', role: 'comms' });
    await ana.act({ type: 'role.assign', role: 'ops', participantId: cy.id! });
    expect(ana.views.length).toBeGreaterThan(0);
    await cy.until((p) => p.views.some((v) => v.state.roles.ops === cy.id), 'a view with ops');
    await facilitator.until((p) => Object.keys(p.state!.roles).length === 3, 'three roles');

    await facilitator.act({ type: 'drill.speed', speed: 60 });
    await facilitator.act({ type: 'drill.start' });
    for (const p of everyone) await p.until((x) => delivered(x, 'first-page'), 'the first page');
    await ana.until((p) => p.clocks.some((c) => c.status === 'running' && c.speed === 60), 'a running clock');
    await facilitator.until((p) => p.upcoming.length > 0, 'the schedule');
    expect(facilitator.upcoming.at(-1)!.some((u) => u.kind === 'inject' && u.injectId === 'ops-dashboard')).toBe(true);

    await ana.act({ type: 'inject.ack', injectId: 'first-page' });
    await ana.act({ type: 'chat.post', text: 'I am IC. War room open.' });

    // One wall second is one drill minute: the ops-only dashboard reaches ops and staff, nobody else.
    server.clock.advance(1000);
    await cy.until((p) => delivered(p, 'ops-dashboard'), 'the ops dashboard');
    await observer.until((p) => delivered(p, 'ops-dashboard'), 'the ops dashboard (observer)');
    server.clock.advance(1000);
    await ben.until((p) => delivered(p, 'sales-email'), 'the sales email');
    await facilitator.until((p) => delivered(p, 'sales-email'), 'the sales email (facilitator)');
    expect(delivered(ana, 'ops-dashboard') || delivered(ben, 'ops-dashboard')).toBe(false);
    expect(delivered(ana, 'sales-email') || delivered(cy, 'sales-email')).toBe(false);
    expect(ana.state!.injects.map((i) => i.injectId)).toEqual(['first-page']);

    await ben.act({ type: 'status.post', phase: 'investigating', text: 'Checkout is failing for most customers. We are on it; next update in 15 minutes.' });
    await ana.act({ type: 'contact.page', contact: 'vendor-support', message: 'P1: writes failing on orders-db' });
    // The branch: staff see the scenario enter vendor-engaged; participants never see scenario states.
    await facilitator.until((p) => p.state!.machineState === 'vendor-engaged', 'vendor-engaged');
    const paged = facilitator.events.find((e) => e.type === 'contact.page')!;
    expect(paged.t).toBe(2 * MIN);

    // The vendor responds in 4 minutes of drill time.
    server.clock.advance(3_900);
    await ana.sync();
    expect(has(ana, (e) => e.type === 'contact.replied')).toBe(false);
    server.clock.advance(100);
    for (const p of everyone) await p.until((x) => has(x, (e) => e.type === 'contact.replied'), 'the vendor reply');
    const reply = ana.events.find((e) => e.type === 'contact.replied')!;
    expect(reply.t - paged.t).toBe(4 * MIN);
    await cy.until((p) => delivered(p, 'vendor-advice'), 'the vendor advice to ops');

    expect(await cy.request('drill:command', { id: commandId(), command: { type: 'incident.declare', status: 'mitigated' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ana.act({ type: 'incident.declare', status: 'mitigated' });
    await ana.act({ type: 'incident.declare', status: 'resolved' });
    for (const p of everyone) await p.until((x) => x.state!.status === 'ended', 'the end');
    expect(facilitator.state!.endedReason).toBe('final');
    expect(facilitator.events.filter((e) => e.type === 'state.entered').map((e) => (e as { state: string }).state))
      .toEqual(['detection', 'vendor-engaged', 'recovery', 'done']);
    expect(has(ana, (e) => e.type === 'state.entered')).toBe(false);
    await ana.until((p) => p.clocks.at(-1)?.status === 'ended', 'an ended clock');

    // After the end: the hot wash may add action items; the clock and timers are released.
    await ben.act({ type: 'action-item.add', text: 'Automate PartnerDB failover', owner: 'Cy' });
    expect(server.clock.pending).toBe(0);

    // Every client's own copy equals the server's view of it; nobody saw a gap.
    const live = (await server.app.registry.get(drillId))!;
    expect(facilitator.state).toEqual(live.state);
    expect(observer.state).toEqual(live.state);
    for (const p of everyone) expect(p.gaps).toEqual([]);
    for (const p of team) {
      const view = await p.request('drill:resync', {});
      expect(view.ok && view.data.state).toEqual(p.state);
    }
    expect((await server.store.events(drillId))).toEqual(live.log);
  });

  it('runs on real timers: at x60 the drill arms a one-second wall timer for the one-minute inject', async () => {
    // The system clock, with the wall time every timer is due at recorded: the assertions are on what was armed
    // and on drill times, never on how long the machine took. A timer is due at the wall time its delay was worked
    // out from, the last one read (a second read could be a millisecond later).
    const armed: number[] = [];
    let read = systemClock.now();
    const clock = {
      ...systemClock,
      now: () => (read = systemClock.now()),
      setTimeout: (fn: () => void, ms: number) => { armed.push(read + ms); return systemClock.setTimeout(fn, ms); },
    };
    // Checkpoints every 5 s, so that the only one-second timer is the drill's own.
    server = await startTestServer({ clock: clock as unknown as ManualClock, checkpointInterval: 5000 });
    const { drillId, joinCode, facilitatorKey } = await server.createDrill();
    const facilitator = await server.join({ as: 'facilitator', drillId, key: facilitatorKey });
    const cy = await server.join({ as: 'participant', code: joinCode, name: 'Cy' });
    await cy.act({ type: 'role.claim', role: 'ops' });
    await facilitator.act({ type: 'drill.speed', speed: 60 });
    armed.length = 0;
    await facilitator.act({ type: 'drill.start' });
    // The next happening is the one-minute inject: one drill minute is one wall second after the start at x60.
    const start = (await server.store.events(drillId)).find((e) => e.type === 'drill.start')!;
    expect(armed).toContain(start.wall! + 1000);
    await cy.until((p) => delivered(p, 'ops-dashboard'), 'the ops dashboard', 10_000);
    expect(cy.events.find((e) => e.type === 'inject.delivered' && e.injectId === 'ops-dashboard')!.t).toBe(MIN);
  });
});
