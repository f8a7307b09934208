import type { Scorecard } from '../../../shared/scoring/types';

/** The dimension target line: every objective in it performed at least "with some challenges" (S = 75 points). */
export const DIMENSION_TARGET = 75;

/** The overall score and one bar per dimension, each against the target line. */
export function Overview({ card }: { card: Scorecard }) {
  return (
    <section className="sc-overview" aria-labelledby="overview-title">
      <h2 id="overview-title" className="sr-only">Overview</h2>
      <div className="overall" data-testid="overall">
        <span className="overall-number tabular">{card.overall}</span>
        <span className="overall-of">/ 100 overall</span>
        {card.cap ? (
          <span className="overall-cap small" data-testid="overall-cap">
            Held at {card.cap.limit} by a critical failure (would be {card.cap.uncapped}); see the areas for improvement.
          </span>
        ) : null}
      </div>
      <div className="dimensions">
        <h3>Dimensions <span className="muted small">— the line marks the target ({DIMENSION_TARGET})</span></h3>
        <ul className="dim-list">
          {card.dimensions.map((d) => (
            <li key={d.id} className="dim" data-testid={`dimension-${d.id}`}>
              <span className="dim-title">{d.title}{d.basis === 'defaults' ? <span className="muted small"> (standard measure)</span> : null}</span>
              <span className="dim-bar" role="img" aria-label={d.score === null ? `${d.title}: not measured` : `${d.title}: ${d.score} of 100, target ${DIMENSION_TARGET}`}>
                <span className={`dim-fill ${d.score === null ? '' : d.score >= DIMENSION_TARGET ? 'good' : d.score >= 40 ? 'fair' : 'poor'}`} style={{ width: `${d.score ?? 0}%` }} />
                <span className="dim-target" style={{ left: `${DIMENSION_TARGET}%` }} />
              </span>
              <span className="dim-score tabular">{d.score === null ? '—' : d.score}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
