import { useId, useState } from 'react';
import { rolesOf } from '../../../shared/drill/state';
import type { Role } from '../../../shared/scenario/schema';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';

/**
 * The scenario's roles: who holds each, claim / release for yourself, and assignment for the incident
 * commander and the facilitator. Required roles are marked in words, not only colour.
 */
export function RolesPanel({ detailed = false, readOnly = false, title = 'Roles' }: { detailed?: boolean; readOnly?: boolean; title?: string }) {
  const view = useView();
  const me = view.identity.kind === 'participant' ? view.identity.participantId : undefined;
  const canAssign = !readOnly && (view.identity.kind === 'facilitator' || (!!me && rolesOf(view.state, me).includes('ic')));
  const open = view.scenario.roles.filter((r) => r.required && !view.state.roles[r.id]).length;
  return (
    <Panel title={title} id="roles" actions={open ? <span className="badge badge-warn">{open} required open</span> : <span className="badge badge-ok">Required roles filled</span>}>
      <ul className={detailed ? 'role-list' : 'role-list compact'}>
        {view.scenario.roles.map((role) => (
          <RoleRow key={role.id} role={role} me={me} canAssign={canAssign} detailed={detailed} readOnly={readOnly} />
        ))}
      </ul>
    </Panel>
  );
}

function RoleRow({ role, me, canAssign, detailed, readOnly }: { role: Role; me?: string; canAssign: boolean; detailed: boolean; readOnly: boolean }) {
  const view = useView();
  const id = useId();
  const { run, pending, error } = useCommand();
  const [assignee, setAssignee] = useState('');
  const holderId = view.state.roles[role.id];
  const holder = holderId ? view.state.participants[holderId] : undefined;
  const mine = !!me && holderId === me;
  const online = holderId ? view.online.includes(holderId) : false;
  const people = Object.values(view.state.participants).filter((p) => p.id !== holderId);

  return (
    <li className={`role-row${mine ? ' role-mine' : ''}${!holderId && role.required ? ' role-needed' : ''}`} data-testid={`role-${role.id}`}>
      <div className="role-main">
        <div className="role-name">
          <strong>{role.name}</strong>
          {role.required ? <span className="badge badge-warn">Required</span> : null}
          {mine ? <span className="badge badge-accent">You</span> : null}
        </div>
        {detailed && role.description ? <p className="muted small role-desc">{role.description}</p> : null}
        <div className="role-holder small">
          {holder ? (
            <><span className={`presence ${online ? 'on' : 'off'}`} aria-hidden="true" />{holder.name}<span className="sr-only">{online ? ' (online)' : ' (offline)'}</span></>
          ) : <span className="muted">Open</span>}
        </div>
      </div>
      {readOnly ? null : (
        <div className="role-actions">
          {mine ? (
            <button type="button" className="btn btn-small" disabled={pending} onClick={() => run({ type: 'role.release', role: role.id })}>Release</button>
          ) : me && !holderId ? (
            <button type="button" className="btn btn-small btn-primary" disabled={pending} onClick={() => run({ type: 'role.claim', role: role.id })}
              aria-label={`Claim ${role.name}`}>Claim</button>
          ) : me && holderId && !canAssign && detailed ? (
            <button type="button" className="btn btn-small" disabled={pending} onClick={() => run({ type: 'role.claim', role: role.id })}
              aria-label={`Claim ${role.name}`}>Claim</button>
          ) : null}
          {canAssign && people.length ? (
            <form className="assign-form" onSubmit={(e) => {
              e.preventDefault();
              if (assignee) void run({ type: 'role.assign', role: role.id, participantId: assignee }).then((ok) => ok && setAssignee(''));
            }}>
              <label className="sr-only" htmlFor={`${id}-assign`}>Assign {role.name} to</label>
              <select id={`${id}-assign`} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <option value="">Assign to…</option>
                {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
              <button type="submit" className="btn btn-small" disabled={!assignee || pending}>Assign</button>
            </form>
          ) : null}
        </div>
      )}
      <ErrorNote error={error} />
    </li>
  );
}

/** Everyone who joined, online first, with the roles they hold. */
export function PeoplePanel({ title = 'Who is here' }: { title?: string }) {
  const view = useView();
  const people = Object.values(view.state.participants).sort((a, b) => Number(view.online.includes(b.id)) - Number(view.online.includes(a.id)) || a.joinedAt - b.joinedAt);
  const roleName = (id: string) => view.scenario.roles.find((r) => r.id === id)?.name ?? id;
  return (
    <Panel title={title} id="people" actions={<span className="muted small">{view.online.length} online</span>}>
      {people.length === 0 ? <p className="empty">Nobody has joined yet.</p> : (
        <ul className="people-list">
          {people.map((p) => {
            const online = view.online.includes(p.id);
            const roles = rolesOf(view.state, p.id).map(roleName);
            return (
              <li key={p.id} data-testid={`person-${p.name}`}>
                <span className={`presence ${online ? 'on' : 'off'}`} aria-hidden="true" />
                <span className="person-name">{p.name}</span>
                <span className="sr-only">{online ? 'online' : 'offline'}</span>
                <span className="muted small">{roles.length ? roles.join(', ') : 'no role'}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
