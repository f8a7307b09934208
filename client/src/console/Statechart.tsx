import { useMemo } from 'react';
import type { Scenario } from '../../../shared/scenario/schema';
import { layoutChart, type ChartNode } from './graph';
import { useView } from '../session/DrillSession';

const NODE_W = 150;
const NODE_H = 40;
const GAP_X = 24;
const GAP_Y = 46;

/**
 * The scenario as a statechart: states in layers from the initial one, the current state filled, states the
 * drill has been through outlined. Transitions out of the current state are listed in words below, because that
 * is what the facilitator needs to know: what moves the drill on, and when.
 */
export function Statechart({ script, current, visited }: { script: Scenario; current?: string; visited: Set<string> }) {
  const chart = useMemo(() => layoutChart(script), [script]);
  const width = Math.max(1, chart.widest) * (NODE_W + GAP_X) - GAP_X + 16;
  const height = chart.layers * (NODE_H + GAP_Y) - GAP_Y + 16;
  const perLayer = (layer: number) => chart.nodes.filter((n) => n.layer === layer).length;
  const pos = (n: ChartNode) => {
    const count = perLayer(n.layer);
    const rowWidth = count * (NODE_W + GAP_X) - GAP_X;
    return { x: 8 + (width - 16 - rowWidth) / 2 + n.index * (NODE_W + GAP_X), y: 8 + n.layer * (NODE_H + GAP_Y) };
  };
  const byId = new Map(chart.nodes.map((n) => [n.id, n]));
  const out = chart.edges.filter((e) => e.from === current);

  return (
    <div className="statechart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxHeight: 360 }} role="img"
        aria-label={`Scenario states. Current state: ${current ?? 'not started'}.`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="sc-arrowhead" />
          </marker>
        </defs>
        {chart.edges.map((edge, i) => {
          const a = byId.get(edge.from);
          const b = byId.get(edge.to);
          if (!a || !b) return null;
          const pa = pos(a);
          const pb = pos(b);
          let d: string;
          if (b.layer > a.layer) {
            d = `M${pa.x + NODE_W / 2},${pa.y + NODE_H} C${pa.x + NODE_W / 2},${pa.y + NODE_H + GAP_Y / 2} ${pb.x + NODE_W / 2},${pb.y - GAP_Y / 2} ${pb.x + NODE_W / 2},${pb.y}`;
          } else if (b.layer === a.layer) {
            const leftToRight = pb.x > pa.x;
            d = `M${leftToRight ? pa.x + NODE_W : pa.x},${pa.y + NODE_H / 2} L${leftToRight ? pb.x : pb.x + NODE_W},${pb.y + NODE_H / 2}`;
          } else {
            d = `M${pa.x},${pa.y + NODE_H / 2} C${pa.x - 30},${pa.y} ${pb.x - 30},${pb.y + NODE_H} ${pb.x},${pb.y + NODE_H / 2}`;
          }
          const live = edge.from === current;
          return (
            <path key={i} d={d} className={`sc-edge ${edge.kind}${live ? ' live' : ''}`} markerEnd="url(#arrow)">
              <title>{`${edge.from} → ${edge.to} ${edge.label}`}</title>
            </path>
          );
        })}
        {chart.nodes.map((n) => {
          const p = pos(n);
          const cls = n.id === current ? 'sc-node current' : visited.has(n.id) ? 'sc-node visited' : 'sc-node';
          return (
            <g key={n.id} className={cls} transform={`translate(${p.x},${p.y})`} data-state={n.id}>
              <title>{n.description ?? n.id}</title>
              <rect width={NODE_W} height={NODE_H} rx={n.final ? 20 : 6} />
              <text x={NODE_W / 2} y={NODE_H / 2 + 5} textAnchor="middle">{n.id.length > 20 ? `${n.id.slice(0, 19)}…` : n.id}</text>
            </g>
          );
        })}
      </svg>
      <p className="small"><span className="sc-key current" aria-hidden="true" /> current <span className="sc-key visited" aria-hidden="true" /> visited</p>
      {current ? (
        <div className="sc-next">
          <p className="small"><strong>Now in “{current}”.</strong> {script.states[current]?.description ?? ''}</p>
          <CallsHere state={current} />
          {out.length ? (
            <ul className="small plain-list" aria-label="Ways out of the current state">
              {out.map((e, i) => <li key={i}>→ <strong>{e.to}</strong> {e.label}</li>)}
            </ul>
          ) : <p className="small muted">{script.states[current]?.final ? 'Final state.' : 'No transitions out.'}</p>}
        </div>
      ) : <p className="small muted">Starts in “{script.initial}”.</p>}
    </div>
  );
}

/** The calls the team has to make in this state: the story waits on them (their `decided` conditions). */
function CallsHere({ state }: { state: string }) {
  const view = useView();
  const here = view.state.injects.filter((i) => i.decision && i.state === state && view.state.decisions[i.injectId] && !view.state.decisions[i.injectId].closed);
  if (!here.length) return null;
  return (
    <ul className="small plain-list sc-calls" aria-label="Calls open in this state">
      {here.map((i) => {
        const choice = view.state.decisions[i.injectId].choice;
        const label = choice ? i.decision!.options.find((o) => o.id === choice.option)?.label ?? choice.option : undefined;
        return <li key={i.seq}>⚑ Call “{i.title ?? i.injectId}”: {label ? <>the team chose <strong>{label}</strong></> : <strong>waiting for the team</strong>}</li>;
      })}
    </ul>
  );
}
