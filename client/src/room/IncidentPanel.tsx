import { useState } from 'react';
import { formatClock } from '../../../shared/duration';
import type { Declaration } from '../../../shared/scenario/schema';
import { SEVERITY_LIST } from '../drill/constants';
import { actorName } from '../drill/names';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';

/** Severity and the two declarations that move an incident towards closed. */
export function IncidentPanel({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const severity = useCommand();
  return (
    <Panel title="Incident" id="incident">
      <div className="field">
        <span className="field-label" id="sev-label">Severity</span>
        <div className="segmented fill" role="group" aria-labelledby="sev-label">
          {SEVERITY_LIST.map((s) => (
            <button key={s} type="button" className={s === view.state.severity ? `seg selected sev-seg-${s.toLowerCase()}` : 'seg'} aria-pressed={s === view.state.severity}
              disabled={readOnly || severity.pending} onClick={() => s !== view.state.severity && severity.run({ type: 'severity.set', severity: s })}>{s}</button>
          ))}
        </div>
        <ErrorNote error={severity.error} />
      </div>
      <Declare status="mitigated" readOnly={readOnly} />
      <Declare status="resolved" readOnly={readOnly} />
    </Panel>
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
        <span className="badge badge-ok">{status === 'mitigated' ? 'Mitigated' : 'Resolved'}</span> at <span className="tabular">{formatClock(done.t)}</span> by {actorName(view.state, done.by)}
      </p>
    );
  }
  if (readOnly) return <p className="small muted">Not yet {status}.</p>;
  return (
    <div className="declare">
      {confirming ? (
        <div className="confirm" role="group" aria-label={`Confirm: ${label}`}>
          <span className="small">{status === 'mitigated' ? 'Customers are no longer affected?' : 'The incident is over and closed?'}</span>
          <div className="btn-row">
            <button type="button" className="btn btn-primary btn-small" disabled={pending}
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
