import { useCallback, useState } from 'react';
import type { Severity } from '../../../shared/scenario/schema';
import { SEVERITY_LIST } from '../drill/constants';
import { powerOf } from '../drill/powers';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';
import { UndoNote, UNDO_MS, type UndoWindow } from '../ui/UndoNote';
import { Declarations } from './Declarations';

const SEVERITY_WORDS: Record<Severity, string> = {
  SEV1: 'critical: customers cannot use the service', SEV2: 'major: a core feature is broken for many',
  SEV3: 'minor: degraded, with a workaround', SEV4: 'low: little or no customer impact',
};

/**
 * Severity and the two declarations that move an incident towards closed. Both are weighty and public, so each asks
 * for a confirmation first and can be taken back for ten seconds. Who may change them is the scenario's `powers`:
 * everyone else sees the controls greyed out with who can, instead of clicking into a refusal.
 */
export function IncidentPanel({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const { severity, declare } = view.scenario.powers;
  // The usual case (both powers with the same roles) gets one sentence under the panel instead of two alike.
  const same = severity.length === declare.length && severity.every((r) => declare.includes(r));
  const shared = same ? powerOf(view, severity, 'change the severity and declare or retract mitigated and resolved') : undefined;
  const note = !readOnly && shared && !shared.allowed ? shared.reason : undefined;
  return (
    <Panel title="Incident" id="incident">
      <SeverityControl readOnly={readOnly} noteId={note ? 'incident-power' : undefined} />
      <Declarations readOnly={readOnly} noteId={note ? 'incident-power' : undefined} />
      {note ? <p className="power-note small" id="incident-power" data-testid="incident-power">{note}</p> : null}
    </Panel>
  );
}

/** `noteId`: the panel already says who may do this (in the element with that id), so no note of its own. */
function SeverityControl({ readOnly, noteId }: { readOnly: boolean; noteId?: string }) {
  const view = useView();
  const { run, pending, error } = useCommand();
  const current = view.state.severity;
  const power = powerOf(view, view.scenario.powers.severity, 'change the severity');
  const [asking, setAsking] = useState<Severity>();
  const [undo, setUndo] = useState<UndoWindow & { from: Severity; to: Severity }>();
  const expire = useCallback(() => setUndo(undefined), []);
  const locked = readOnly || !power.allowed;

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
      <div className="segmented fill" role="group" aria-labelledby="sev-label" aria-describedby={!readOnly && !power.allowed ? noteId ?? 'sev-power' : undefined}>
        {SEVERITY_LIST.map((s) => (
          <button key={s} type="button" className={s === current ? `seg selected sev-seg-${s.toLowerCase()}` : 'seg'} aria-pressed={s === current}
            disabled={locked || pending} onClick={() => s !== current && setAsking(s)}>{s}</button>
        ))}
      </div>
      {!readOnly && !power.allowed && !noteId ? <p className="power-note small" id="sev-power" data-testid="severity-power">{power.reason}</p> : null}
      {asking && asking !== current && !locked ? (
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
