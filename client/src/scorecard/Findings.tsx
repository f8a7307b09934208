import type { StoryStart } from '../drill/story-clock';
import { EvidenceLink } from './EvidenceLink';
import { Stamp } from '../ui/Stamp';
import type { Finding, Scorecard } from '../../../shared/scoring/types';

function FindingList({ findings, empty }: { findings: Finding[]; empty: string }) {
  if (!findings.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="finding-list">
      {findings.map((f, i) => (
        <li key={i}>
          {f.text}
          {f.evidence.length ? <span className="small"> {f.evidence.map((s) => <EvidenceLink key={s} seq={s} />)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Strengths, areas for improvement, the improvement plan (action items with owners) and observations. */
export function Findings({ card, start }: { card: Scorecard; start?: StoryStart }) {
  return (
    <>
      <div className="sc-two">
        <section aria-labelledby="strengths-title" className="sc-section">
          <h2 id="strengths-title">Strengths</h2>
          <FindingList findings={card.strengths} empty="No strengths recorded in this run." />
        </section>
        <section aria-labelledby="improve-title" className="sc-section">
          <h2 id="improve-title">Areas for improvement</h2>
          <FindingList findings={card.improvements} empty="Nothing to improve on the measured objectives." />
        </section>
      </div>
      <section aria-labelledby="plan-title" className="sc-section">
        <h2 id="plan-title">Improvement plan</h2>
        {card.actionItems.length === 0 ? <p className="empty">The team recorded no action items. Agree on them in the hot wash and add them in the room.</p> : (
          <table className="table">
            <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th></tr></thead>
            <tbody>{card.actionItems.map((a) => <tr key={a.seq}><td>{a.text}</td><td>{a.owner}</td><td>{a.due ?? '—'}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      {card.observations.length ? (
        <section aria-labelledby="obs-title" className="sc-section">
          <h2 id="obs-title">Facilitator observations</h2>
          <ul className="finding-list">
            {card.observations.map((o) => (
              <li key={o.seq}><Stamp t={o.at} start={start} className="muted" /> {o.text}{o.ref ? <> <EvidenceLink seq={o.ref} /></> : null}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
