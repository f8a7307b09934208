import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Drill } from '../shared/drill/drill';
import type { DrillEvent } from '../shared/drill/events';
import type { Scenario } from '../shared/scenario/schema';
import { loadScenarioFile } from '../server/scenario-files';

/** The bench scenario's folder and file (FIREDRILL_SCENARIOS points the server here). */
export const BENCH_SCENARIOS_DIR = fileURLToPath(new URL('./scenarios', import.meta.url));
export const BENCH_SCENARIO_ID = 'bench-fanout';

export function loadBenchScenario(): Scenario {
  const file = join(BENCH_SCENARIOS_DIR, `${BENCH_SCENARIO_ID}.yaml`);
  const loaded = loadScenarioFile(file);
  if (!loaded.scenario) throw new Error(`${file} does not validate:\n${loaded.problems.map((p) => p.message).join('\n')}`);
  return loaded.scenario;
}

/**
 * The injects a drill of `scenario` delivers in its first `horizonMs` of drill time when nobody acts, as the
 * drill core itself produces them. The baseline server plays exactly these payloads on this schedule.
 */
export function injectSchedule(scenario: Scenario, horizonMs: number): DrillEvent[] {
  const drill = new Drill(scenario);
  drill.submit({ type: 'drill.start' }, { kind: 'facilitator' });
  drill.advanceTo(horizonMs);
  return drill.log.filter((e) => e.type === 'inject.delivered');
}

/** Writes the baseline server's schedule file into `dir`; returns its path and the drill times in it. */
export function writeBaselineSchedule(scenario: Scenario, horizonMs: number, speed: number, dir: string): { file: string; ts: number[] } {
  const file = join(dir, 'schedule.json');
  const items = injectSchedule(scenario, horizonMs).map(({ seq: _seq, ...event }) => ({ t: event.t, event }));
  writeFileSync(file, JSON.stringify({ speed, items }));
  return { file, ts: items.map((item) => item.t) };
}
