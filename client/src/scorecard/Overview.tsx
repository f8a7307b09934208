import type { DrillSummary } from '../../../shared/report/summary';
import { DIMENSION_TARGET } from '../../../shared/report/summary';
import type { Scorecard } from '../../../shared/scoring/types';
import { criticalFailures } from '../../../shared/scoring/cap-words';

export { DIMENSION_TARGET };

/** "+6", "−12", "±0": a change in points, with a real minus sign. */
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/** A change since the previous run, in words for screen readers and as an arrow and number on screen. */
function Change({ change, previous, since = 'since the previous run' }: { change: number | null; previous: number | null; since?: string }) {
  if (change === null) return null;
  const word = change > 0 ? 'up' : change < 0 ? 'down' : 'unchanged';
  return (
    <span className={`change change-${word}`} title={`Previous run: ${previous}`}>
      <span aria-hidden="true">{change > 0 ? '▲' : change < 0 ? '▼' : '='} {signed(change)}</span>
      <span className="sr-only">{change === 0 ? 'unchanged' : `${word} ${Math.abs(change)}`}</span> {since}
    </span>
  );
}

/** The overall score and one bar per dimension, each against the target line, with the change since the previous run. */
export function Overview({ card, summary }: { card: Scorecard; summary?: DrillSummary }) {
  const changes = new Map(summary?.dimensions.map((d) => [d.id, d]) ?? []);
  const run = summary?.run;
  return (
    <div className="sc-overview">
      <div className="overall" data-testid="overall">
        <span className="overall-number tabular">{card.overall}</span>
        <span className="overall-of">/ 100 overall</span>
        {summary ? (
          <span className="overall-change small" data-testid="overall-change">
            {summary.overall.change === null
              ? (run && run.number > 1 ? `run ${run.number}` : 'first scored run')
              : <Change change={summary.overall.change} previous={summary.overall.previous} since={`since run ${run ? run.number - 1 : ''} (${summary.overall.previous})`} />}
          </span>
        ) : null}
        {card.cap ? (
          <span className="overall-cap small" data-testid="overall-cap">
            Held at {card.cap.limit} or below by {criticalFailures(card.cap.reasons.length)} ({card.cap.uncapped} before the cap); see the areas for improvement.
          </span>
        ) : null}
      </div>
      <div className="dimensions">
        <h3>Dimensions <span className="muted small">— the line marks the target ({DIMENSION_TARGET})</span></h3>
        <ul className="dim-list">
          {card.dimensions.map((d) => {
            const c = changes.get(d.id);
            return (
              <li key={d.id} className="dim" data-testid={`dimension-${d.id}`}>
                <span className="dim-title">{d.title}{d.basis === 'defaults' ? <span className="muted small"> (standard measure)</span> : null}</span>
                <span className="dim-bar" role="img" aria-label={d.score === null ? `${d.title}: not measured` : `${d.title}: ${d.score} of 100, target ${DIMENSION_TARGET}`}>
                  <span className={`dim-fill ${d.score === null ? '' : d.score >= DIMENSION_TARGET ? 'good' : d.score >= 40 ? 'fair' : 'poor'}`} style={{ width: `${d.score ?? 0}%` }} />
                  <span className="dim-target" style={{ left: `${DIMENSION_TARGET}%` }} />
                </span>
                <span className="dim-score tabular">{d.score === null ? '—' : d.score}</span>
                <span className="dim-change small">{c ? <Change change={c.change} previous={c.previous} since="" /> : null}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
