import { useMemo, type KeyboardEvent } from 'react';
import { formatDuration, parseDuration } from '../../../shared/duration';
import type { Locate } from '../../../shared/scenario/load';
import { injectChannel, injectId } from '../../../shared/scenario/model';
import type { Path, ScenarioProblem } from '../../../shared/scenario/problems';
import { graphHealth, stateLayers, transitionPhrase, transitions, type Transition } from '../../../shared/scenario/graph';
import type { Scenario } from '../../../shared/scenario/schema';
import { CHANNEL_LABELS, Icon } from '../ui/icons';

const NODE_W = 150;
const NODE_H = 36;
const GAP_X = 20;
const GAP_Y = 42;
const MINUTE = 60_000;

interface Props {
  scenario: Scenario;
  locate: Locate;
  problems: readonly ScenarioProblem[];
  /** True when `scenario` is only the readable part of a file with errors. */
  partial: boolean;
  onJump(line: number, col: number): void;
}

const ms = (duration: string) => parseDuration(duration) ?? 0;

/**
 * The story as you type it: the states as a graph from the initial one (unreachable states and dead ends
 * marked), and below it every state with its injects on a time axis and its ways out in words. Every state,
 * inject and transition is a button that puts the editor's cursor where it is written.
 */
export function StoryChart({ scenario, locate, problems, partial, onJump }: Props) {
  const model = useMemo(() => {
    const layers = stateLayers(scenario);
    const health = graphHealth(scenario);
    const edges = transitions(scenario);
    const order = [...layers].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    let horizon = 5 * MINUTE;
    for (const state of Object.values(scenario.states)) {
      for (const inject of state.injects) horizon = Math.max(horizon, ms(inject.at));
      for (const after of state.after) horizon = Math.max(horizon, ms(after.in));
    }
    horizon = Math.ceil((horizon * 1.05) / (5 * MINUTE)) * 5 * MINUTE;
    return { layers, health, edges, order, horizon };
  }, [scenario]);

  const jump = (path: Path, at?: 'key') => {
    const { line, col } = locate(path, at);
    onJump(line, col);
  };
  const problemsIn = (id: string) => problems.filter((p) => p.path[0] === 'states' && p.path[1] === id);
  const flags = (id: string) => ({
    unreachable: model.health.unreachable.includes(id),
    deadEnd: model.health.deadEnds.includes(id),
    stuck: model.health.stuck.includes(id),
  });

  if (Object.keys(scenario.states).length === 0) {
    return <p className="empty">No states yet. Add <code>states:</code> with an <code>initial</code> state to see the story here.</p>;
  }
  return (
    <div className="story" data-testid="story">
      {partial ? <p className="notice small">The file has errors. The story shows what reads, and follows as you fix them.</p> : null}
      <StateGraph scenario={scenario} layers={model.layers} edges={model.edges} flagsOf={flags} onPick={(id) => jump(['states', id], 'key')} />
      <ol className="story-states" aria-label="States, in order from the initial state">
        {model.order.map((id) => {
          const state = scenario.states[id];
          const f = flags(id);
          const mine = problemsIn(id);
          const out = model.edges.filter((e) => e.from === id);
          const cls = ['story-state', f.unreachable ? 'is-unreachable' : '', f.deadEnd || f.stuck ? 'is-dead-end' : '', state.final ? 'is-final' : ''].filter(Boolean).join(' ');
          return (
            <li key={id} className={cls} data-state={id}>
              <header className="story-state-head">
                <button type="button" className="story-state-name" onClick={() => jump(['states', id], 'key')} aria-label={`State ${id}: go to its line`}>{id}</button>
                {id === scenario.initial ? <span className="badge badge-info">start</span> : null}
                {state.final ? <span className="badge badge-ok">final: ends the drill</span> : null}
                {f.unreachable ? <span className="badge badge-bad">unreachable</span> : null}
                {f.deadEnd ? <span className="badge badge-warn">dead end: no way out</span> : null}
                {f.stuck ? <span className="badge badge-warn">cannot reach a final state</span> : null}
                {mine.length ? <span className="badge badge-bad">{mine.length} problem{mine.length === 1 ? '' : 's'}</span> : null}
              </header>
              {state.description ? <p className="story-state-desc small">{state.description}</p> : null}
              {!state.final && (state.injects.length || state.after.length) ? (
                <Timeline state={id} def={state} horizon={model.horizon} onInject={(i) => jump(['states', id, 'injects', i])} onAfter={(i) => jump(['states', id, 'after', i])} />
              ) : null}
              {out.length ? (
                <ul className="story-ways" aria-label={`Ways out of ${id}`}>
                  {out.map((t) => (
                    <li key={`${t.kind}${t.index}`} className={`story-way ${t.kind}`}>
                      <button type="button" className="story-way-btn" onClick={() => jump(['states', id, t.kind, t.index])}>
                        {t.kind === 'on' ? <span aria-hidden="true">→</span> : <Clock />} <strong>{t.to}</strong>
                        {t.to in scenario.states ? null : <span className="story-missing"> (not defined)</span>}
                      </button>{' '}
                      <span className="story-way-when">{transitionPhrase(t)}</span>
                    </li>
                  ))}
                </ul>
              ) : state.final ? null : <p className="small story-none">No way out: once here, the drill runs until its time is up.</p>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The states as boxes in layers from the initial state, with their transitions as arrows. */
function StateGraph({ scenario, layers, edges, flagsOf, onPick }: {
  scenario: Scenario; layers: Map<string, number>; edges: Transition[];
  flagsOf: (id: string) => { unreachable: boolean; deadEnd: boolean; stuck: boolean }; onPick: (id: string) => void;
}) {
  const byLayer = new Map<number, string[]>();
  for (const [id, layer] of layers) byLayer.set(layer, [...(byLayer.get(layer) ?? []), id]);
  const rows = [...byLayer.keys()].sort((a, b) => a - b);
  const widest = Math.max(1, ...[...byLayer.values()].map((ids) => ids.length));
  const width = widest * (NODE_W + GAP_X) - GAP_X + 40;
  const height = rows.length * (NODE_H + GAP_Y) - GAP_Y + 16;
  const pos = new Map<string, { x: number; y: number }>();
  rows.forEach((layer, row) => {
    const ids = byLayer.get(layer)!;
    const rowWidth = ids.length * (NODE_W + GAP_X) - GAP_X;
    ids.forEach((id, i) => pos.set(id, { x: 20 + (width - 40 - rowWidth) / 2 + i * (NODE_W + GAP_X), y: 8 + row * (NODE_H + GAP_Y) }));
  });
  const onKey = (event: KeyboardEvent, id: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick(id);
    }
  };
  return (
    <figure className="story-graph">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label="State graph: each state is a button that goes to its line">
        <defs>
          <marker id="studio-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="sg-arrowhead" />
          </marker>
        </defs>
        {edges.map((edge) => {
          const a = pos.get(edge.from);
          const b = pos.get(edge.to);
          if (!a || !b || edge.from === edge.to) return null;
          let d: string;
          if (b.y > a.y) d = `M${a.x + NODE_W / 2},${a.y + NODE_H} C${a.x + NODE_W / 2},${a.y + NODE_H + GAP_Y / 2} ${b.x + NODE_W / 2},${b.y - GAP_Y / 2} ${b.x + NODE_W / 2},${b.y}`;
          else if (b.y === a.y) d = b.x > a.x ? `M${a.x + NODE_W},${a.y + NODE_H / 2} L${b.x},${b.y + NODE_H / 2}` : `M${a.x},${a.y + NODE_H / 2} L${b.x + NODE_W},${b.y + NODE_H / 2}`;
          else d = `M${a.x},${a.y + NODE_H / 2} C${a.x - 34},${a.y} ${b.x - 34},${b.y + NODE_H} ${b.x},${b.y + NODE_H / 2}`;
          return (
            <path key={`${edge.from}-${edge.kind}-${edge.index}`} d={d} className={`sg-edge ${edge.kind}`} markerEnd="url(#studio-arrow)">
              <title>{`${edge.from} → ${edge.to} ${transitionPhrase(edge)}`}</title>
            </path>
          );
        })}
        {[...pos].map(([id, p]) => {
          const f = flagsOf(id);
          const state = scenario.states[id];
          const cls = ['sg-node', id === scenario.initial ? 'initial' : '', state.final ? 'final' : '', f.unreachable ? 'unreachable' : '', f.deadEnd || f.stuck ? 'dead-end' : ''].filter(Boolean).join(' ');
          const notes = [id === scenario.initial ? 'start' : '', state.final ? 'final' : '', f.unreachable ? 'unreachable' : '', f.deadEnd ? 'dead end' : '', f.stuck ? 'cannot finish' : ''].filter(Boolean).join(', ');
          return (
            <g key={id} className={cls} transform={`translate(${p.x},${p.y})`} role="button" tabIndex={0} data-state={id}
              aria-label={`${id}${notes ? ` (${notes})` : ''}`} onClick={() => onPick(id)} onKeyDown={(e) => onKey(e, id)}>
              <title>{state.description ?? id}</title>
              <rect width={NODE_W} height={NODE_H} rx={state.final ? 18 : 6} />
              <text x={NODE_W / 2} y={NODE_H / 2 + 5} textAnchor="middle">{id.length > 19 ? `${id.slice(0, 18)}…` : id}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sg-legend small">
        <span><span className="sg-key start" aria-hidden="true" /> start</span>
        <span><span className="sg-key final" aria-hidden="true" /> final</span>
        <span><span className="sg-key on" aria-hidden="true" /> when the team…</span>
        <span><span className="sg-key after" aria-hidden="true" /> after a time</span>
        <span><span className="sg-key unreachable" aria-hidden="true" /> unreachable</span>
        <span><span className="sg-key dead-end" aria-hidden="true" /> dead end</span>
      </figcaption>
    </figure>
  );
}

/** A state's injects and timers on the drill clock from the moment the state is entered. */
function Timeline({ state, def, horizon, onInject, onAfter }: {
  state: string; def: Scenario['states'][string]; horizon: number; onInject: (i: number) => void; onAfter: (i: number) => void;
}) {
  const pct = (t: number) => `${Math.min(100, (t / horizon) * 100)}%`;
  // Injects close in time stack upwards instead of hiding each other: each goes in the lowest row where the
  // one before it is far enough to the left.
  const gap = horizon * 0.05;
  const rowEnds: number[] = [];
  const rows = def.injects.map((inject) => {
    const t = ms(inject.at);
    let row = rowEnds.findIndex((end) => t - end >= gap);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = t;
    return row;
  });
  const height = Math.max(2, rowEnds.length) * 24 + 22;
  const ticks = axisTicks(horizon);
  return (
    <div className="story-time" role="group" aria-label={`Injects and timers of ${state}, from the moment it is entered`}>
      <div className="story-track" style={{ height: `${height}px` }}>
        {def.after.map((after, i) => (
          <button key={`after${i}`} type="button" className={ms(after.in) > horizon * 0.55 ? 'story-after label-left' : 'story-after'} style={{ left: pct(ms(after.in)) }} onClick={() => onAfter(i)}
            title={`after ${after.in}${after.unless ? ' unless the team acts' : ''}: → ${after.goto}`} aria-label={`Timer: after ${after.in} to ${after.goto}. Go to its line`}>
            <span className="story-after-label">{after.in} → {after.goto}</span>
          </button>
        ))}
        {def.injects.map((inject, i) => {
          const t = ms(inject.at);
          const channel = injectChannel(inject);
          const name = inject.title ?? (inject.telemetry ? `telemetry ${Object.keys(inject.telemetry).join(', ')}` : injectId(state, i, inject));
          return (
            <button key={`inject${i}`} type="button" className={`story-inject ch-${channel}${inject.ack ? ' ack' : ''}`}
              style={{ left: pct(t), bottom: `${4 + rows[i] * 24}px` }}
              title={`${inject.at} · ${CHANNEL_LABELS[channel]}${inject.ack ? ' · must be acknowledged' : ''}\n${name}`}
              aria-label={`Inject at ${inject.at}, ${CHANNEL_LABELS[channel]}: ${name}. Go to its line`} onClick={() => onInject(i)} data-inject={injectId(state, i, inject)}>
              <Icon name={channel} size={14} />
            </button>
          );
        })}
      </div>
      <div className="story-axis" aria-hidden="true">
        {ticks.map((t) => <span key={t} style={{ left: pct(t) }}>{t === 0 ? 'entered' : formatDuration(t)}</span>)}
      </div>
    </div>
  );
}

/** Round ticks for the time axis: every 1, 2, 5, 10, 15 or 30 minutes, whichever gives six or fewer. */
function axisTicks(horizon: number): number[] {
  const step = [1, 2, 5, 10, 15, 30, 60].map((m) => m * MINUTE).find((s) => horizon / s <= 6) ?? horizon;
  const ticks: number[] = [];
  for (let t = 0; t <= horizon + 1; t += step) ticks.push(t);
  return ticks;
}

/** A small clock: a transition that fires after a time. */
function Clock() {
  return (
    <svg className="icon" width={14} height={14} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </svg>
  );
}
