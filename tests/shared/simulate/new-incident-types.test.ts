import { describe, expect, it } from 'vitest';
import { leaves } from '../../../shared/scenario/conditions';
import type { Condition, Scenario } from '../../../shared/scenario/schema';
import { simulate } from '../../../shared/simulate/simulate';
import { bundledScenario, bundledScenarioFiles } from '../drill/helpers';

/**
 * The six incident types teams rehearse most (issue #11): each is bundled, and each is a real tabletop:
 * story time, the truth for the rubric, its jargon, a call to make, a contingency for the team that does not
 * make it, a state where the service really works again, and sensible pages that are not noise.
 */
const NEW = ['ddos-on-sale', 'region-outage-blind', 'global-config-push', 'patient-data-breach', 'night-handover', 'sso-lockout'];

const conditionsOf = (scenario: Scenario): Condition[] =>
  Object.values(scenario.states).flatMap((s) => [...s.on.map((t) => t.when), ...s.after.flatMap((t) => (t.unless ? [t.unless] : []))]);

describe('the six new incident types', () => {
  it('are all bundled', () => {
    expect(bundledScenarioFiles()).toEqual(expect.arrayContaining(NEW.map((id) => `${id}.yaml`)));
  });

  describe.each(NEW)('%s', (id) => {
    const scenario = bundledScenario(`${id}.yaml`);
    const states = Object.values(scenario.states);

    it('has story time, facts, internal terms, a useful contact and both fixed levels', () => {
      expect(scenario['starts-at']).toBeDefined();
      expect(Object.keys(scenario.facts ?? {}).length).toBeGreaterThanOrEqual(4);
      expect(scenario['internal-terms'].length).toBeGreaterThanOrEqual(5);
      expect(scenario.contacts.some((c) => c.useful)).toBe(true);
      expect(states.map((s) => s.fixed)).toEqual(expect.arrayContaining(['mitigated', 'resolved']));
    });

    it('asks for a decision the story follows, and has a contingency for a team that does not act', () => {
      const decisions = states.flatMap((s) => s.injects.filter((i) => i.decision));
      expect(decisions.length).toBeGreaterThanOrEqual(1);
      const followed = conditionsOf(scenario).flatMap(leaves).filter((l) => 'decided' in l);
      expect(followed.length).toBeGreaterThanOrEqual(1);
      expect(states.some((s) => s.after.some((a) => a.unless))).toBe(true);
    });

    it('a textbook team ends it, choosing a best-rated option every time and declaring only what the story has fixed', () => {
      const { events } = simulate(scenario, { team: 'textbook', seed: 1 });
      expect(events.find((e) => e.type === 'drill.ended')).toMatchObject({ reason: 'final' });
      const options = new Map(states.flatMap((s) => s.injects.flatMap((i) => (i.decision && i.id ? [[i.id, i.decision.options] as const] : []))));
      const made = events.flatMap((e) => (e.type === 'decision.make' ? [e] : []));
      expect(made.length).toBeGreaterThanOrEqual(1);
      for (const choice of made) expect(options.get(choice.injectId)!.find((o) => o.id === choice.option)!.rating, choice.injectId).toBe('P');
      for (const status of ['mitigated', 'resolved'] as const) {
        const declared = events.findIndex((e) => e.type === 'incident.declare' && e.status === status);
        const fixed = events.findIndex((e) => e.type === 'state.entered' && (e.fixed === status || (status === 'mitigated' && e.fixed === 'resolved')));
        expect(declared, `${status} declared`).toBeGreaterThan(-1);
        expect(fixed, `${status} fixed before it was declared`).toBeGreaterThan(-1);
        expect(fixed).toBeLessThan(declared);
      }
    });
  });
});
