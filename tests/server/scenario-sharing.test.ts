import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Drill } from '../../shared/drill/drill';
import { compileScenario } from '../../shared/scenario/compile';
import { scenarioInjects } from '../../shared/scenario/model';
import { ScenarioCatalog } from '../../server/scenario-catalog';
import { scenarioFromJson } from '../../server/store/rows';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { DrillRecord } from '../../server/store/store';
import { testScenario } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record = (id: string, joinCode: string, scenario = testScenario()): DrillRecord => ({
  id, scenarioId: scenario.id, scenario, title: id, joinCode, facilitatorKeyHash: 'f'.repeat(64), observerKeyHash: 'o'.repeat(64),
  createdAt: 1000, status: 'running', clock: { t: 0, wall: 1000, speed: 1 }, engineVersion: 1,
});

/**
 * A restart reads every live drill back from the store. Drills of one scenario version share one parsed, frozen
 * scenario object, so it is parsed, compiled and listed once, not once per drill; a drill pinned to another
 * version keeps its own.
 */
describe('the scenario of stored drills', () => {
  it('is one frozen object per scenario text, with one compiled machine, and a drill on it plays as on a fresh copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-sharing-'));
    dirs.push(dir);
    const store = new SqliteStore(join(dir, 'firedrill.db'));
    const edited = { ...testScenario(), title: 'Edited in the studio' };
    store.createDrill(record('d1', 'AAA-AAA'));
    store.createDrill(record('d2', 'BBB-BBB'));
    store.createDrill(record('d3', 'CCC-CCC', edited));
    await store.commit();

    const live = new Map((await store.listLiveDrills()).map((d) => [d.id, d]));
    const [a, b, c] = ['d1', 'd2', 'd3'].map((id) => live.get(id)!.scenario);
    expect(a).toBe(b);
    expect((await store.getDrill('d2'))!.scenario).toBe(a);
    expect(c).not.toBe(a);
    expect(c.title).toBe('Edited in the studio');
    expect(a).toEqual(testScenario());

    // Frozen all the way down: code that tried to change one drill's scenario would change every drill's.
    const [state] = Object.values(a.states);
    expect(() => (a as { title: string }).title = 'x').toThrow(TypeError);
    expect(() => state.injects.push(state.injects[0])).toThrow(TypeError);
    expect(compileScenario(a)).toBe(compileScenario(b));
    expect(compileScenario(c)).not.toBe(compileScenario(a));
    expect(scenarioInjects(a)).toBe(scenarioInjects(b));

    // Two drills on the shared machine play independently, and the same as a drill on a fresh, unfrozen copy.
    const play = (drill: Drill) => {
      drill.submit({ type: 'drill.start' }, { kind: 'facilitator' }, { t: 0 });
      drill.advanceTo(15 * 60_000);
      return drill.log.map(({ wall: _wall, ...event }) => event);
    };
    const one = new Drill(a);
    const two = new Drill(b);
    one.submit({ type: 'drill.start' }, { kind: 'facilitator' }, { t: 0 });
    expect(two.state.status).toBe('lobby');
    const played = play(two);
    expect(played.filter((e) => e.type === 'inject.delivered').length).toBeGreaterThan(1);
    expect(played).toEqual(play(new Drill(testScenario())));
    await store.close();
  });

  it('the scenarios the server offers are frozen too: the drills created from one share it and its machine', () => {
    const catalog = new ScenarioCatalog([testScenario()]);
    catalog.put({ ...testScenario(), id: 'saved-in-studio' });
    for (const scenario of catalog.list()) {
      expect(() => (scenario as { title: string }).title = 'x').toThrow(TypeError);
      expect(() => Object.values(scenario.states)[0].injects.pop()).toThrow(TypeError);
    }
    const offered = catalog.get('drill-test')!;
    const [a, b] = [new Drill(offered), new Drill(offered)];
    expect(a.scenario).toBe(b.scenario);
    expect(compileScenario(a.scenario)).toBe(compileScenario(offered));
  });

  it('keeps a bounded number of texts: an old one read again is parsed again, equal but not the same object', () => {
    const first = JSON.stringify(testScenario());
    const kept = scenarioFromJson(first);
    expect(scenarioFromJson(first)).toBe(kept);
    for (let i = 0; i < 64; i++) scenarioFromJson(JSON.stringify({ ...testScenario(), title: `Version ${i}` }));
    const again = scenarioFromJson(first);
    expect(again).not.toBe(kept);
    expect(again).toEqual(kept);
  });
});
