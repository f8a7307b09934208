import { useId, useState, type FormEvent } from 'react';
import { navigate } from '../app/router';
import { lastName, seats } from '../net/storage';
import { ErrorNote } from '../ui/bits';
import { codeProblem, joinByCode, nameProblem, normalizeCode } from './join';

/** The seat this browser holds in the drill with this code, if any. */
export function seatForCode(code: string) {
  return codeProblem(code) ? undefined : seats.byCode(normalizeCode(code));
}

/**
 * Join a drill with the code on the facilitator's screen and a display name. A browser that already has a seat in
 * that drill is offered to continue as that person; joining again under the same name also lands in that seat.
 */
export function JoinForm({ initialCode = '', autoFocusName = false, id: formId, offerContinue = true }: {
  initialCode?: string; autoFocusName?: boolean; id?: string;
  /** Show "Continue as …" when this browser has a seat for the code (off where the page shows it already). */
  offerContinue?: boolean;
}) {
  const id = useId();
  const [code, setCode] = useState(initialCode ? normalizeCode(initialCode) : '');
  const [name, setName] = useState(() => lastName.get());
  const [error, setError] = useState<{ field: 'code' | 'name' | 'form'; message: string }>();
  const [busy, setBusy] = useState(false);
  const existing = seatForCode(code);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bad = codeProblem(code);
    if (bad) return setError({ field: 'code', message: bad });
    const badName = nameProblem(name);
    if (badName) return setError({ field: 'name', message: badName });
    setBusy(true);
    setError(undefined);
    try {
      // The same person under the same name goes back to their seat (and roles) instead of becoming a second copy.
      const same = existing && existing.seat.name.trim().toLowerCase() === name.trim().toLowerCase();
      const { drillId } = await joinByCode(code, name, same ? { token: existing.seat.token } : {});
      navigate(`/drill/${encodeURIComponent(drillId)}`);
    } catch (caught) {
      setError({ field: 'form', message: caught instanceof Error ? caught.message : String(caught) });
      setBusy(false);
    }
  };

  return (
    <form className="join-form" onSubmit={submit} noValidate aria-label="Join a drill" id={formId}>
      <div className="field">
        <label htmlFor={`${id}-code`}>Join code</label>
        <input id={`${id}-code`} name="code" className="code-input mono" value={code} autoComplete="off" spellCheck={false}
          placeholder="K7P-M2Q" maxLength={8} onChange={(e) => setCode(e.target.value.toUpperCase())}
          aria-invalid={error?.field === 'code'} aria-describedby={error?.field === 'code' ? `${id}-err` : undefined} />
        {error?.field === 'code' ? <ErrorNote id={`${id}-err`} error={error.message} /> : null}
      </div>
      {existing && offerContinue ? <ContinueAs drillId={existing.drillId} name={existing.seat.name} /> : null}
      <div className="field">
        <label htmlFor={`${id}-name`}>Your name</label>
        <input id={`${id}-name`} name="name" value={name} autoComplete="nickname" autoFocus={autoFocusName}
          onChange={(e) => setName(e.target.value)} aria-invalid={error?.field === 'name'}
          aria-describedby={error?.field === 'name' ? `${id}-err` : undefined} />
        {error?.field === 'name' ? <ErrorNote id={`${id}-err`} error={error.message} /> : null}
      </div>
      <button className="btn btn-primary" type="submit" disabled={busy}>{busy ? 'Joining…' : 'Join drill'}</button>
      {error?.field === 'form' ? <ErrorNote error={error.message} /> : null}
    </form>
  );
}

/** "You are already in this drill as Ivy": back to the seat, with its roles. */
export function ContinueAs({ drillId, name, autoFocus = false }: { drillId: string; name: string; autoFocus?: boolean }) {
  return (
    <div className="notice continue-as" data-testid="continue-as">
      <p className="small">This browser already has a seat in this drill as <strong className="name">{name}</strong>.</p>
      <button type="button" className="btn btn-primary btn-small" autoFocus={autoFocus} onClick={() => navigate(`/drill/${encodeURIComponent(drillId)}`)}>
        Continue as {name}
      </button>
    </div>
  );
}
