import { leaves } from './conditions';
import { transitions } from './graph';
import { injectId } from './model';
import type { Condition, Measure, Scenario } from './schema';

/**
 * What a scenario's objectives evaluate. A scorecard only rates what its objectives measure, so a story with
 * states, branches and injects that no objective looks at reads as better than it is: a team can ignore half
 * of it and still score well. This maps every part of the story to the objectives that evaluate it.
 *
 * An objective evaluates
 * - a **transition** when it measures something the transition's condition reads (`escalated: vendor` and an
 *   `escalated` objective for the same contact), or when it is a `reached` objective for the transition's target;
 * - a **state** when it is a `reached` objective for it, or evaluates a transition out of it (what the team has
 *   to do there is measured); a final state, when it evaluates a transition into it;
 * - an **inject** when it is an `ack` objective for it, or evaluates the inject's state. An inject that asks
 *   for an acknowledgement (`ack: true`) that no `ack` objective measures is reported as such.
 */

/** One part of the story and the ids of the objectives that evaluate it (empty: none does). */
export interface Covered { by: string[] }
export interface StateCoverage extends Covered { id: string; final: boolean }
export interface TransitionCoverage extends Covered { from: string; to: string; kind: 'on' | 'after'; index: number; label: string }
export interface InjectCoverage extends Covered { id: string; state: string; index: number; title?: string; ack: boolean; ackMeasured: boolean }

export interface Coverage {
  states: StateCoverage[];
  transitions: TransitionCoverage[];
  injects: InjectCoverage[];
}

/** The behaviours an objective's measure looks at, as condition keys (`escalated:vendor`). */
function measured(scenario: Scenario, m: Measure): string[] {
  switch (m.kind) {
    case 'ack': return [`acked:${m.inject}`];
    case 'role-filled': return [`role-filled:${m.role}`];
    case 'roles-filled': return scenario.roles.filter((r) => r.required).map((r) => `role-filled:${r.id}`);
    case 'first-post':
    case 'cadence':
    case 'rubric': return [`posted:${m.channel}`];
    // A reply needs a page: measuring the page measures whether a reply could come.
    case 'escalated': return [`escalated:${m.contact}`, `replied:${m.contact}`];
    case 'declared': return [`declared:${m.status}`];
    case 'reached': return [];
    default: return [];
  }
}

function keysOf(condition: Condition | undefined): string[] {
  if (!condition) return [];
  return leaves(condition).map((leaf) => {
    const [key, value] = Object.entries(leaf)[0];
    // A condition whose value is a map names its subject by `inject` (a decision).
    const subject = value && typeof value === 'object' && 'inject' in value ? (value as { inject: unknown }).inject : value;
    return `${key}:${String(subject)}`;
  });
}

/** Every state, transition and inject of the scenario with the objectives that evaluate it. */
export function objectiveCoverage(scenario: Scenario): Coverage {
  const objectives = scenario.objectives.map((o) => ({ id: o.id, keys: new Set(measured(scenario, o.measure)), reached: o.measure.kind === 'reached' ? o.measure.state : undefined }));
  const reachedBy = (state: string) => objectives.filter((o) => o.reached === state).map((o) => o.id);
  const union = (...lists: string[][]) => [...new Set(lists.flat())];

  const conditionOf = (t: ReturnType<typeof transitions>[number]): Condition | undefined => {
    const def = scenario.states[t.from];
    return t.kind === 'on' ? def.on[t.index].when : def.after[t.index].unless;
  };
  const edges: TransitionCoverage[] = transitions(scenario).map((t) => {
    const keys = keysOf(conditionOf(t));
    const byCondition = objectives.filter((o) => keys.some((k) => o.keys.has(k))).map((o) => o.id);
    return { from: t.from, to: t.to, kind: t.kind, index: t.index, label: t.label, by: union(byCondition, reachedBy(t.to)) };
  });

  const states: StateCoverage[] = Object.entries(scenario.states).map(([id, def]) => {
    const around = edges.filter((e) => (def.final ? e.to === id : e.from === id)).map((e) => e.by);
    return { id, final: def.final, by: union(reachedBy(id), ...around) };
  });
  const stateBy = new Map(states.map((s) => [s.id, s.by]));

  const injects: InjectCoverage[] = [];
  for (const [state, def] of Object.entries(scenario.states)) {
    def.injects.forEach((inject, index) => {
      const id = injectId(state, index, inject);
      const acks = objectives.filter((o) => o.keys.has(`acked:${id}`)).map((o) => o.id);
      injects.push({
        id, state, index, ack: inject.ack, ackMeasured: acks.length > 0,
        ...(inject.title ? { title: inject.title } : {}),
        by: union(acks, stateBy.get(state) ?? []),
      });
    });
  }
  return { states, transitions: edges, injects };
}

/** The parts no objective evaluates, and the injects whose acknowledgement nothing measures. */
export function blindSpots(coverage: Coverage): { states: StateCoverage[]; transitions: TransitionCoverage[]; injects: InjectCoverage[]; unmeasuredAcks: InjectCoverage[] } {
  return {
    states: coverage.states.filter((s) => s.by.length === 0),
    transitions: coverage.transitions.filter((t) => t.by.length === 0),
    injects: coverage.injects.filter((i) => i.by.length === 0),
    unmeasuredAcks: coverage.injects.filter((i) => i.ack && !i.ackMeasured),
  };
}
