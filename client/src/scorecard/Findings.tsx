import type { StoryStart } from '../drill/story-clock';
import { EvidenceLink } from './EvidenceLink';
import { Stamp } from '../ui/Stamp';
import type { DrillSummary } from '../../../shared/report/summary';
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
          {f.evidence.length ? <span className="small"> {f.evidence.map((s) => <EvidenceLink key={s} seq={s} />)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The action items grouped by the finding each answers, the most important areas first (as in the report). */
function Plan({ summary }: { summary: DrillSummary }) {
  return (
    <>
      {summary.plan.map((g) => (
        <div key={g.finding ?? '-'} className="plan-group" data-finding={g.finding ?? ''}>
          <h3 className="small">{g.finding === null ? 'Not tied to a finding' : <>{g.area ? 'Answers' : 'Keeps up'}: <span className="plan-finding">{g.title}</span></>}</h3>
          <table className="table">
            <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Priority</th><th scope="col">Status</th></tr></thead>
            <tbody>{g.items.map((a) => <tr key={a.id}><td>{a.text}</td><td>{a.owner}</td><td>{a.due ?? '—'}</td><td>{PRIORITY_LABELS[a.priority]}</td><td>{STATUS_LABELS[a.status]}</td></tr>)}</tbody>
          </table>
        </div>
      ))}
    </>
  );
}

/** Strengths, areas for improvement, the improvement plan (action items with owners) and observations. */
export function Findings({ card, start, summary }: { card: Scorecard; start?: StoryStart; summary: DrillSummary }) {
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
        ) : card.actionItems.length === 0 ? <p className="empty">The team recorded no action items. Agree on them in the hot wash and add them in the room.</p> : <Plan summary={summary} />}
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
