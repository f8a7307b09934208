import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DrillDetails } from '../../shared/protocol/messages';
import type { Scorecard } from '../../shared/scoring';
import { RECOVERY_WINDOW_MS } from '../../server/app';
import { EVICT_AFTER_MS } from '../../server/drills/registry';
import { startTestServer, type Player, type TestServer } from './helpers';

const MIN = 60_000;
/** How long the server keeps a disconnected socket's place (app.ts: the recovery window plus 10 s). */
const KEEP_MS = RECOVERY_WINDOW_MS + 10_000;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Disconnects the players and waits until the server has seen every socket go. */
async function leave(...players: Player[]): Promise<void> {
  for (const p of players) p.socket.disconnect();
  await vi.waitFor(() => expect(server!.app.io.of('/').sockets.size).toBe(0));
}

describe('unloading ended drills', () => {
  it('unloads an ended drill once it has had no socket for the grace period, and loads it again on demand', async () => {
    server = await startTestServer();
    const { registry } = server.app;
    const { drill, facilitator, team: [ana] } = await server.open(['Ana']);
    await facilitator.act({ type: 'drill.start' });
    await ana.act({ type: 'inject.ack', injectId: 'first-page' });
    await facilitator.act({ type: 'drill.end' });

    // Connected sockets keep an ended drill loaded, however long.
    server.clock.advance(EVICT_AFTER_MS + MIN);
    await facilitator.sync();
    expect(registry.isLoaded(drill.drillId)).toBe(true);

    // Everyone leaves: their places are kept for the recovery window, then the grace period starts.
    await leave(facilitator, ana);
    server.clock.advance(KEEP_MS);
    expect(registry.isLoaded(drill.drillId)).toBe(true);
    server.clock.advance(EVICT_AFTER_MS - 1);
    expect(registry.isLoaded(drill.drillId)).toBe(true);
    server.clock.advance(1);
    expect(registry.isLoaded(drill.drillId)).toBe(false);
    await vi.waitFor(() => expect(server!.logger.lines).toContain(`info: drill ${drill.drillId} unloaded: ended, no sockets for 600 s`));
    expect(server.clock.pending).toBe(0); // no timer of the drill (or of its sockets) is left

    // The summary, the scorecard and the report still answer, from the store.
    const summary = (await (await fetch(`${server.url}/api/drills/${drill.drillId}`)).json()) as DrillDetails;
    expect(summary).toMatchObject({ drillId: drill.drillId, status: 'ended', participants: 1 });
    const card = await fetch(`${server.url}/api/drills/${drill.drillId}/scorecard?key=${drill.observerKey}`);
    expect(card.status).toBe(200);
    expect(((await card.json()) as Scorecard).drill).toMatchObject({ id: drill.drillId, status: 'ended' });
    expect((await fetch(`${server.url}/api/drills/${drill.drillId}/report.md?key=${drill.observerKey}`)).status).toBe(200);

    // Loaded again by the summary, and unloaded again after the grace period: nobody joined.
    expect(registry.isLoaded(drill.drillId)).toBe(true);
    server.clock.advance(EVICT_AFTER_MS);
    expect(registry.isLoaded(drill.drillId)).toBe(false);

    // A participant comes back for the hot wash: same identity, the whole log, and the drill takes action items.
    const again = await server.join({ as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    expect(again.view!.identity).toEqual(ana.view!.identity);
    expect(again.state!.status).toBe('ended');
    expect(again.state!.seq).toBe(ana.state!.seq);
    const seq = await again.act({ type: 'action-item.add', text: 'Page the vendor sooner', owner: 'Ana' });
    expect(seq).toBe(ana.state!.seq + 1);
    expect((await server.store.events(drill.drillId)).at(-1)).toMatchObject({ seq, type: 'action-item.add' });

    // The grace period runs from when the last socket left, not from when the drill was loaded.
    server.clock.advance(EVICT_AFTER_MS + MIN);
    expect(registry.isLoaded(drill.drillId)).toBe(true);
    await leave(again);
    server.clock.advance(KEEP_MS + EVICT_AFTER_MS);
    expect(registry.isLoaded(drill.drillId)).toBe(false);
  });

  it('never unloads a drill that has not ended', async () => {
    server = await startTestServer();
    const lobby = await server.createDrill();
    const running = await server.createDrill();
    const facilitator = await server.join({ as: 'facilitator', drillId: running.drillId, key: running.facilitatorKey });
    await facilitator.act({ type: 'drill.start' });
    await facilitator.act({ type: 'drill.pause' });
    await leave(facilitator);
    server.clock.advance(KEEP_MS + 2 * EVICT_AFTER_MS);
    expect(server.app.registry.isLoaded(lobby.drillId)).toBe(true);
    expect(server.app.registry.isLoaded(running.drillId)).toBe(true);
  });
});
