import { takeOverAfterMs } from '../drill/presence';
import { deepFreeze } from '../freeze';
import { DEFAULT_POWERS, objectiveTitle, scenarioPowers } from '../scenario/model';
import { perScenario } from '../scenario/per-scenario';
import type { Scenario } from '../scenario/schema';
import type { PublicScenario, ScenarioSummary } from './messages';

/**
 * The part of a scenario every viewer may see (no states, no scripted texts). For a frozen scenario (every one
 * the server holds: the catalog's and the stored drills') it is made once and frozen too, so every view of every
 * drill of that scenario shares it; a scenario that is not frozen could still change, so it gets a fresh one.
 */
export function publicScenario(scenario: Scenario): PublicScenario {
  return Object.isFrozen(scenario) ? sharedPublicScenario(scenario) : makePublicScenario(scenario);
}
const sharedPublicScenario = perScenario((scenario) => deepFreeze(makePublicScenario(scenario)));

function makePublicScenario(scenario: Scenario): PublicScenario {
  const powers = scenarioPowers(scenario);
  return {
    id: scenario.id, title: scenario.title, summary: scenario.summary, briefing: scenario.briefing,
    ...(scenario['starts-at'] !== undefined ? { startsAt: scenario['starts-at'] } : {}),
    severity: scenario.severity, duration: scenario.duration, tags: scenario.tags, roles: scenario.roles,
    powers: { declare: powers.declare, severity: powers.severity, takeOverAfter: scenario.powers?.['take-over-after'] ?? DEFAULT_POWERS['take-over-after'] },
    contacts: scenario.contacts.map(({ id, name, title }) => ({ id, name, ...(title ? { title } : {}) })),
    telemetry: scenario.telemetry,
    objectives: scenario.objectives.map((o) => ({ id: o.id, title: objectiveTitle(scenario, o.id), kind: o.measure.kind, target: o.target, weight: o.weight })),
    takeOverAfterMs: takeOverAfterMs(scenario),
  };
}

/** A scenario card for the library. */
export function scenarioSummary(scenario: Scenario): ScenarioSummary {
  const { id, title, summary, severity, duration, tags, roles, objectives } = publicScenario(scenario);
  return { id, title, summary, severity, duration, tags, roles, objectives };
}
