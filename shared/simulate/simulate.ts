import { Drill } from '../drill/drill';
import type { DrillEvent } from '../drill/events';
import type { Scenario } from '../scenario/schema';
import { score, type Scorecard } from '../scoring';
import { createRng } from './prng';
import { PROFILE_SPECS, type Profile } from './profiles';
import { BotTeam } from './team';

export interface SimulateOptions {
  team: Profile;
  /** Seed of the generator that decides when bots act; the same seed gives the same log. Default 1. */
  seed?: number;
}

export interface SimulationResult {
  /** The drill's full event log, as the server would have stored it. */
  events: DrillEvent[];
  /** The log scored exactly as a real drill's would be. */
  scorecard: Scorecard;
}

/** Upper bound on loop turns; a drill of a few hours needs a few hundred. */
const MAX_TURNS = 100_000;

/**
 * Plays a scenario headless with a bot team through the real drill core, in drill time only: the loop jumps
 * from one decision or timer to the next, so an hour of drill takes milliseconds. Pure and deterministic.
 */
export function simulate(scenario: Scenario, options: SimulateOptions): SimulationResult {
  const drill = new Drill(scenario);
  const team = new BotTeam(scenario, PROFILE_SPECS[options.team], createRng(options.seed ?? 1));
  team.join(drill);
  drill.submit({ type: 'drill.start' }, { kind: 'facilitator' }, { t: 0 });
  team.step(drill);
  for (let turn = 0; turn < MAX_TURNS && drill.state.status !== 'ended'; turn++) {
    const wake = team.nextWake();
    const due = drill.nextDue();
    const next = Math.min(wake ?? Infinity, due ?? Infinity);
    if (next === Infinity) break;
    drill.advanceTo(Math.max(next, drill.now));
    team.step(drill);
  }
  team.wrapUp(drill);
  const events = [...drill.log];
  return { events, scorecard: score(scenario, events) };
}
