import { useCallback, useId, useState, type FormEvent } from 'react';
import type { Declaration } from '../../../shared/scenario/schema';
import { TEXT_LIMITS } from '../drill/constants';
import { actorName } from '../drill/names';
import { powerOf } from '../drill/powers';
import { useStoryStart } from '../drill/story-clock';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { UndoNote, UNDO_MS, type UndoWindow } from '../ui/UndoNote';

/** The reason an undo within the window sends with its retraction (the log says why, like any retraction). */
export const UNDO_REASON = 'Undone within 10 seconds';

const WORD: Record<Declaration, string> = { mitigated: 'Mitigated', resolved: 'Resolved' };
const CONFIRM: Record<Declaration, string> = {
  mitigated: 'Customers are no longer affected? The status page and everyone on the call will hear it.',
  resolved: 'The incident is over and closed? The drill may end with it.',
};

/**
 * Declaring mitigated, then resolved: each asks first and can be undone for ten seconds (the undo is a
 * retraction, logged with "Undone within 10 seconds"); a standing declaration can be retracted later with a
 * reason (the newest first: resolved before mitigated). Declarations and retractions are listed for everyone.
 */
export function Declarations({ readOnly, noteId }: { readOnly: boolean; /** Where the panel says who may declare, instead of a note here. */ noteId?: string }) {
  const view = useView();
  const { declared } = view.state;
  const power = powerOf(view, view.scenario.powers.declare, 'declare the incident mitigated or resolved, or retract it');
  const { run, pending, error } = useCommand();
  const [confirming, setConfirming] = useState<Declaration>();
  const [retracting, setRetracting] = useState<Declaration>();
  const [undo, setUndo] = useState<UndoWindow & { status: Declaration; seq: number }>();
  const expire = useCallback(() => setUndo(undefined), []);
  const act = !readOnly && power.allowed;
  // Only the newest standing declaration can be withdrawn (resolved before mitigated).
  const top: Declaration | undefined = declared.resolved ? 'resolved' : declared.mitigated ? 'mitigated' : undefined;

  const declare = async (status: Declaration) => {
    const done = await run({ type: 'incident.declare', status });
    if (!done) return;
    setConfirming(undefined);
    setUndo({ status, seq: done.seq, until: performance.now() + UNDO_MS, message: `Declared ${status}.`, undoLabel: 'Undo' });
  };
  const retract = async (status: Declaration, reason: string) => {
    if (!(await run({ type: 'incident.retract', status, reason }))) return false;
    setRetracting(undefined);
    setUndo(undefined);
    return true;
  };
  // The undo is offered while that very declaration stands and nothing was declared on top of it since.
  const undoable = act && undo && declared[undo.status]?.seq === undo.seq && undo.status === top ? undo : undefined;

  return (
    <div className="declarations">
      {(['mitigated', 'resolved'] as const).map((status) => {
        const standing = declared[status];
        if (standing) {
          return (
            <div key={status} className="declared small" data-testid={`declared-${status}`}>
              <span><span className="badge badge-ok">{WORD[status]}</span> at <DeclaredAt t={standing.t} /> by <span className="name">{actorName(view.state, standing.by)}</span></span>
              {act && status === top && retracting !== status && !undoable ? (
                <button type="button" className="btn btn-quiet btn-small" onClick={() => { setRetracting(status); setConfirming(undefined); }}>Retract…</button>
              ) : null}
              {act && retracting === status ? <RetractForm status={status} busy={pending} onRetract={retract} onCancel={() => setRetracting(undefined)} /> : null}
            </div>
          );
        }
        if (readOnly) return <p key={status} className="small muted declared">Not {status}.</p>;
        const needsMitigated = status === 'resolved' && !declared.mitigated;
        return (
          <div key={status} className="declare">
            {confirming === status && act && !needsMitigated ? (
              <div className="confirm" role="group" aria-label={`Confirm: declare ${status}`}>
                <span className="small">{CONFIRM[status]}</span>
                <div className="btn-row">
                  <button type="button" className="btn btn-primary btn-small" disabled={pending} autoFocus onClick={() => declare(status)}>Yes, declare {status}</button>
                  <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirming(undefined)}>Cancel</button>
                </div>
              </div>
            ) : (
              <button type="button" className="btn" disabled={!act || needsMitigated} onClick={() => { setConfirming(status); setRetracting(undefined); }}
                aria-describedby={!power.allowed ? noteId ?? 'declare-power' : needsMitigated ? 'resolved-needs' : undefined}>Declare {status}…</button>
            )}
            {needsMitigated && act ? <span className="small muted" id="resolved-needs"> Declare mitigated first.</span> : null}
          </div>
        );
      })}
      {!readOnly && !power.allowed && !noteId ? <p className="power-note small" id="declare-power" data-testid="declare-power">{power.reason}</p> : null}
      {undoable ? (
        <UndoNote window={undoable} busy={pending} onExpire={expire} onUndo={() => void retract(undoable.status, UNDO_REASON)} />
      ) : null}
      <ErrorNote error={error} />
      <DeclarationLog />
    </div>
  );
}

function DeclaredAt({ t }: { t: number }) {
  return <Stamp t={t} start={useStoryStart()} />;
}

function RetractForm({ status, busy, onRetract, onCancel }: {
  status: Declaration; busy: boolean; onRetract: (status: Declaration, reason: string) => Promise<boolean>; onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const tooLong = reason.length > TEXT_LIMITS.retractReason;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim() || tooLong) return;
    await onRetract(status, reason.trim());
  };
  return (
    <form className="confirm retract-form" onSubmit={submit} aria-label={`Retract ${status}`}>
      <label htmlFor={`${id}-why`} className="small"><strong>Why retract {status}?</strong> Everyone sees the reason; the scorecard keeps it.</label>
      <textarea id={`${id}-why`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus required
        placeholder="The error rate is climbing again" aria-invalid={tooLong} />
      {tooLong ? <ErrorNote error={`A reason can be at most ${TEXT_LIMITS.retractReason} characters (this one has ${reason.length}).`} /> : null}
      <div className="btn-row">
        <button type="submit" className="btn btn-danger btn-small" disabled={busy || !reason.trim() || tooLong}>Retract {status}</button>
        <button type="button" className="btn btn-quiet btn-small" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}

/** Every declaration and retraction, once there is a retraction to tell (otherwise the lines above say it all). */
function DeclarationLog() {
  const view = useView();
  const start = useStoryStart();
  const entries = view.state.declarations;
  if (!entries.some((d) => d.action === 'retract')) return null;
  return (
    <ol className="declaration-log small" aria-label="Declarations and retractions" data-testid="declaration-log">
      {entries.map((d) => (
        <li key={d.seq} className={d.action}>
          <Stamp t={d.t} start={start} className="muted" /> {actorName(view.state, d.by)} {d.action === 'declare' ? 'declared' : 'retracted'} {d.status}
          {d.reason ? <span className="muted"> — “{d.reason}”</span> : null}
        </li>
      ))}
    </ol>
  );
}
