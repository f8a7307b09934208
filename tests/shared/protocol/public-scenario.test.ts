import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioDir } from '../../../server/scenario-files';
import { deepFreeze } from '../../../shared/freeze';
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

  it('is made once for a frozen scenario, as every drill of it shows it, and fresh for one that can still change', () => {
    const frozen = deepFreeze(structuredClone(scenarios[0]));
    const first = publicScenario(frozen);
    expect(publicScenario(frozen)).toBe(first);
    expect(Object.isFrozen(first.contacts)).toBe(true);
    expect(() => (first.objectives as { title: string }[]).push({ title: 'x' })).toThrow();

    const draft = structuredClone(scenarios[0]);
    const before = publicScenario(draft);
    draft.title = 'Edited in the studio';
    expect(publicScenario(draft)).not.toBe(before);
    expect(publicScenario(draft).title).toBe('Edited in the studio');
    expect(Object.isFrozen(draft.roles)).toBe(false);
  });
});
