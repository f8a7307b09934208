import { scenarioPowers } from '../scenario/model';
import type { Scenario } from '../scenario/schema';

/** How long a role holder must have been offline before someone else may take the role over, unless the scenario says. */
export const DEFAULT_TAKE_OVER_AFTER_MS = 5 * 60_000;

/**
 * The take-over grace period of a scenario in milliseconds of wall time: its `powers.take-over-after`
 * (docs/scenario-format.md), 5 minutes by default. Presence is about people and their connections, so the server
 * counts it in real time, whatever the drill's speed or status.
 */
export function takeOverAfterMs(scenario: Pick<Scenario, 'powers'>): number {
  return scenarioPowers(scenario).takeOverAfterMs;
}
