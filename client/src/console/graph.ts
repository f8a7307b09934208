import { stateLayers, transitionPhrase, transitions } from '../../../shared/scenario/graph';
import type { Scenario } from '../../../shared/scenario/schema';

export interface ChartNode { id: string; layer: number; index: number; final: boolean; description?: string }
export interface ChartEdge { from: string; to: string; kind: 'on' | 'after'; label: string }
export interface Chart { nodes: ChartNode[]; edges: ChartEdge[]; layers: number; widest: number }

/**
 * Lays the scenario's states out in layers by their distance from the initial state (shared/scenario/graph.ts),
 * which reads top to bottom as "how far the incident has progressed". Unreachable states go in a last layer.
 */
export function layoutChart(scenario: Pick<Scenario, 'initial' | 'states'>): Chart {
  const edges = transitions(scenario).map((t) => ({ from: t.from, to: t.to, kind: t.kind, label: transitionPhrase(t) }));
  const byLayer = new Map<number, string[]>();
  for (const [id, layer] of stateLayers(scenario)) byLayer.set(layer, [...(byLayer.get(layer) ?? []), id]);
  const nodes: ChartNode[] = [];
  for (const [layer, ids] of [...byLayer].sort(([a], [b]) => a - b)) {
    ids.forEach((id, index) => nodes.push({ id, layer, index, final: scenario.states[id].final, description: scenario.states[id].description }));
  }
  const layers = Math.max(0, ...nodes.map((n) => n.layer)) + 1;
  const widest = Math.max(0, ...[...byLayer.values()].map((ids) => ids.length));
  return { nodes, edges, layers, widest };
}
