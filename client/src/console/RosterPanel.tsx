import { useId, useRef, useState, type FormEvent } from 'react';
import { activeParticipants, rolesOf } from '../../../shared/drill/roster';
import type { Participant } from '../../../shared/drill/state';
import { TEXT_LIMITS } from '../drill/constants';
import { roleName } from '../drill/names';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';

type Editing = { kind: 'rename' | 'merge' | 'remove'; id: string } | undefined;

/**
 * The facilitator's roster: who is here (online, offline, away), the roles each holds, and the three fixes a real
 * game day needs — rename a seat, merge the second seat of someone who joined twice (their roles move to the seat
 * kept, both of their links open it), and remove a seat (its roles are freed, its link stops working at once).
 */
export function RosterPanel({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const [editing, setEditing] = useState<Editing>();
  const people = activeParticipants(view.state).sort((a, b) => Number(view.online.includes(b.id)) - Number(view.online.includes(a.id)) || a.joinedAt - b.joinedAt);
  const sameName = (p: Participant) => people.some((q) => q.id !== p.id && q.name.trim().toLowerCase() === p.name.trim().toLowerCase());
  return (
    <Panel title="Participants" id="people" actions={<span className="muted small">{view.online.length} online</span>}>
      {people.length === 0 ? <p className="empty">Nobody has joined yet.</p> : (
        <ul className="people-list roster">
          {people.map((p) => (
            <li key={p.id} data-testid={`person-${p.name}`} className="roster-row">
              <PersonLine person={p} twice={sameName(p)} />
              {readOnly ? null : (
                <RosterActions person={p} others={people.filter((q) => q.id !== p.id)} editing={editing?.id === p.id ? editing.kind : undefined}
                  onEdit={(kind) => setEditing(kind ? { kind, id: p.id } : undefined)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function PersonLine({ person, twice }: { person: Participant; twice: boolean }) {
  const view = useView();
  const online = view.online.includes(person.id);
  const roles = rolesOf(view.state, person.id).map((r) => roleName(view.scenario, r));
  const state = online ? 'online' : person.awaySince !== undefined ? 'away' : 'offline';
  return (
    <div className="person-line">
      <span className={`presence ${online ? 'on' : 'off'}`} aria-hidden="true" />
      <span className="person-name name">{person.name}</span>
      <span className={state === 'away' ? 'badge badge-warn' : 'sr-only'}>{state === 'away' ? 'away: roles can be taken over' : state}</span>
      {twice ? <span className="badge badge-info">joined twice?</span> : null}
      <span className="muted small person-roles">{roles.length ? roles.join(', ') : 'no role'}</span>
    </div>
  );
}

function RosterActions({ person, others, editing, onEdit }: {
  person: Participant; others: Participant[]; editing?: 'rename' | 'merge' | 'remove'; onEdit: (kind?: 'rename' | 'merge' | 'remove') => void;
}) {
  const id = useId();
  const { run, pending, error, clear } = useCommand();
  const [name, setName] = useState(person.name);
  const [into, setInto] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    clear();
    onEdit(undefined);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const open = (kind: 'rename' | 'merge' | 'remove') => {
    clear();
    setName(person.name);
    setInto(others.find((o) => o.name.trim().toLowerCase() === person.name.trim().toLowerCase())?.id ?? '');
    onEdit(kind);
  };
  const tooLong = name.trim().length > TEXT_LIMITS.name;

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!tooLong && (await run({ type: 'participant.rename', participantId: person.id, name }))) close();
  };
  const merge = async (event: FormEvent) => {
    event.preventDefault();
    if (into && (await run({ type: 'participant.merge', participantId: person.id, into }))) onEdit(undefined);
  };
  const remove = async () => {
    if (await run({ type: 'participant.remove', participantId: person.id })) onEdit(undefined);
  };

  return (
    <div className="roster-actions">
      {!editing ? (
        <div className="btn-row">
          <button ref={opener} type="button" className="btn btn-quiet btn-small" onClick={() => open('rename')} aria-label={`Rename ${person.name}`}>Rename</button>
          {others.length ? <button type="button" className="btn btn-quiet btn-small" onClick={() => open('merge')} aria-label={`Merge ${person.name} into another seat`}>Merge…</button> : null}
          <button type="button" className="btn btn-quiet btn-small danger-text" onClick={() => open('remove')} aria-label={`Remove ${person.name}`}>Remove…</button>
        </div>
      ) : null}
      {editing === 'rename' ? (
        <form className="inline-form roster-form" onSubmit={rename} aria-label={`Rename ${person.name}`}>
          <label htmlFor={`${id}-name`} className="sr-only">New name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus aria-invalid={tooLong}
            aria-describedby={tooLong ? `${id}-long` : undefined} />
          <button type="submit" className="btn btn-small btn-primary" disabled={pending || tooLong || !name.trim()}>Save</button>
          <button type="button" className="btn btn-small btn-quiet" onClick={close}>Cancel</button>
          {tooLong ? <ErrorNote id={`${id}-long`} error={`At most ${TEXT_LIMITS.name} characters (this has ${name.trim().length}).`} /> : null}
        </form>
      ) : null}
      {editing === 'merge' ? (
        <form className="confirm roster-form" onSubmit={merge} aria-label={`Merge ${person.name}`}>
          <p className="small">Same person, two seats? Keep the other seat: {person.name}’s roles move there, and both of their links open it.</p>
          <div className="inline-form">
            <label htmlFor={`${id}-into`} className="small">Merge into</label>
            <select id={`${id}-into`} value={into} onChange={(e) => setInto(e.target.value)} autoFocus>
              <option value="">seat to keep…</option>
              {others.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </div>
          <div className="btn-row">
            <button type="submit" className="btn btn-small btn-primary" disabled={pending || !into}>Merge</button>
            <button type="button" className="btn btn-small btn-quiet" onClick={close}>Cancel</button>
          </div>
        </form>
      ) : null}
      {editing === 'remove' ? (
        <div className="confirm" role="group" aria-label={`Confirm: remove ${person.name}`}>
          <p className="small">Remove {person.name} from the drill? Their roles open up and their link stops working at once. What they
            posted stays in the record.</p>
          <div className="btn-row">
            <button type="button" className="btn btn-small btn-danger" disabled={pending} onClick={remove} autoFocus>Remove {person.name}</button>
            <button type="button" className="btn btn-small btn-quiet" onClick={close}>Cancel</button>
          </div>
        </div>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
