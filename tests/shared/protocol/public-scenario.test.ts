import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioDir } from '../../../server/scenario-files';
import { publicScenario, scenarioSummary } from '../../../shared/protocol/public-scenario';

const { scenarios } = loadScenarioDir(join(import.meta.dirname, '../../../scenarios'));

describe('publicScenario', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('keeps the facts and internal terms of %s from the team: they are the rubric\'s answers', (_id, scenario) => {
    expect(Object.keys(scenario.facts).length).toBeGreaterThan(0);
    for (const view of [publicScenario(scenario), scenarioSummary(scenario)]) {
      expect(view).not.toHaveProperty('facts');
      expect(view).not.toHaveProperty('internal-terms');
      expect(JSON.stringify(view)).not.toContain('data-lost');
    }
  });
});
