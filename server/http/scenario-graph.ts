import type { ScenarioGraph } from '../../shared/protocol/messages';
import { describeCondition } from '../../shared/scenario/conditions';
import type { Scenario } from '../../shared/scenario/schema';

/** The scenario as a graph of states and transitions, for the statechart view. */
export function scenarioGraph(scenario: Scenario): ScenarioGraph {
  const states: ScenarioGraph['states'] = [];
  const edges: ScenarioGraph['edges'] = [];
  for (const [id, state] of Object.entries(scenario.states)) {
    states.push({ id, final: state.final, injects: state.injects.length, ...(state.description ? { description: state.description } : {}) });
    for (const on of state.on) edges.push({ from: id, to: on.goto, kind: 'on', label: describeCondition(on.when) });
    for (const after of state.after) {
      edges.push({ from: id, to: after.goto, kind: 'after', label: `after ${after.in}${after.unless ? ` unless ${describeCondition(after.unless)}` : ''}` });
    }
  }
  return { initial: scenario.initial, states, edges };
}
