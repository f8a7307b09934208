import { DrillHeader } from '../app/DrillHeader';
import { useView } from '../session/DrillSession';
import { PeoplePanel, RolesPanel } from '../roles/RolesPanel';
import { Panel } from '../ui/bits';
import { Prose } from '../ui/prose';
import { rolesOf } from '../../../shared/drill/state';

/** Before the clock starts: read the briefing, claim a role, see who else is here. */
export function LobbyPage() {
  const view = useView();
  const me = view.identity.kind === 'participant' ? view.identity.participantId : undefined;
  const mine = me ? rolesOf(view.state, me) : [];
  return (
    <>
      <DrillHeader />
      <main id="main" className="page lobby">
        <div className="lobby-banner" role="status">
          <h1>Waiting for the facilitator to start</h1>
          <p>{mine.length ? 'You have a role. Read the briefing while the others join.' : 'Claim a role below — the required ones first.'}</p>
        </div>
        <div className="lobby-grid">
          <div>
            {view.scenario.briefing ? (
              <Panel title="Briefing" id="briefing">
                <Prose text={view.scenario.briefing} className="briefing" />
              </Panel>
            ) : (
              <Panel title="The scenario" id="briefing"><p>{view.scenario.summary}</p></Panel>
            )}
            <RolesPanel detailed />
          </div>
          <div>
            <PeoplePanel />
            <Panel title="What the scorecard looks at" id="objectives">
              <ul className="plain-list">
                {view.scenario.objectives.map((o) => (
                  <li key={o.id}>{o.title} <span className="muted small">({typeof o.target === 'number' ? `${o.target}/100` : `within ${o.target}`})</span></li>
                ))}
              </ul>
            </Panel>
          </div>
        </div>
      </main>
    </>
  );
}
