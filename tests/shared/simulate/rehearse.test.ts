import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../shared/scenario/load';
import type { Scenario } from '../../../shared/scenario/schema';
import { scorePost } from '../../../shared/scoring/rubric';
import { PROFILES, rateStatusPost, rehearse } from '../../../shared/simulate';

function bundled(id: string): Scenario {
  const result = loadScenario(readFileSync(join(import.meta.dirname, '../../../scenarios', `${id}.yaml`), 'utf8'));
  if (!result.ok) throw new Error(`${id} does not load`);
  return result.scenario;
}

describe('rehearse', () => {
  const scenario = bundled('partner-db-down');
  const result = rehearse(scenario, 1);

  it('plays every team the simulator knows, and textbook beats silent', () => {
    expect(result.teams.map((t) => t.team)).toEqual([...PROFILES]);
    const score = Object.fromEntries(result.teams.map((t) => [t.team, t.overall]));
    expect(score.textbook).toBeGreaterThan(score.silent);
    expect(result.separation).toEqual([]);
  });

  it("gives each team's path through the story and how its drill ended", () => {
    const textbook = result.teams.find((t) => t.team === 'textbook')!;
    expect(textbook.path[0]).toEqual({ state: 'detection', at: 0 });
    expect(textbook.path.at(-1)!.state).toBe('done');
    expect(textbook.ended?.reason).toBe('final');
    // A silent team never pages the vendor: the story waits in its contingency until the time runs out.
    const silent = result.teams.find((t) => t.team === 'silent')!;
    expect(silent.path.map((p) => p.state)).toContain('social-storm');
    expect(silent.ended?.reason).toBe('duration');
  });

  it('says which objectives tell the teams apart and which reward the wrong team', () => {
    expect(result.objectives.map((o) => o.id)).toEqual(scenario.objectives.map((o) => o.id));
    for (const o of result.objectives) {
      expect(Object.keys(o.ratings)).toEqual([...PROFILES]);
      expect(o.favours).toEqual([]);
    }
    expect(result.objectives.filter((o) => o.separates).length).toBeGreaterThan(0);
  });

  it('warns when a scenario cannot tell good teams from bad: one whose only objective rewards a silent team', () => {
    // Reaching the contingency is what happens to a team that stays silent: the textbook team misses it.
    const objectives: Scenario['objectives'] = [{ id: 'storm', measure: { kind: 'reached', state: 'social-storm' }, target: '30m', weight: 1 }];
    expect(rehearse({ ...scenario, objectives }, 1).separation.join('\n')).toMatch(/textbook scored \d+, below 85/);
  });

  it('gives a silent team nothing for roles it claimed but never acted in, even when roles are all the scenario measures', () => {
    const objectives: Scenario['objectives'] = [
      { id: 'ic', measure: { kind: 'role-filled', role: 'ic' }, target: '10m', weight: 1 },
      { id: 'all-roles', measure: { kind: 'roles-filled' }, target: '15m', weight: 1 },
    ];
    const silent = rehearse({ ...scenario, objectives }, 1).teams.find((t) => t.team === 'silent')!;
    expect(silent.objectives.ic.rating).toBe('U');
    expect(silent.objectives['all-roles'].rating).toBe('U');
    expect(silent.overall).toBe(0);
  });

  it('an objective every team meets tells no team apart', () => {
    // The drill starts in "detection": reaching it says nothing about the team.
    const objectives: Scenario['objectives'] = [{ id: 'started', measure: { kind: 'reached', state: 'detection' }, target: '1m', weight: 1 }];
    const spread = rehearse({ ...scenario, objectives }, 1).objectives[0];
    expect(Object.values(spread.ratings)).toEqual(PROFILES.map(() => 'P'));
    expect(spread.separates).toBe(false);
  });

  it('an objective only a bad team meets rewards the wrong team', () => {
    // Reaching the contingency is what happens to a team that stays silent.
    const objectives: Scenario['objectives'] = [{ id: 'storm', measure: { kind: 'reached', state: 'social-storm' }, target: '30m', weight: 1 }];
    const spread = rehearse({ ...scenario, objectives }, 1).objectives[0];
    expect(spread.ratings.textbook).toBe('U');
    expect(spread.favours).toContain('silent');
  });

  it('names the states and injects no team reached', () => {
    const orphan: Scenario = {
      ...scenario,
      states: { ...scenario.states, 'press-leak': { injects: [{ id: 'leak', at: '0s', to: ['all'], channel: 'news', title: 'Leak', ack: false }], on: [], after: [], final: false } },
    };
    const { unreached } = rehearse(orphan, 1);
    expect(unreached.states).toEqual(['press-leak']);
    expect(unreached.injects).toContain('leak');
    expect(unreached.injects).not.toContain('first-page');
  });
});

describe('rateStatusPost', () => {
  const scenario = bundled('partner-db-down');
  const good = 'Investigating: customers cannot complete checkout right now. We are sorry and are working with our database provider. Next update in 15 minutes.';

  it('rates a post exactly as the scorecard would: the rubric with the scenario\'s options', () => {
    const rated = rateStatusPost(scenario, { text: good, phase: 'investigating' });
    expect(rated.channel).toBe('status-page');
    expect(rated.score).toBe(scorePost({ text: good, phase: 'investigating' }).score);
    expect(rated.checks.map((c) => c.id)).toEqual(scorePost({ text: good, phase: 'investigating' }).checks.map((c) => c.id));
    expect(rated.final).toBe(false);
  });

  it('a final post is the last word of the drill', () => {
    const rated = rateStatusPost(scenario, { text: 'Resolved: checkout works again. No data was lost. We are sorry.', phase: 'monitoring', final: true });
    expect(rated.final).toBe(true);
    expect(rated.checks.find((c) => c.id === 'data-loss')?.applicable).toBe(true);
  });

  it('a blaming post scores lower than a good one', () => {
    const blame = rateStatusPost(scenario, { text: 'Investigating: our vendor broke checkout. Human error on their side. Fixed in 5 minutes.', phase: 'investigating' });
    expect(blame.score).toBeLessThan(rateStatusPost(scenario, { text: good, phase: 'investigating' }).score);
  });
});
