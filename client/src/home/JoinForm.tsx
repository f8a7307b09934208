import { useId, useState, type FormEvent } from 'react';
import { navigate } from '../app/router';
import { lastName } from '../net/storage';
import { ErrorNote } from '../ui/bits';
import { codeProblem, joinByCode, normalizeCode } from './join';

/** Join a drill with the code on the facilitator's screen and a display name. */
export function JoinForm({ initialCode = '', autoFocusName = false }: { initialCode?: string; autoFocusName?: boolean }) {
  const id = useId();
  const [code, setCode] = useState(initialCode ? normalizeCode(initialCode) : '');
  const [name, setName] = useState(() => lastName.get());
  const [error, setError] = useState<{ field: 'code' | 'name' | 'form'; message: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bad = codeProblem(code);
    if (bad) return setError({ field: 'code', message: bad });
    if (!name.trim()) return setError({ field: 'name', message: 'Tell the team your name (it shows on the roster).' });
    setBusy(true);
    setError(undefined);
    try {
      const { drillId } = await joinByCode(code, name);
      navigate(`/drill/${encodeURIComponent(drillId)}`);
    } catch (caught) {
      setError({ field: 'form', message: caught instanceof Error ? caught.message : String(caught) });
      setBusy(false);
    }
  };

  return (
    <form className="join-form" onSubmit={submit} noValidate aria-label="Join a drill">
      <div className="field">
        <label htmlFor={`${id}-code`}>Join code</label>
        <input id={`${id}-code`} name="code" className="code-input mono" value={code} autoComplete="off" spellCheck={false}
          placeholder="K7P-M2Q" maxLength={8} onChange={(e) => setCode(e.target.value.toUpperCase())}
          aria-invalid={error?.field === 'code'} aria-describedby={error?.field === 'code' ? `${id}-err` : undefined} />
        {error?.field === 'code' ? <ErrorNote id={`${id}-err`} error={error.message} /> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>Your name</label>
        <input id={`${id}-name`} name="name" value={name} maxLength={60} autoComplete="nickname" autoFocus={autoFocusName}
          onChange={(e) => setName(e.target.value)} aria-invalid={error?.field === 'name'}
          aria-describedby={error?.field === 'name' ? `${id}-err` : undefined} />
        {error?.field === 'name' ? <ErrorNote id={`${id}-err`} error={error.message} /> : null}
      </div>
      <button className="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Joining…' : 'Join drill'}</button>
      {error?.field === 'form' ? <ErrorNote error={error.message} /> : null}
    </form>
  );
}
