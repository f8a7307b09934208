import type { Scorecard } from '../../../shared/scoring/types';
import { EvidenceLink } from './EvidenceLink';
import { OverrideControl } from '../evaluate/OverrideControl';
import { objectiveView, type Evaluation } from './evaluation';
import { formatValue, RatingBadge } from './ratings';

/**
 * Every objective with its target, what was measured, the HSEEP rating and links to its evidence. An evaluator's
 * override is shown under the objective, with the automatic rating it replaced and the note; evaluators change it
 * here too.
 */
export function ObjectiveTable({ card, evaluation }: { card: Scorecard; evaluation: Evaluation }) {
  return (
    <section aria-labelledby="objectives-title" className="sc-section">
      <h2 id="objectives-title">Objectives</h2>
      <table className="table objective-table">
        <thead>
          <tr><th scope="col">Objective</th><th scope="col">Target</th><th scope="col">Measured</th><th scope="col">Rating</th><th scope="col">Evidence</th></tr>
        </thead>
        <tbody>
          {card.objectives.map((o) => {
            const shown = objectiveView(o, evaluation);
            return (
              <tr key={o.id} data-testid={`objective-${o.id}`} data-rating={shown.rating} data-automatic={shown.automatic} className={shown.override ? 'overridden' : undefined}>
                <th scope="row">
                  {o.title}
                  <div className="muted small objective-summary">{o.summary}</div>
                  {shown.override || evaluation.editable ? (
                    <div className="no-print-if-empty">
                      <OverrideControl subject={{ target: { objective: o.id }, automatic: shown.automatic }} override={shown.override} editable={evaluation.editable} label={o.title} />
                    </div>
                  ) : null}
                </th>
                <td className="tabular">{o.unit === 'ms' ? formatValue('ms', o.target) : `${o.target}/100`}</td>
                <td className="tabular">{formatValue(o.unit, o.value)}</td>
                <td>
                  <RatingBadge rating={shown.rating} />
                  {shown.override ? <div className="small muted">was <s>{shown.automatic}</s></div> : null}
                </td>
                <td className="evidence">
                  {o.evidence.length ? o.evidence.map((seq) => <EvidenceLink key={seq} seq={seq} />) : <span className="muted">—</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
