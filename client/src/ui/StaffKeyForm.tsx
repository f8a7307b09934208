import { useId, useState, type FormEvent } from 'react';
import { staffKeyFromPasted } from '../net/staff-link';
import { staffKeys, type StaffKey } from '../net/storage';
import { ErrorNote } from './bits';

/**
 * "Open with a link": a staff page (the replay, the scorecard) opened in a tab that holds no key for the drill,
 * typically from a shared moment (`…/replay?seq=42`, which never carries the key). The lead pastes the observer
 * link they were given; the key goes to this tab's sessionStorage, as when the link itself is opened, and the
 * page opens at the address it was on. A key the server refuses comes back as the page's own error.
 */
export function StaffKeyForm({ drillId, onKey, what }: { drillId: string; onKey: (key: StaffKey) => void; what: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const pasted = staffKeyFromPasted(text, drillId, window.location.origin);
    if (!pasted.ok) return setError(pasted.message);
    setError(undefined);
    staffKeys.set(drillId, pasted.key);
    onKey(pasted.key);
  };
  return (
    <form className="staff-key-form" onSubmit={submit} noValidate aria-label={`Open the ${what} with a link`} data-testid="staff-key-form">
      <div className="field">
        <label htmlFor={`${id}-link`}>Observer or facilitator link</label>
        <input id={`${id}-link`} className="mono" value={text} autoComplete="off" spellCheck={false}
          placeholder="https://…/drill/…?key=…&as=observer" onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : `${id}-hint`} />
        {error ? <ErrorNote id={`${id}-err`} error={error} />
          : <p className="field-hint" id={`${id}-hint`}>The key stays in this tab only, and leaves it when the tab is closed.</p>}
      </div>
      <button className="btn btn-primary" type="submit">Open the {what}</button>
    </form>
  );
}
