import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';
import { getJson } from './public-fixtures';

/**
 * The join code is in staff views (facilitator, observer) so a console opened from the link, or reloaded, can
 * show it; never in a participant's.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the join code in views', () => {
  it('is in the facilitator and observer views (socket and HTTP), never in a participant view', async () => {
    server = await startTestServer();
    const { drillId, joinCode, facilitatorKey, observerKey } = await server.createDrill();
    const facilitator = await server.join({ as: 'facilitator', drillId, key: facilitatorKey });
    const observer = await server.join({ as: 'observer', drillId, key: observerKey });
    const ana = await server.join({ as: 'participant', code: joinCode, name: 'Ana' });
    expect(facilitator.view?.joinCode).toBe(joinCode);
    expect(observer.view?.joinCode).toBe(joinCode);
    expect(ana.view).toBeDefined();
    expect(ana.view!.joinCode).toBeUndefined();
    expect(JSON.stringify(ana.view)).not.toContain(joinCode);

    // A console opened later (reload, another machine) gets it from the view, as does a resync.
    await facilitator.sync();
    expect(facilitator.view?.joinCode).toBe(joinCode);
    const rejoined = await server.join({ as: 'rejoin', drillId, token: ana.token! });
    expect(rejoined.view!.joinCode).toBeUndefined();
    await ana.sync();
    expect(ana.view!.joinCode).toBeUndefined();
    const details = await getJson<{ view?: { joinCode?: string } }>(`${server.url}/api/drills/${drillId}`, { 'x-firedrill-key': facilitatorKey });
    expect(details.body.view?.joinCode).toBe(joinCode);
    const anonymous = await getJson<{ view?: unknown }>(`${server.url}/api/drills/${drillId}`);
    expect(JSON.stringify(anonymous.body)).not.toContain(joinCode);
  });

  it('leaves the staff view once the drill has ended (the code is free for another drill then)', async () => {
    server = await startTestServer();
    const { drillId, facilitatorKey } = await server.createDrill();
    const facilitator = await server.join({ as: 'facilitator', drillId, key: facilitatorKey });
    await facilitator.act({ type: 'drill.start' });
    await facilitator.act({ type: 'drill.end' });
    await facilitator.sync();
    expect(facilitator.view?.joinCode).toBeUndefined();
  });
});
