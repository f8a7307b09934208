import { afterEach, describe, expect, it } from 'vitest';
import type { Upcoming } from '../../shared/drill/upcoming';
import { startTestServer, type TestServer } from './helpers';

const MIN = 60_000;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const contingency = (upcoming: Upcoming[] | undefined) => upcoming?.find((u) => u.kind === 'transition');

describe("the facilitator's schedule ahead (drill:turn's upcoming)", () => {
  it('drops a contingency the team headed off once its time passes, although that turn logs no event', async () => {
    server = await startTestServer();
    const { facilitator, team: [ana] } = await server.open(['Ana']);
    await ana.act({ type: 'role.claim', role: 'comms' });
    await facilitator.act({ type: 'drill.start' });
    await facilitator.until((p) => contingency(p.upcoming.at(-1)) !== undefined, 'the social-storm contingency in the schedule');

    // A status-page post heads it off: still listed at 12 minutes, marked as going to be skipped.
    await ana.act({ type: 'status.post', phase: 'investigating', text: 'Checkout payments are failing for some customers. We are investigating. Next update in 15 minutes.' });
    await facilitator.until((p) => contingency(p.upcoming.at(-1))?.willSkip === true, 'the contingency marked as skipped');
    expect(contingency(facilitator.upcoming.at(-1))).toMatchObject({ at: 12 * MIN, goto: 'social-storm' });

    // The last inject of the state is at 3 minutes: past 12 minutes nothing is logged, yet the schedule moves on.
    server.clock.advance(4 * MIN);
    await facilitator.until((p) => p.events.some((e) => e.type === 'inject.delivered' && e.injectId === 'support-tickets'), 'the last inject');
    const seq = facilitator.state!.seq;
    server.clock.advance(8 * MIN + 1000);
    await facilitator.until((p) => contingency(p.upcoming.at(-1)) === undefined, 'the contingency gone from the schedule');
    expect(facilitator.state!.seq).toBe(seq);
    expect(facilitator.state!.machineState).toBe('detection');
  });
});
