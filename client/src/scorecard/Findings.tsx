import type { StoryStart } from '../drill/story-clock';
import { Stamp } from '../ui/Stamp';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../../shared/drill/action-items';
import { ActionItems } from '../room/ActionItems';
import { useMaybeSession } from '../session/DrillSession';
import type { Finding, Scorecard } from '../../../shared/scoring/types';

function FindingList({ findings, empty }: { findings: Finding[]; empty: string }) {
  if (!findings.length) return <p className="empty">{empty}</p>;
  return (
    <ul className="finding-list">
      {findings.map((f, i) => (
        <li key={i}>
          {f.text}
          {f.evidence.length ? <span className="small"> {f.evidence.map((s) => <a key={s} href={`#ev-${s}`} className="ev-link">#{s}</a>)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Strengths, areas for improvement, the improvement plan (action items with owners) and observations. */
export function Findings({ card, start }: { card: Scorecard; start?: StoryStart }) {
  const session = useMaybeSession();
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
        {session?.view ? (
          // Live on the drill's socket: the team and the facilitator keep the plan up to date here after the drill.
          <ActionItems findings={[...card.improvements, ...card.strengths]} readOnly={session.view.identity.kind === 'observer'} />
        ) : card.actionItems.length === 0 ? <p className="empty">The team recorded no action items. Agree on them in the hot wash and add them in the room.</p> : (
          <table className="table">
            <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Priority</th><th scope="col">Status</th></tr></thead>
            <tbody>{card.actionItems.map((a) => <tr key={a.seq}><td>{a.text}</td><td>{a.owner}</td><td>{a.due ?? '—'}</td><td>{PRIORITY_LABELS[a.priority]}</td><td>{STATUS_LABELS[a.status]}</td></tr>)}</tbody>
          </table>
        )}
      </section>
      {card.observations.length ? (
        <section aria-labelledby="obs-title" className="sc-section">
          <h2 id="obs-title">Facilitator observations</h2>
          <ul className="finding-list">
            {card.observations.map((o) => (
              <li key={o.seq}><Stamp t={o.at} start={start} className="muted" /> {o.text}{o.ref ? <> <a href={`#ev-${o.ref}`} className="ev-link">#{o.ref}</a></> : null}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
