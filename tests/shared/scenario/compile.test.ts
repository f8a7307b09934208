import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileConfig, compileScenario, scenarioMachineConfig, type ScenarioMachine } from '../../../shared/scenario/compile';
import { emptyFacts, type Facts } from '../../../shared/scenario/conditions';
import { loadScenario } from '../../../shared/scenario/load';
import type { Scenario } from '../../../shared/scenario/schema';
import { BASE } from './helpers';

const MIN = 60_000;

function scenario(): Scenario {
  const result = loadScenario(BASE);
  if (!result.ok) throw new Error('BASE must load');
  return result.scenario;
}

/** What the team has done, as a change to the empty facts at some drill time. */
type Step = { at: number; facts?: Partial<Facts> };

/**
 * Runs a machine on a simulated clock through the steps, then to `until`, and returns what it emitted (with
 * the drill time of each) and where it ended.
 */
function play(machine: ScenarioMachine, steps: Step[], until: number) {
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock });
  const log: string[] = [];
  actor.on('*', (event) => log.push(`${clock.now() / MIN}m ${event.type} ${'injectId' in event ? event.injectId : event.state}`));
  actor.start();
  // SimulatedClock fires due timers after moving `now` to the end of the increment, so small steps keep the
  // logged times exact.
  const advance = (to: number) => {
    while (clock.now() < to) clock.increment(Math.min(1000, to - clock.now()));
  };
  let facts = emptyFacts('SEV2');
  for (const step of steps) {
    advance(step.at);
    facts = { ...facts, ...step.facts };
    actor.send({ type: 'facts', facts });
  }
  advance(until);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { log, state: snapshot.value, status: snapshot.status };
}

const SILENT_TEAM: Step[] = [{ at: 12 * MIN, facts: { escalated: ['vendor'] } }, { at: 20 * MIN, facts: { declared: ['resolved'] } }];
const QUICK_TEAM: Step[] = [{ at: 2 * MIN, facts: { posted: ['status-page'] } }];

describe('the compiled scenario machine', () => {
  it('is plain JSON: the config survives JSON.stringify and JSON.parse unchanged', () => {
    const config = scenarioMachineConfig(scenario());
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });

  it('plays the contingency when the team stays silent, then follows the team to the final state', () => {
    expect(play(compileScenario(scenario()), SILENT_TEAM, 30 * MIN)).toEqual({
      log: [
        '0m entered detection',
        '0m inject page',
        '1m inject detection.2',
        '10m entered storm',
        '10m inject storm.1',
        '12m entered recovery',
        '20m entered done',
      ],
      state: 'done',
      status: 'done',
    });
  });

  it('skips the contingency when the team posts in time', () => {
    expect(play(compileScenario(scenario()), QUICK_TEAM, 30 * MIN)).toEqual({
      log: ['0m entered detection', '0m inject page', '1m inject detection.2'],
      state: 'detection',
      status: 'active',
    });
  });

  it('behaves the same when built from the JSON round-tripped config', () => {
    const roundTripped = compileConfig(JSON.parse(JSON.stringify(scenarioMachineConfig(scenario()))));
    for (const steps of [SILENT_TEAM, QUICK_TEAM, []]) {
      expect(play(roundTripped, steps, 30 * MIN)).toEqual(play(compileScenario(scenario()), steps, 30 * MIN));
    }
  });
});
