import { describeCondition } from '../../../shared/scenario/conditions';
import type { Scenario } from '../../../shared/scenario/schema';

export interface ChartNode { id: string; layer: number; index: number; final: boolean; description?: string }
export interface ChartEdge { from: string; to: string; kind: 'on' | 'after'; label: string }
export interface Chart { nodes: ChartNode[]; edges: ChartEdge[]; layers: number; widest: number }

/**
 * Lays the scenario's states out in layers by their distance from the initial state (breadth-first), which
 * reads top to bottom as "how far the incident has progressed". Unreachable states go in a last layer.
 */
export function layoutChart(scenario: Pick<Scenario, 'initial' | 'states'>): Chart {
  const edges: ChartEdge[] = [];
  for (const [id, state] of Object.entries(scenario.states)) {
    for (const on of state.on) edges.push({ from: id, to: on.goto, kind: 'on', label: `when ${describeCondition(on.when)}` });
    for (const after of state.after) {
      edges.push({ from: id, to: after.goto, kind: 'after', label: `after ${after.in}${after.unless ? ` unless ${describeCondition(after.unless)}` : ''}` });
    }
  }
  const depth = new Map<string, number>([[scenario.initial, 0]]);
  const queue = [scenario.initial];
  while (queue.length) {
    const id = queue.shift()!;
    for (const edge of edges) {
      if (edge.from !== id || depth.has(edge.to) || !scenario.states[edge.to]) continue;
      depth.set(edge.to, depth.get(id)! + 1);
      queue.push(edge.to);
    }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const byLayer = new Map<number, string[]>();
  for (const id of Object.keys(scenario.states)) {
    const layer = depth.get(id) ?? last;
    byLayer.set(layer, [...(byLayer.get(layer) ?? []), id]);
  }
  const nodes: ChartNode[] = [];
  for (const [layer, ids] of byLayer) {
    ids.forEach((id, index) => nodes.push({ id, layer, index, final: scenario.states[id].final, description: scenario.states[id].description }));
  }
  const layers = Math.max(...nodes.map((n) => n.layer)) + 1;
  const widest = Math.max(...[...byLayer.values()].map((ids) => ids.length));
  return { nodes, edges, layers, widest };
}
