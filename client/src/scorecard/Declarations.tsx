import { storyStamp, type StoryStart } from '../../../shared/story-time';
import { EvidenceLink } from './EvidenceLink';
import type { OverrideRecord, Scorecard } from '../../../shared/scoring/types';
import { Stamp } from '../ui/Stamp';

const STATUS_WORDS: Record<OverrideRecord['status'], string> = {
  applied: 'in force', superseded: 'replaced by a later override', cleared: 'cleared: back to the automatic value', 'no-target': 'no such objective, post or check',
};

function targetText(o: OverrideRecord): string {
  return 'objective' in o.target ? `Objective ${o.target.objective}` : `Post #${o.target.post}, check ${o.target.check}`;
}

function valueText(o: OverrideRecord): string {
  if (o.value === null) return 'cleared';
  return 'rating' in o.value ? `rated ${o.value.rating}` : o.value.passed ? 'passed' : 'failed';
}

/**
 * What the team declared against what the story says happened (premature all-clears and retractions), and every
 * evaluator override with its note. Both are part of the record a lead reviews, so they show even when empty
 * of problems; the section is left out only when there is nothing at all to show.
 */
export function Declarations({ card, start }: { card: Scorecard; start?: StoryStart }) {
  const { fixed } = card.metrics;
  const story = [fixed.mitigated && `worked again at ${storyStamp(start, fixed.mitigated.at)}`, fixed.resolved && `was fixed at ${storyStamp(start, fixed.resolved.at)}`].filter(Boolean);
  if (card.declarations.length === 0 && card.overrides.length === 0) return null;
  return (
    <section aria-labelledby="declarations-title" className="sc-section">
      <h2 id="declarations-title">Declarations and evaluator overrides</h2>
      {card.declarations.length === 0 ? <p className="empty">The incident was never declared mitigated or resolved.</p> : (
        <table className="table declaration-table">
          <thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {card.declarations.map((d) => (
              <tr key={d.seq} id={`ev-decl-${d.seq}`} data-testid="declaration" data-premature={d.premature}>
                <td className="tabular"><Stamp t={d.at} start={start} /> <EvidenceLink seq={d.seq} /></td>
                <td>{d.by}</td>
                <td>
                  {d.action === 'declare' ? <>declared <strong>{d.status}</strong></> : <>retracted <strong>{d.status}</strong></>}
                  {d.premature ? <span className="tag tag-bad">premature: before the story got there</span> : null}
                </td>
                <td>{d.reason ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {story.length ? <p className="small muted">In the story, the service {story.join(' and ')}.</p> : null}
      {card.overrides.length ? (
        <>
          <h3 className="override-heading">Evaluator overrides</h3>
          <p className="small muted">Evaluators have the last word: the scores above use the overrides in force.</p>
          <table className="table override-table">
            <thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Override</th><th scope="col">Note</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {card.overrides.map((o) => (
                <tr key={o.seq} data-testid="override" data-status={o.status}>
                  <td className="tabular"><Stamp t={o.at} start={start} /></td>
                  <td>{o.by}</td>
                  <td>{targetText(o)}</td>
                  <td>{valueText(o)}</td>
                  <td>{o.note}</td>
                  <td>{STATUS_WORDS[o.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
