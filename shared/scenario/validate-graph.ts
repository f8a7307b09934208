import type { Gaps } from './draft';
import { leaves } from './conditions';
import { closure } from './graph';
import { fixedRank } from './model';
import { closest, type Finding } from './problems';
import type { Condition, Declaration, Scenario } from './schema';

/**
 * The shape of the state graph: every state reachable, a final state the drill can get to, no transition that
 * would spin forever, no state the team can never leave. These are the mistakes that only show up twenty
 * minutes into a live drill, so they are caught when the file is loaded. With `gaps` (a draft of a file with
 * schema errors), broken transitions whose `goto` reads still count, and reachability is judged only when the
 * whole graph is known.
 */
export function graphFindings(scenario: Scenario, gaps?: Gaps): Finding[] {
  const findings: Finding[] = [];
  const add = (path: Finding['path'], message: string, severity: Finding['severity'] = 'error', at?: 'key') =>
    findings.push({ path, message, severity, ...(at ? { at } : {}) });
  const states = Object.entries(scenario.states);
  const exists = (id: string) => id in scenario.states;
  // A typo'd goto ("strom") is reported with a suggestion; following the suggestion here spares the author a
  // second message saying that "storm" cannot be reached.
  const target = (goto: string) => (exists(goto) ? goto : closest(goto, Object.keys(scenario.states)));
  const gotos = (id: string, s: Scenario['states'][string]) => [...s.on, ...s.after, ...(gaps?.edges ?? []).filter((e) => e.from === id)].map((t) => ('to' in t ? t.to : t.goto));
  const next = new Map(states.map(([id, s]) => [id, gotos(id, s).map(target).filter((t) => t !== undefined)]));
  const finals = states.filter(([, s]) => s.final).map(([id]) => id);

  for (const [id, state] of states) {
    if (!state.final) continue;
    if (state.fixed !== undefined) {
      add(['states', id, 'fixed'], `final state "${id}" cannot be fixed: ${state.fixed}: a final state only ends the story; mark the state before it, where the service works again`, 'error', 'key');
    }
    for (const key of ['injects', 'on', 'after'] as const) {
      if (state[key].length === 0) continue;
      const what = key === 'injects' ? 'injects' : `${key} transitions`;
      add(['states', id, key], `final state "${id}" has ${what}, but the drill ends as soon as it is entered, so they never happen`, 'error', 'key');
    }
  }
  for (const [id, state] of states) {
    state.on.forEach((t, i) => {
      if (t.goto === id) add(['states', id, 'on', i, 'goto'], `this on transition goes back to its own state "${id}": once its condition holds it would fire again and again`);
    });
  }
  for (const cycle of onCycles(scenario)) {
    add(['states', cycle[0], 'on'], `on transitions go round in a circle (${[...cycle, cycle[0]].join(' → ')}): facts only accumulate, so once these conditions all hold the drill bounces between these states after every team action`, 'warning', 'key');
  }
  if (gaps?.graphUnknown) return findings;
  if (finals.length === 0) add(['states'], 'no final state: the drill can only end when its time runs out', 'error', 'key');

  // An unknown initial state is reported with the references; the graph cannot be walked from it.
  if (!exists(scenario.initial)) return findings;
  const reachable = closure([scenario.initial], (id) => next.get(id) ?? []);
  findings.push(...fixedFindings(scenario, reachable));
  for (const [id] of states) {
    if (!reachable.has(id)) add(['states', id], `state "${id}" cannot be reached from "${scenario.initial}"`, 'error', 'key');
  }
  if (finals.length > 0 && !finals.some((id) => reachable.has(id))) {
    add(['initial'], `no final state can be reached from "${scenario.initial}": the drill can only end when its time runs out`);
  }

  // States from which some final state can be reached: walk the transitions backwards from the finals.
  const previous = new Map<string, string[]>();
  for (const [from, targets] of next) for (const to of targets) previous.set(to, [...(previous.get(to) ?? []), from]);
  const canFinish = closure(finals, (id) => previous.get(id) ?? []);
  const finishable = finals.some((id) => reachable.has(id));
  for (const [id, state] of states) {
    if (state.final || !reachable.has(id)) continue;
    if (state.on.length === 0 && state.after.length === 0 && !gaps?.edges.some((e) => e.from === id)) {
      add(['states', id], `state "${id}" has no way out (no on or after): once there, the drill only ends when its time runs out`, 'warning', 'key');
    } else if (finishable && !canFinish.has(id)) {
      add(['states', id], `no final state can be reached from state "${id}": once there, the drill only ends when its time runs out`, 'warning', 'key');
    }
  }
  return findings;
}

/**
 * Cycles made only of `on` transitions (of two states or more; a transition to its own state is reported
 * on its own). `after` transitions take time, so a cycle through one of them is a deliberate loop.
 */
function onCycles(scenario: Scenario): string[][] {
  // A final state's transitions never fire, so they close no cycle.
  const live = (id: string) => id in scenario.states && !scenario.states[id].final;
  const onNext = (id: string) => (live(id) ? scenario.states[id].on : []).map((t) => t.goto).filter((to) => to !== id && live(to));
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const start of Object.keys(scenario.states)) {
    // Depth-first from each state, looking for a path back to it through states not yet in a reported cycle.
    const path: string[] = [];
    const visit = (id: string): boolean => {
      path.push(id);
      for (const to of onNext(id)) {
        if (to === start) return true;
        if (!path.includes(to) && !seen.has(to) && visit(to)) return true;
      }
      path.pop();
      return false;
    };
    if (!seen.has(start) && visit(start)) {
      path.forEach((id) => seen.add(id));
      cycles.push([...path]);
    }
  }
  return cycles;
}

/**
 * `fixed` states and declarations. A scenario that scores declarations (a `declared` objective), marks a
 * `fixed` state, or asks whether a declaration was premature needs a *reachable* `fixed` state, or no
 * all-clear is ever checked against the story (an all-clear at minute 1 would rate like one after the fix);
 * and a fixed state the team only enters by declaring makes every declaration premature. A `declared`
 * condition alone (the usual way a story ends) does not trigger the warning: it is a story mechanism, not a
 * score, and old files that only end on it keep validating clean.
 */
function fixedFindings(scenario: Scenario, reachable: Set<string>): Finding[] {
  const findings: Finding[] = [];
  const states = Object.entries(scenario.states);
  const fixed = states.filter(([id, s]) => s.fixed !== undefined && !s.final && reachable.has(id));
  const conditions = states.flatMap(([, s]) => [...s.on.map((t) => t.when), ...s.after.flatMap((t) => (t.unless ? [t.unless] : []))]);
  const asksPremature = conditions.some((c) => leaves(c).some((leaf) => 'premature' in leaf));
  const scoresDeclaring = scenario.objectives.some((o) => o.measure.kind === 'declared');
  const marksFixed = states.some(([, s]) => s.fixed !== undefined && !s.final); // fixed on a final state is an error of its own
  if ((asksPremature || scoresDeclaring || marksFixed) && fixed.length === 0) {
    const consequence = asksPremature
      ? 'a premature condition never holds'
      : marksFixed
        ? 'no state marked fixed is ever entered and every declaration would count as premature'
        : 'an all-clear given before the fix rates like one given after it';
    findings.push({
      path: ['states'],
      message: `declarations cannot be checked against the story: no reachable state is marked fixed: mitigated or fixed: resolved, so ${consequence}; mark the state where the service works again`,
      severity: 'warning',
      at: 'key',
    });
  }
  for (const [id, state] of fixed) {
    const incoming = states.flatMap(([from, s]) => (from === id ? [] : [
      ...s.on.filter((t) => t.goto === id).map((t) => t.when),
      ...s.after.filter((t) => t.goto === id).map(() => undefined),
    ]));
    if (incoming.length > 0 && incoming.every((when) => when !== undefined && requiresDeclaring(when, state.fixed!))) {
      findings.push({
        path: ['states', id, 'fixed'],
        message: `state "${id}" is entered only when the team declares, so every declaration of ${state.fixed} would count as premature; mark the state where the fix happens (after a reply or a decision) instead`,
        severity: 'warning',
        at: 'key',
      });
    }
  }
  return findings;
}

/** Whether a condition can only hold once the team has declared `level` or higher. */
function requiresDeclaring(condition: Condition, level: Declaration): boolean {
  if ('declared' in condition) return fixedRank(condition.declared) >= fixedRank(level);
  if ('all' in condition) return condition.all.some((c) => requiresDeclaring(c, level));
  if ('any' in condition) return condition.any.every((c) => requiresDeclaring(c, level));
  return false;
}
