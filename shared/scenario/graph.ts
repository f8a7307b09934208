import { describeCondition } from './conditions';
import type { Condition, Scenario } from './schema';

/**
 * The scenario as a graph of states and transitions: one model for every view of it (the API's statechart, the
 * facilitator console, the studio), so that a transition reads the same words everywhere.
 */

type Story = Pick<Scenario, 'initial' | 'states'>;

/** One `on` or `after` transition, with where it is written (`states.<from>.<kind>[index]`). */
export interface Transition {
  from: string;
  to: string;
  kind: 'on' | 'after';
  index: number;
  /** The condition in words: `when` of an `on`, `unless` of an `after` (absent for an `after` without one). */
  condition?: string;
  /** The delay of an `after` transition, as written ("12m"). */
  in?: string;
  /** The transition in words: "vendor-support paged", "after 12m unless status-page posted". */
  label: string;
}

/** The scenario's states and transitions, for a statechart (`GET /api/scenarios/:id`). */
export interface ScenarioGraph {
  initial: string;
  states: { id: string; final: boolean; injects: number; description?: string }[];
  edges: { from: string; to: string; kind: 'on' | 'after'; label: string }[];
}

const words = (condition: Condition) => describeCondition(condition);

/** Every transition of the scenario in file order: each state's `on` list, then its `after` list. */
export function transitions(scenario: Story): Transition[] {
  const out: Transition[] = [];
  for (const [from, state] of Object.entries(scenario.states)) {
    state.on.forEach((t, index) => {
      const condition = words(t.when);
      out.push({ from, to: t.goto, kind: 'on', index, condition, label: condition });
    });
    state.after.forEach((t, index) => {
      const condition = t.unless ? words(t.unless) : undefined;
      out.push({ from, to: t.goto, kind: 'after', index, in: t.in, ...(condition ? { condition } : {}), label: `after ${t.in}${condition ? ` unless ${condition}` : ''}` });
    });
  }
  return out;
}

/** A transition as a phrase after an arrow: "when vendor-support paged", "after 12m unless status-page posted". */
export function transitionPhrase(t: Pick<Transition, 'kind' | 'label'>): string {
  return t.kind === 'on' ? `when ${t.label}` : t.label;
}

/** The graph the API serves. */
export function scenarioGraph(scenario: Story): ScenarioGraph {
  const states = Object.entries(scenario.states).map(([id, s]) => ({ id, final: s.final, injects: s.injects.length, ...(s.description ? { description: s.description } : {}) }));
  const edges = transitions(scenario).map(({ from, to, kind, label }) => ({ from, to, kind, label }));
  return { initial: scenario.initial, states, edges };
}

/**
 * Each state's distance from the initial state in transitions (breadth-first, in file order), which reads top
 * to bottom as "how far the incident has progressed". States that cannot be reached get the layer after the
 * last one. Transitions to states that do not exist are ignored.
 */
export function stateLayers(scenario: Story): Map<string, number> {
  const depth = new Map<string, number>();
  const edges = transitions(scenario);
  if (scenario.initial in scenario.states) depth.set(scenario.initial, 0);
  const queue = [...depth.keys()];
  while (queue.length) {
    const id = queue.shift()!;
    for (const edge of edges) {
      if (edge.from !== id || depth.has(edge.to) || !(edge.to in scenario.states)) continue;
      depth.set(edge.to, depth.get(id)! + 1);
      queue.push(edge.to);
    }
  }
  const last = depth.size ? Math.max(...depth.values()) + 1 : 0;
  for (const id of Object.keys(scenario.states)) if (!depth.has(id)) depth.set(id, last);
  return new Map(Object.keys(scenario.states).map((id) => [id, depth.get(id)!]));
}

/** The states a statechart should warn about. */
export interface GraphHealth {
  /** States no path from the initial state leads to. */
  unreachable: string[];
  /** Reachable states that are not final and have no transition out: the drill waits there for its end. */
  deadEnds: string[];
  /** Reachable states with a way out but no path to a final state. */
  stuck: string[];
}

/** Unreachable states, dead ends and states from which the story cannot finish. */
export function graphHealth(scenario: Story): GraphHealth {
  const ids = Object.keys(scenario.states);
  const all = transitions(scenario);
  const edges = all.filter((t) => t.to in scenario.states);
  const reachable = closure(scenario.initial in scenario.states ? [scenario.initial] : [], (id) => edges.filter((e) => e.from === id).map((e) => e.to));
  const canFinish = closure(ids.filter((id) => scenario.states[id].final), (id) => edges.filter((e) => e.to === id).map((e) => e.from));
  const open = ids.filter((id) => reachable.has(id) && !scenario.states[id].final);
  const leaves = (id: string) => all.some((t) => t.from === id);
  return {
    unreachable: ids.filter((id) => !reachable.has(id)),
    deadEnds: open.filter((id) => !leaves(id)),
    stuck: open.filter((id) => leaves(id) && !canFinish.has(id)),
  };
}

/** Everything reachable from `start` by following `step`, including `start`. */
export function closure(start: string[], step: (id: string) => string[]): Set<string> {
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length) {
    for (const id of step(queue.shift()!)) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}
