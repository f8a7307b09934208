import { useView } from '../session/DrillSession';
import { createdDrills } from '../net/storage';
import { CopyButton, Panel } from '../ui/bits';
import { StaffLinks } from './StaffLinks';

/** The join code in large type (for the projector) and the links staff need. */
export function InvitePanel({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const created = createdDrills.get(view.drillId);
  const ended = view.state.status === 'ended';
  // The server puts the code in staff views (so a reload or the facilitator link on another machine shows it);
  // what this tab created is only a fallback for an older server. After the end the code may go to another drill.
  const code = ended ? undefined : view.joinCode ?? created?.joinCode;
  const origin = window.location.origin;
  const id = encodeURIComponent(view.drillId);
  return (
    <Panel title="Invite the team" id="invite">
      {code ? (
        <div className="invite-code">
          <span className="muted small">Join at <strong>{origin.replace(/^https?:\/\//, '')}</strong> with code</span>
          <strong className="join-code mono" data-testid="console-join-code">{code}</strong>
          <CopyButton text={`${origin}/join/${code}`} label="Copy join link" />
        </div>
      ) : <p className="small muted">{ended ? 'The drill has ended: joining is closed.' : 'The join code is on the page where this drill was created.'}</p>}
      <ul className="plain-list small invite-links">
        {/* Public, like a real status page: the link carries no key, so it is safe to share or project. */}
        <li><a href={`/status/${id}`} target="_blank" rel="noreferrer">Public status page</a></li>
      </ul>
      {readOnly ? null : <StaffLinks />}
    </Panel>
  );
}
