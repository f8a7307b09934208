import { useCallback, useState } from 'react';
import { formatClock } from '../../../shared/duration';
import type { Declaration, Severity } from '../../../shared/scenario/schema';
import { SEVERITY_LIST } from '../drill/constants';
import { actorName } from '../drill/names';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';
import { UndoNote, UNDO_MS, type UndoWindow } from '../ui/UndoNote';

const SEVERITY_WORDS: Record<Severity, string> = {
  SEV1: 'critical: customers cannot use the service', SEV2: 'major: a core feature is broken for many',
  SEV3: 'minor: degraded, with a workaround', SEV4: 'low: little or no customer impact',
};

/**
 * Severity and the two declarations that move an incident towards closed. Both are weighty and public, so each asks
 * for a confirmation first; a severity change can be taken back for ten seconds.
 */
export function IncidentPanel({ readOnly = false }: { readOnly?: boolean }) {
  return (
    <Panel title="Incident" id="incident">
      <SeverityControl readOnly={readOnly} />
      <Declare status="mitigated" readOnly={readOnly} />
      <Declare status="resolved" readOnly={readOnly} />
    </Panel>
  );
}

function SeverityControl({ readOnly }: { readOnly: boolean }) {
  const view = useView();
  const { run, pending, error } = useCommand();
  const current = view.state.severity;
  const [asking, setAsking] = useState<Severity>();
  const [undo, setUndo] = useState<UndoWindow & { from: Severity; to: Severity }>();
  const expire = useCallback(() => setUndo(undefined), []);

  const set = async (to: Severity) => {
    const from = current;
    if (await run({ type: 'severity.set', severity: to })) {
      setAsking(undefined);
      setUndo({ from, to, until: performance.now() + UNDO_MS, message: `Severity set to ${to}.`, undoLabel: `Undo, back to ${from}` });
    }
  };
  // Someone else changed it meanwhile: undoing would overwrite their call.
  const undoable = undo && undo.to === current ? undo : undefined;

  return (
    <div className="field">
      <span className="field-label" id="sev-label">Severity</span>
      <div className="segmented fill" role="group" aria-labelledby="sev-label">
        {SEVERITY_LIST.map((s) => (
          <button key={s} type="button" className={s === current ? `seg selected sev-seg-${s.toLowerCase()}` : 'seg'} aria-pressed={s === current}
            disabled={readOnly || pending} onClick={() => s !== current && setAsking(s)}>{s}</button>
        ))}
      </div>
      {asking && asking !== current ? (
        <div className="confirm" role="group" aria-label={`Confirm: set severity to ${asking}`}>
          <span className="small">Change severity from {current} to <strong>{asking}</strong> ({SEVERITY_WORDS[asking]})? Everyone sees it, and it drives who gets called.</span>
          <div className="btn-row">
            <button type="button" className="btn btn-primary btn-small" disabled={pending} onClick={() => set(asking)} autoFocus>Set {asking}</button>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setAsking(undefined)}>Cancel</button>
          </div>
        </div>
      ) : null}
      {undoable && !asking ? (
        <UndoNote window={undoable} busy={pending} onExpire={expire}
          onUndo={async () => { if (await run({ type: 'severity.set', severity: undoable.from })) setUndo(undefined); }} />
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}

function Declare({ status, readOnly }: { status: Declaration; readOnly: boolean }) {
  const view = useView();
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useCommand();
  const done = view.state.declared[status];
  const label = status === 'mitigated' ? 'Declare mitigated' : 'Declare resolved';
  if (done) {
    return (
      <p className="declared small" data-testid={`declared-${status}`}>
        <span className="badge badge-ok">{status === 'mitigated' ? 'Mitigated' : 'Resolved'}</span> at <span className="tabular">{formatClock(done.t)}</span> by <span className="name">{actorName(view.state, done.by)}</span>
      </p>
    );
  }
  if (readOnly) return <p className="small muted">Not yet {status}.</p>;
  return (
    <div className="declare">
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm: ${label}`}>
          <span className="small">{status === 'mitigated'
            ? 'Customers are no longer affected? The status page and everyone on the call will hear it.'
            : 'The incident is over and closed? The drill may end with it.'}</span>
          <div className="btn-row">
            <button type="button" className="btn btn-primary btn-small" disabled={pending} autoFocus
              onClick={async () => { if (await run({ type: 'incident.declare', status })) setConfirming(false); }}>Yes, {label.toLowerCase()}</button>
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn" onClick={() => setConfirming(true)}>{label}…</button>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
