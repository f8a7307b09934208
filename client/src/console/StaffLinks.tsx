import { useState } from 'react';
import { createdDrills } from '../net/storage';
import { useSession, useView } from '../session/DrillSession';
import { CopyButton, ErrorNote } from '../ui/bits';

type Role = 'facilitator' | 'observer';

/**
 * The staff links and their revocation: replacing a link makes a new key, the old one stops working at once and
 * every tab using it is told and dropped. This tab keeps running the console with the new facilitator key.
 */
export function StaffLinks() {
  const view = useView();
  const { rotateKey } = useSession();
  const created = createdDrills.get(view.drillId);
  const [links, setLinks] = useState<Partial<Record<Role, string>>>(() => (created ? { observer: linkFor(view.drillId, created.observerKey, 'observer') } : {}));
  const [confirming, setConfirming] = useState<Role>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const rotate = async (role: Role) => {
    setBusy(true);
    setError(undefined);
    const reply = await rotateKey(role);
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setConfirming(undefined);
    setLinks((current) => ({ ...current, [role]: linkFor(view.drillId, reply.data.key, role) }));
    if (created) createdDrills.set({ ...created, ...(role === 'facilitator' ? { facilitatorKey: reply.data.key } : { observerKey: reply.data.key }) });
  };

  return (
    <div className="staff-links">
      <h3 className="field-label">Staff links</h3>
      <ul className="plain-list small">
        {(['facilitator', 'observer'] as const).map((role) => (
          <li key={role} className="staff-link">
            <span>{role === 'facilitator' ? 'Facilitator link' : 'Observer link'}</span>
            {links[role] ? <CopyButton text={links[role]} label={role === 'facilitator' ? 'Copy the new facilitator link' : 'Copy observer link'} /> : null}
            {confirming === role ? (
              <span className="confirm-inline" role="group" aria-label={`Confirm: replace the ${role} link`}>
                <span className="small">Everyone using the current {role} link loses it now{role === 'facilitator' ? ' (this tab keeps the console)' : ''}.</span>
                <button type="button" className="btn btn-danger btn-small" disabled={busy} onClick={() => rotate(role)} autoFocus>Replace it</button>
                <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirming(undefined)}>Cancel</button>
              </span>
            ) : (
              <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirming(role)}>Replace…</button>
            )}
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
    </div>
  );
}

function linkFor(drillId: string, key: string, role: Role): string {
  return `${window.location.origin}/drill/${encodeURIComponent(drillId)}?key=${encodeURIComponent(key)}&as=${role}`;
}
