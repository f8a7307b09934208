import { parseDuration } from '../duration';
import type { Scenario } from '../scenario/schema';

/** How long a role holder must have been offline before someone else may take the role over: 5 minutes. */
export const DEFAULT_TAKE_OVER_AFTER_MS = 5 * 60_000;

/**
 * The take-over grace period of a scenario in milliseconds of wall time: its `powers.take-over-after`
 * (docs/scenario-format.md) or `DEFAULT_TAKE_OVER_AFTER_MS`. Presence is about people and their connections,
 * so the server counts it in real time, whatever the drill's speed or status.
 *
 * The key is read structurally so this module works before and after the scenario schema names it; an absent,
 * malformed or zero value means the default.
 */
export function takeOverAfterMs(scenario: Pick<Scenario, 'id'>): number {
  const powers = (scenario as { powers?: { 'take-over-after'?: unknown } }).powers;
  const raw = powers?.['take-over-after'];
  const parsed = typeof raw === 'string' ? parseDuration(raw) : typeof raw === 'number' ? raw : undefined;
  return parsed !== undefined && Number.isFinite(parsed) && parsed > 0 ? parsed : DEFAULT_TAKE_OVER_AFTER_MS;
}
