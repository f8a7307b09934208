import { useId, useState, type FormEvent } from 'react';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';

/** Follow-ups for the after-action report: each has an owner (and may have a due date). */
export function ActionItems({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const id = useId();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const { run, pending, error } = useCommand();
  const start = useStoryStart();
  const names = [...new Set([...Object.values(view.state.participants).map((p) => p.name), ...view.scenario.roles.map((r) => r.name)])];

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await run({ type: 'action-item.add', text, owner, ...(due.trim() ? { due: due.trim() } : {}) })) {
      setText('');
      setDue('');
    }
  };

  return (
    <div className="action-items">
      {view.state.actionItems.length === 0 ? <p className="empty">No action items yet. Anything the team should fix after the incident goes here, with an owner.</p> : (
        <table className="table">
          <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Added</th></tr></thead>
          <tbody>
            {view.state.actionItems.map((item) => (
              <tr key={item.seq}><td>{item.text}</td><td>{item.owner}</td><td>{item.due ?? '—'}</td><td className="muted"><Stamp t={item.t} start={start} /></td></tr>
            ))}
          </tbody>
        </table>
      )}
      {readOnly ? null : (
        <form className="action-form" onSubmit={add}>
          <div className="field grow">
            <label htmlFor={`${id}-text`}>Action</label>
            <input id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} maxLength={300} placeholder="Add a failover runbook for orders-db" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-owner`}>Owner</label>
            <input id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={60} list={`${id}-names`} placeholder="Name or role" />
            <datalist id={`${id}-names`}>{names.map((n) => <option key={n} value={n} />)}</datalist>
          </div>
          <div className="field narrow">
            <label htmlFor={`${id}-due`}>Due <span className="muted small">(optional)</span></label>
            <input id={`${id}-due`} value={due} onChange={(e) => setDue(e.target.value)} maxLength={40} placeholder="in 2 weeks" />
          </div>
          <button type="submit" className="btn btn-primary" disabled={pending}>Add</button>
        </form>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
