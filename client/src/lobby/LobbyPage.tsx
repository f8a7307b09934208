import { useEffect } from 'react';
import { DrillHeader } from '../app/DrillHeader';
import { useView } from '../session/DrillSession';
import { PeoplePanel, RolesPanel } from '../roles/RolesPanel';
import { Panel } from '../ui/bits';
import { focusNext, focusWhenIdle } from '../ui/hooks';
import { Prose } from '../ui/prose';
import { rolesOf } from '../../../shared/drill/roster';

/** The first open role to claim, required ones first. */
const firstClaim = () => document.querySelector<HTMLElement>('[data-claim="required"]') ?? document.querySelector<HTMLElement>('[data-claim]');
const heading = () => document.getElementById('lobby-title');

/**
 * Before the clock starts: read the briefing, claim a role, see who else is here. Keyboard users land on the first
 * role to claim after joining, and on the lobby's heading (which now says they have a role) after claiming.
 */
export function LobbyPage() {
  const view = useView();
  const me = view.identity.kind === 'participant' ? view.identity.participantId : undefined;
  const mine = me ? rolesOf(view.state, me) : [];
  const roleNames = mine.map((id) => view.scenario.roles.find((r) => r.id === id)?.name ?? id);
  useEffect(() => focusWhenIdle(() => firstClaim() ?? heading()), []);
  return (
    <>
      <DrillHeader skipTo={{ href: '#roles', label: 'Skip to the roles', onClick: () => focusNext(() => firstClaim() ?? heading()) }} />
      <main id="main" className="page lobby">
        <div className="lobby-banner" role="status">
          <h1 id="lobby-title" tabIndex={-1}>Waiting for the facilitator to start</h1>
          <p>{mine.length ? `You are ${roleNames.join(' and ')}. Read the briefing while the others join.` : 'Claim a role below — the required ones first.'}</p>
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
            <RolesPanel detailed afterClaim={() => focusNext(heading)} />
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
