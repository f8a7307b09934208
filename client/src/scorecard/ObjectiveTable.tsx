import type { Scorecard } from '../../../shared/scoring/types';
import { formatValue, RatingBadge } from './ratings';

/** Every objective with its target, what was measured, the HSEEP rating and links to its evidence. */
export function ObjectiveTable({ card }: { card: Scorecard }) {
  return (
    <section aria-labelledby="objectives-title" className="sc-section">
      <h2 id="objectives-title">Objectives</h2>
      <table className="table objective-table">
        <thead>
          <tr><th scope="col">Objective</th><th scope="col">Target</th><th scope="col">Measured</th><th scope="col">Rating</th><th scope="col">Evidence</th></tr>
        </thead>
        <tbody>
          {card.objectives.map((o) => (
            <tr key={o.id} data-testid={`objective-${o.id}`} data-rating={o.rating}>
              <th scope="row">
                {o.title}
                <div className="muted small objective-summary">{o.summary}</div>
              </th>
              <td className="tabular">{o.unit === 'ms' ? formatValue('ms', o.target) : `${o.target}/100`}</td>
              <td className="tabular">{formatValue(o.unit, o.value)}</td>
              <td><RatingBadge rating={o.rating} /></td>
              <td className="evidence">
                {o.evidence.length ? o.evidence.map((seq) => <a key={seq} href={`#ev-${seq}`} className="ev-link">#{seq}</a>) : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
