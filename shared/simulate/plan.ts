import { holds, leaves, type Facts } from '../scenario/conditions';
import { ms } from '../scenario/model';
import type { Condition, Declaration, PostChannel, Scenario, Severity } from '../scenario/schema';

/** A single fact a bot can make true by acting (the leaves of scenario conditions). */
export type Need =
  | { kind: 'page'; contact: string }
  | { kind: 'post'; channel: PostChannel }
  | { kind: 'claim'; role: string }
  /** The role passes from its holder to another player. */
  | { kind: 'handover'; role: string }
  | { kind: 'ack'; inject: string }
  | { kind: 'declare'; status: Declaration }
  /** A decision: this option (or, without one, the best the bots can tell). */
  | { kind: 'decide'; inject: string; option?: string }
  /** A premature declaration: bots never aim for one; it exists so that `not premature` forbids nothing else. */
  | { kind: 'premature'; status: Declaration }
  /** A real alert from monitoring: bots cannot make one fire, so they wait for the story's other ways on. */
  | { kind: 'alert'; condition: Extract<Condition, { alerted: unknown }> }
  | { kind: 'severity'; severity: Severity };

/** What a condition asks of the team: facts to make true, and facts it must not make true. */
export interface Requirement { do: Need[]; avoid: Need[] }

type Leaf = ReturnType<typeof leaves>[number];

function needOf(leaf: Leaf): Need {
  if ('escalated' in leaf) return { kind: 'page', contact: leaf.escalated };
  if ('replied' in leaf) return { kind: 'page', contact: leaf.replied };
  if ('posted' in leaf) return { kind: 'post', channel: leaf.posted };
  if ('role-filled' in leaf) return { kind: 'claim', role: leaf['role-filled'] };
  if ('handed-over' in leaf) return { kind: 'handover', role: leaf['handed-over'] };
  if ('acked' in leaf) return { kind: 'ack', inject: leaf.acked };
  if ('declared' in leaf) return { kind: 'declare', status: leaf.declared };
  if ('decided' in leaf) return { kind: 'decide', inject: leaf.decided.inject, ...(leaf.decided.option !== undefined ? { option: leaf.decided.option } : {}) };
  if ('premature' in leaf) return { kind: 'premature', status: leaf.premature };
  if ('alerted' in leaf) return { kind: 'alert', condition: leaf };
  return { kind: 'severity', severity: leaf.severity };
}

/**
 * The actions that make a condition hold. `any` takes its first alternative that asks for nothing forbidden;
 * `not` turns its leaves into things to avoid.
 */
export function requirementOf(condition: Condition, negated = false): Requirement {
  if ('all' in condition || ('any' in condition && negated)) {
    const parts = ('all' in condition ? condition.all : (condition as { any: Condition[] }).any).map((c) => requirementOf(c, negated));
    return { do: parts.flatMap((p) => p.do), avoid: parts.flatMap((p) => p.avoid) };
  }
  if ('any' in condition) {
    const options = condition.any.map((c) => requirementOf(c, negated));
    // A real alert is not the team's to make: prefer an alternative the team can act on.
    const actionable = (o: Requirement) => o.avoid.length === 0 && !o.do.some((n) => n.kind === 'alert');
    return options.find(actionable) ?? options.find((o) => o.avoid.length === 0) ?? options[0];
  }
  if ('not' in condition) return requirementOf(condition.not, !negated);
  const need = needOf(condition as Leaf);
  return negated ? { do: [], avoid: [need] } : { do: [need], avoid: [] };
}

/** A way out of a state: an `on` condition the team can satisfy, or a timer. */
export type Edge =
  | { kind: 'on'; from: string; goto: string; when: Condition }
  | { kind: 'after'; from: string; goto: string; in: number; unless?: Condition };

export function edgesOf(scenario: Scenario, state: string): Edge[] {
  const def = scenario.states[state];
  if (!def || def.final) return [];
  return [
    ...def.on.map((t): Edge => ({ kind: 'on', from: state, goto: t.goto, when: t.when })),
    ...def.after.map((t): Edge => ({ kind: 'after', from: state, goto: t.goto, in: ms(t.in), ...(t.unless ? { unless: t.unless } : {}) })),
  ];
}

/**
 * Cost of reaching a final state from every state, by a shortest-path search backwards over the state graph.
 * A team action (`on`) costs 1; waiting for a timer (`after`) costs 3, because timers in scenarios are mostly
 * contingencies: the team is meant to get ahead of them.
 */
export function distancesToFinal(scenario: Scenario): Map<string, number> {
  const dist = new Map<string, number>();
  const incoming = new Map<string, Edge[]>();
  for (const id of Object.keys(scenario.states)) {
    for (const edge of edgesOf(scenario, id)) incoming.set(edge.goto, [...(incoming.get(edge.goto) ?? []), edge]);
  }
  const queue = Object.entries(scenario.states).filter(([, s]) => s.final).map(([id]) => id);
  for (const id of queue) dist.set(id, 0);
  // Few states and small integer costs: relaxing until nothing changes is plenty.
  for (let changed = true; changed;) {
    changed = false;
    for (const [target, edges] of incoming) {
      const d = dist.get(target);
      if (d === undefined) continue;
      for (const edge of edges) {
        const cost = d + (edge.kind === 'on' ? 1 : 3);
        if (cost < (dist.get(edge.from) ?? Infinity)) {
          dist.set(edge.from, cost);
          changed = true;
        }
      }
    }
  }
  return dist;
}

/** The `on` transition of `state` that leads fastest toward a final state, if any does. */
export function bestStep(scenario: Scenario, dist: Map<string, number>, state: string): Extract<Edge, { kind: 'on' }> | undefined {
  let best: Extract<Edge, { kind: 'on' }> | undefined;
  let bestCost = Infinity;
  for (const edge of edgesOf(scenario, state)) {
    if (edge.kind !== 'on') continue;
    const cost = dist.get(edge.goto) ?? Infinity;
    if (cost < bestCost && cost < (dist.get(state) ?? Infinity)) [best, bestCost] = [edge, cost];
  }
  return best;
}

/** The states the team means to pass through from `state` to a final one, following {@link bestStep}. */
export function bestPath(scenario: Scenario, dist: Map<string, number>, state: string): Extract<Edge, { kind: 'on' }>[] {
  const path: Extract<Edge, { kind: 'on' }>[] = [];
  const seen = new Set([state]);
  for (let step = bestStep(scenario, dist, state); step && !seen.has(step.goto); step = bestStep(scenario, dist, step.goto)) {
    path.push(step);
    seen.add(step.goto);
  }
  return path;
}

/**
 * Contingencies a good team heads off: `after` timers out of `state` whose `unless` condition would stop
 * them and whose target is no closer to the end than where the team is going anyway.
 */
export function contingencies(scenario: Scenario, dist: Map<string, number>, state: string): (Extract<Edge, { kind: 'after' }> & { unless: Condition })[] {
  const here = dist.get(state) ?? Infinity;
  return edgesOf(scenario, state).filter(
    (e): e is Extract<Edge, { kind: 'after' }> & { unless: Condition } => e.kind === 'after' && !!e.unless && (dist.get(e.goto) ?? Infinity) >= here - 1,
  );
}

/** Same need, compared by value. */
export function needKey(need: Need): string {
  switch (need.kind) {
    case 'page': return `page:${need.contact}`;
    case 'post': return `post:${need.channel}`;
    case 'claim': return `claim:${need.role}`;
    case 'handover': return `handover:${need.role}`;
    case 'ack': return `ack:${need.inject}`;
    case 'declare': return `declare:${need.status}`;
    case 'decide': return `decide:${need.inject}${need.option !== undefined ? `:${need.option}` : ''}`;
    case 'premature': return `premature:${need.status}`;
    case 'severity': return `severity:${need.severity}`;
    case 'alert': return `alert:${JSON.stringify(need.condition.alerted)}`;
  }
}

/** True when the team has already done what a need asks. */
export function needHolds(need: Need, facts: Facts): boolean {
  switch (need.kind) {
    case 'page': return holds({ escalated: need.contact }, facts);
    case 'post': return holds({ posted: need.channel }, facts);
    case 'claim': return holds({ 'role-filled': need.role }, facts);
    case 'handover': return holds({ 'handed-over': need.role }, facts);
    case 'ack': return holds({ acked: need.inject }, facts);
    case 'declare': return holds({ declared: need.status }, facts);
    case 'decide': return holds({ decided: { inject: need.inject, ...(need.option !== undefined ? { option: need.option } : {}) } }, facts);
    case 'premature': return holds({ premature: need.status }, facts);
    case 'severity': return holds({ severity: need.severity }, facts);
    case 'alert': return holds(need.condition, facts);
  }
}
