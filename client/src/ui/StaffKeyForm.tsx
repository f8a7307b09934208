import { useId, useState, type FormEvent } from 'react';
import { staffKeyFromPasted, staffLinkFromPasted, type PastedKey, type PastedLink } from '../net/staff-link';
import { staffKeys, type StaffKey } from '../net/storage';
import { ErrorNote } from './bits';

/**
 * "Observer or facilitator link": a staff page opened in a tab that holds no key, typically from a shared address
 * (`…/replay?seq=42`, a scorecard, which never carry the key), or the runs list naming a run this tab has no key
 * for. The lead pastes the link they were given; the key goes to this tab's sessionStorage, as when the link itself
 * is opened, and `onKey` tells the page. With `drillId` the link must be that drill's (or the key alone); without
 * it, any drill's link. A key the server refuses comes back as the page's own error.
 */
export function StaffKeyForm({ drillId, onKey, action, name }: {
  drillId?: string;
  onKey: (key: StaffKey, drillId: string) => void;
  /** The button: "Open the replay", "Add the run". */
  action: string;
  /** The form's accessible name. */
  name: string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const origin = window.location.origin;
    const pasted = drillId ? linkFor(drillId, staffKeyFromPasted(text, drillId, origin)) : staffLinkFromPasted(text, origin);
    if (!pasted.ok) return setError(pasted.message);
    const target = pasted.drillId;
    setError(undefined);
    setText('');
    staffKeys.set(target, pasted.key);
    onKey(pasted.key, target);
  };
  return (
    <form className="staff-key-form" onSubmit={submit} noValidate aria-label={name} data-testid="staff-key-form">
      <div className="field">
        <label htmlFor={`${id}-link`}>Observer or facilitator link</label>
        <input id={`${id}-link`} className="mono" value={text} autoComplete="off" spellCheck={false}
          placeholder="https://…/drill/…?key=…&as=observer" onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : `${id}-hint`} />
        {error ? <ErrorNote id={`${id}-err`} error={error} />
          : <p className="field-hint" id={`${id}-hint`}>The key stays in this tab only, and leaves it when the tab is closed.</p>}
      </div>
      <button className="btn btn-primary" type="submit">{action}</button>
    </form>
  );
}

const linkFor = (drillId: string, pasted: PastedKey): PastedLink => (pasted.ok ? { ok: true, drillId, key: pasted.key } : pasted);
