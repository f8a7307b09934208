import type { ReactNode } from 'react';
import type { RunComparison } from '../../../shared/scoring';
import { RatingBadge } from './ratings';

const TREND_TEXT = { improving: 'improving', declining: 'declining', steady: 'steady', first: 'first run' } as const;
const SHOWN_RUNS = 6;

/**
 * Earlier runs of this scenario: overall score per run as a small line, and each objective's ratings; `children`
 * (the dimension scores across runs) go above them.
 */
export function Trend({ runs, drillId, children }: { runs?: RunComparison; drillId: string; children?: ReactNode }) {
  return (
    <section aria-labelledby="trend-title" className="sc-section">
      <h2 id="trend-title">Earlier runs of this scenario</h2>
      {!runs || runs.runs.length < 2 ? <p className="empty">This is the first scored run of this scenario; the trend appears from the second run on.</p> : <>{children}<TrendBody runs={runs} drillId={drillId} /></>}
    </section>
  );
}

function TrendBody({ runs, drillId }: { runs: RunComparison; drillId: string }) {
  const first = Math.max(0, runs.runs.length - SHOWN_RUNS);
  const shown = runs.runs.slice(first);
  const W = 360;
  const H = 110;
  const x = (i: number) => 20 + (i / Math.max(1, shown.length - 1)) * (W - 40);
  const y = (v: number) => H - 12 - (v / 100) * (H - 34);
  const label = (i: number) => {
    const run = shown[i];
    const date = run.startedAt ? new Date(run.startedAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) : '';
    return <>Run {first + i + 1}{run.drillId === drillId ? ' (this)' : ''}{date ? <span className="muted"><br />{date}</span> : null}</>;
  };
  return (
    <div className="trend">
      <div>
        <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img"
          aria-label={`Overall score by run: ${shown.map((r) => r.overall).join(', ')}; ${TREND_TEXT[runs.overall]}.`}>
          <line x1={20} x2={W - 20} y1={y(75)} y2={y(75)} className="trend-target" />
          <text x={W - 20} y={y(75) - 4} textAnchor="end" className="trend-target-label">target 75</text>
          <polyline points={shown.map((r, i) => `${x(i)},${y(r.overall)}`).join(' ')} className="trend-line" />
          {shown.map((r, i) => (
            <g key={i}>
              <circle cx={x(i)} cy={y(r.overall)} r={r.drillId === drillId ? 6 : 4} className={r.drillId === drillId ? 'trend-dot current' : 'trend-dot'} />
              <text x={x(i)} y={y(r.overall) - 9} textAnchor="middle" className="trend-value">{r.overall}</text>
            </g>
          ))}
        </svg>
        <p className="small muted">Overall: {TREND_TEXT[runs.overall]}.</p>
      </div>
      <table className="table trend-table">
        <thead>
          <tr><th scope="col">Objective</th>{shown.map((_, i) => <th key={i} scope="col" className="small">{label(i)}</th>)}<th scope="col">Trend</th></tr>
        </thead>
        <tbody>
          {runs.objectives.map((o) => (
            <tr key={o.id}>
              <th scope="row" className="small">{o.title}</th>
              {o.runs.slice(first).map((r, i) => <td key={i}>{r ? <RatingBadge rating={r.rating} /> : <span className="muted">—</span>}</td>)}
              <td className="small">{TREND_TEXT[o.trend]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
