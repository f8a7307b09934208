import { useId, useState, type FormEvent } from 'react';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';

/** The facilitator's notes, stamped on the timeline (optionally about one event) for the after-action report. */
export function Observations({ refSeq, onClearRef, readOnly }: { refSeq?: number; onClearRef: () => void; readOnly: boolean }) {
  const view = useView();
  const id = useId();
  const [text, setText] = useState('');
  const { run, pending, error } = useCommand();
  const notes = [...view.state.notes].reverse();
  const start = useStoryStart();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await run({ type: 'note.add', text, ...(refSeq ? { ref: refSeq } : {}) })) {
      setText('');
      onClearRef();
    }
  };

  return (
    <Panel title="Observations" id="observations">
      {readOnly ? null : (
        <form onSubmit={add}>
          <div className="field">
            <label htmlFor={`${id}-note`}>Observation {refSeq ? <span className="badge badge-info">about event #{refSeq} <button type="button" className="link-button" onClick={onClearRef} aria-label="Detach from event">×</button></span> : null}</label>
            <textarea id={`${id}-note`} value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={1000}
              placeholder="IC asked for a status update before anyone paged the vendor" />
          </div>
          <button type="submit" className="btn" disabled={pending}>Add observation</button>
          <ErrorNote error={error} />
        </form>
      )}
      {notes.length ? (
        <ol className="notes">
          {notes.map((n) => <li key={n.seq}><Stamp t={n.t} start={start} className="muted small" /> {n.text}{n.ref ? <span className="muted small"> (re #{n.ref})</span> : null}</li>)}
        </ol>
      ) : <p className="empty">No observations yet.</p>}
    </Panel>
  );
}
