import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HealthResponse, ScenarioSummary } from '../../shared/protocol/messages';
import { loadScenarioDir, loadScenarioDirAsync, type ScenarioDir } from '../../server/scenario-files';
import { startTestServer, testScenario, type TestServer } from './helpers';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A scenario folder that the test says when to finish reading. */
function slowFolder() {
  let finish!: (dir: ScenarioDir) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<ScenarioDir>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

const settled = (promise: Promise<unknown>) => Promise.race([promise.then(() => true, () => true), new Promise((r) => setTimeout(() => r(false), 100))]);

/**
 * `npm start` opens its port before it reads the scenario folder, so that a restarted server serves its drills'
 * teams at once. Until the folder is in, what reads the scenarios waits; nothing answers with a partial list.
 */
describe('a server whose scenario folder is still being read', () => {
  it('serves drills at once, and answers the scenario list, a new drill, the studio and health when the folder is in', async () => {
    // A drill made before the restart: its scenario is pinned in the store, not read from the folder.
    const first = await startTestServer({ realTime: true });
    servers.push(first);
    const drill = await first.createDrill();
    const folder = slowFolder();
    const server = await startTestServer({ realTime: true, store: first.store, scenarios: folder.promise });
    servers.push(server);

    const list = fetch(`${server.url}/api/scenarios`).then((r) => r.json() as Promise<ScenarioSummary[]>);
    const health = fetch(`${server.url}/api/health`).then((r) => r.json() as Promise<HealthResponse>);
    const studio = fetch(`${server.url}/api/studio`);
    const created = server.createDrill('drill-test');
    // The team rejoins meanwhile: the facilitator's view comes back with the drill's own scenario.
    const facilitator = await server.join({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
    expect(facilitator.view?.script?.id).toBe('drill-test');
    expect((await fetch(`${server.url}/api/drills/${drill.drillId}/status`)).status).toBe(200);
    expect(await settled(list)).toBe(false);
    expect(await settled(created)).toBe(false);

    folder.finish({ scenarios: [testScenario(), { ...testScenario(), id: 'second-one', title: 'Second' }], problems: [], files: { 'drill-test': 'drill-test.yaml' } });
    expect((await list).map((s) => s.id)).toEqual(['drill-test', 'second-one']);
    expect((await health).scenarios).toBe(2);
    expect((await studio).status).toBe(200);
    expect((await created).drillId).toMatch(/\S/);
    // Once the folder is in, nothing waits.
    expect(await settled(fetch(`${server.url}/api/scenarios/second-one`))).toBe(true);
  });

  it('runs on without scenarios when the folder cannot be read, and says why in the log', async () => {
    const folder = slowFolder();
    const server = await startTestServer({ realTime: true, scenarios: folder.promise });
    servers.push(server);
    const list = fetch(`${server.url}/api/scenarios`).then((r) => r.json() as Promise<ScenarioSummary[]>);
    folder.fail(new Error('EACCES: permission denied, scandir /srv/scenarios'));
    expect(await list).toEqual([]);
    expect(server.logger.lines).toContain('error: could not load the scenario folder: EACCES: permission denied, scandir /srv/scenarios');
    const refused = await fetch(`${server.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'drill-test' }) });
    expect(refused.status).toBe(404);
  });
});

describe('reading the scenario folder without blocking the server', () => {
  it('gives what the blocking read gives, and lets timers and I/O run between two files', async () => {
    const dir = join(import.meta.dirname, '../../scenarios');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const loaded = await loadScenarioDirAsync(dir);
    clearInterval(ticker);
    expect(loaded).toEqual(loadScenarioDir(dir));
    expect(loaded.scenarios.length).toBeGreaterThan(10);
    expect(ticks).toBeGreaterThan(5);
  });
});
