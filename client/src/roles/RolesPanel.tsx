import { useId, useState, type FormEvent } from 'react';
import { formatMinutes } from '../../../shared/duration';
import { activeParticipants, rolesOf } from '../../../shared/drill/roster';
import type { Role } from '../../../shared/scenario/schema';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';

/**
 * The scenario's roles: who holds each, claim / release for yourself, and one "assign" form for the incident
 * commander and the facilitator. Required roles that are still open are marked in words, not only colour.
 */
export function RolesPanel({ detailed = false, readOnly = false, title = 'Roles', afterClaim }: {
  detailed?: boolean; readOnly?: boolean; title?: string;
  /** Where focus goes once a claim or take-over succeeded (the button that was used is gone by then). */
  afterClaim?: () => void;
}) {
  const view = useView();
  const me = view.identity.kind === 'participant' ? view.identity.participantId : undefined;
  const canAssign = !readOnly && (view.identity.kind === 'facilitator' || (!!me && rolesOf(view.state, me).includes('ic')));
  const open = view.scenario.roles.filter((r) => r.required && !view.state.roles[r.id]).length;
  return (
    <Panel title={title} id="roles" actions={open ? <span className="badge badge-warn">{open} required open</span> : <span className="badge badge-ok">Required roles filled</span>}>
      <ul className={detailed ? 'role-list' : 'role-list compact'}>
        {view.scenario.roles.map((role) => <RoleRow key={role.id} role={role} me={me} detailed={detailed} readOnly={readOnly} afterClaim={afterClaim} />)}
      </ul>
      {canAssign && activeParticipants(view.state).length ? <AssignForm /> : null}
    </Panel>
  );
}

function RoleRow({ role, me, detailed, readOnly, afterClaim }: { role: Role; me?: string; detailed: boolean; readOnly: boolean; afterClaim?: () => void }) {
  const view = useView();
  const { run, pending, error } = useCommand();
  const [confirmTakeover, setConfirmTakeover] = useState(false);
  const holderId = view.state.roles[role.id];
  const holder = holderId ? view.state.participants[holderId] : undefined;
  const mine = !!me && holderId === me;
  const online = holderId ? view.online.includes(holderId) : false;
  const away = !!holder && !online && holder.awaySince !== undefined;
  const canClaim = !!me && !holderId;
  const canTakeOver = !!me && !!holderId && !mine && away;
  const claim = async () => {
    if (await run({ type: 'role.claim', role: role.id })) afterClaim?.();
  };
  const takeOver = async () => {
    if (await run({ type: 'role.takeover', role: role.id, from: holderId! })) {
      setConfirmTakeover(false);
      afterClaim?.();
    }
  };

  return (
    <li className={`role-row${mine ? ' role-mine' : ''}${!holderId && role.required ? ' role-needed' : ''}`} data-testid={`role-${role.id}`}>
      <div className="role-main">
        <div className="role-name">
          <strong>{role.name}</strong>
          {role.required && (detailed || !holderId) ? <span className="badge badge-warn">{holderId ? 'Required' : 'Required — open'}</span> : null}
        </div>
        {detailed && role.description ? <p className="muted small role-desc">{role.description}</p> : null}
        <div className="role-holder small">
          {holder ? (
            <><span className={`presence ${online ? 'on' : 'off'}`} aria-hidden="true" />
              <span className="holder-text"><span className="name">{holder.name}</span>{mine ? <strong> (you)</strong> : null}
                {away ? <span className="muted"> — away</span> : <span className="sr-only">{online ? ' (online)' : ' (offline)'}</span>}</span></>
          ) : <span className="muted">Open</span>}
        </div>
      </div>
      {readOnly ? null : (
        <div className="role-actions">
          {mine ? <button type="button" className="btn btn-small" disabled={pending} onClick={() => run({ type: 'role.release', role: role.id })}>Release</button> : null}
          {canClaim ? (
            <button type="button" className="btn btn-small btn-primary" disabled={pending} data-claim={role.required ? 'required' : 'optional'}
              onClick={claim} aria-label={`Claim ${role.name}`}>Claim</button>
          ) : null}
          {canTakeOver && !confirmTakeover ? (
            <button type="button" className="btn btn-small" onClick={() => setConfirmTakeover(true)} aria-label={`Take over ${role.name}`}>Take over…</button>
          ) : null}
        </div>
      )}
      {confirmTakeover && holder ? (
        <div className="confirm role-confirm" role="group" aria-label={`Confirm: take over ${role.name}`}>
          <span className="small"><span className="name">{holder.name}</span> has been offline for more than {formatMinutes(view.scenario.takeOverAfterMs)}.
            Take over {role.name}? Its inbox comes with it, and the handover is logged.</span>
          <div className="btn-row">
            <button type="button" className="btn btn-primary btn-small" disabled={pending} onClick={takeOver} autoFocus>Take over {role.name}</button>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirmTakeover(false)}>Cancel</button>
          </div>
        </div>
      ) : null}
      <ErrorNote error={error} />
    </li>
  );
}

/** "Assign <role> to <person>": the incident commander's (and the facilitator's) way to staff the incident. */
function AssignForm() {
  const view = useView();
  const id = useId();
  const [role, setRole] = useState('');
  const [person, setPerson] = useState('');
  const { run, pending, error } = useCommand();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (role && person && (await run({ type: 'role.assign', role, participantId: person }))) {
      setRole('');
      setPerson('');
    }
  };
  return (
    <form className="assign-form" onSubmit={submit} aria-label="Assign a role">
      <label htmlFor={`${id}-role`}>Assign</label>
      <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
        <option value="">role…</option>
        {view.scenario.roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
      </select>
      <label htmlFor={`${id}-person`}>to</label>
      <select id={`${id}-person`} value={person} onChange={(e) => setPerson(e.target.value)}>
        <option value="">person…</option>
        {activeParticipants(view.state).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
      </select>
      <button type="submit" className="btn btn-small" disabled={!role || !person || pending}>Assign</button>
      <ErrorNote error={error} />
    </form>
  );
}

/** Everyone who joined, online first, with the roles they hold. */
export function PeoplePanel({ title = 'Who is here' }: { title?: string }) {
  const view = useView();
  const people = activeParticipants(view.state).sort((a, b) => Number(view.online.includes(b.id)) - Number(view.online.includes(a.id)) || a.joinedAt - b.joinedAt);
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
                <span className="person-name name">{p.name}</span>
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
