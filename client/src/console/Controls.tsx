import { useId, useState } from 'react';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';

const SPEEDS = [1, 2, 5, 10, 30, 60];

/** Start, pause, resume, end and speed: the facilitator's hands on the drill clock. */
export function Controls() {
  const view = useView();
  const id = useId();
  const { run, pending, error } = useCommand();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [confirmStart, setConfirmStart] = useState(false);
  const { status } = view.state;
  const speeds = SPEEDS.includes(view.clock.speed) ? SPEEDS : [...SPEEDS, view.clock.speed].sort((a, b) => a - b);
  const openRequired = view.scenario.roles.filter((r) => r.required && !view.state.roles[r.id]);

  return (
    <div className="controls" role="group" aria-label="Drill controls">
      {status === 'lobby' && !confirmStart ? (
        <button type="button" className="btn btn-primary btn-large" disabled={pending}
          onClick={() => (openRequired.length ? setConfirmStart(true) : run({ type: 'drill.start' }))}>Start the drill</button>
      ) : null}
      {status === 'lobby' && confirmStart ? (
        // A required role nobody holds is a gap the scenario will test at once: say so before the clock runs.
        <span className="confirm-inline warn" role="group" aria-label="Confirm: start with a required role open">
          <span className="small"><strong>{openRequired.map((r) => r.name).join(', ')}</strong> {openRequired.length > 1 ? 'are' : 'is'} still open (required). Start anyway?</span>
          <button type="button" className="btn btn-primary" disabled={pending} autoFocus
            onClick={async () => { await run({ type: 'drill.start' }); setConfirmStart(false); }}>Start anyway</button>
          <button type="button" className="btn btn-quiet" onClick={() => setConfirmStart(false)}>Wait for the team</button>
        </span>
      ) : null}
      {status === 'running' ? <button type="button" className="btn btn-large" disabled={pending} onClick={() => run({ type: 'drill.pause' })}>Pause</button> : null}
      {status === 'paused' ? <button type="button" className="btn btn-primary btn-large" disabled={pending} onClick={() => run({ type: 'drill.resume' })}>Resume</button> : null}
      {status === 'running' || status === 'paused' ? (
        confirmEnd ? (
          <span className="confirm-inline">
            <span className="small">End the drill for everyone?</span>
            <button type="button" className="btn btn-danger" disabled={pending} onClick={async () => { await run({ type: 'drill.end' }); setConfirmEnd(false); }}>Yes, end it</button>
            <button type="button" className="btn btn-quiet" onClick={() => setConfirmEnd(false)}>Cancel</button>
          </span>
        ) : <button type="button" className="btn btn-danger" onClick={() => setConfirmEnd(true)}>End drill…</button>
      ) : null}
      {status !== 'ended' ? (
        <span className="speed">
          <label htmlFor={`${id}-speed`}>Speed</label>
          <select id={`${id}-speed`} value={view.clock.speed} disabled={pending}
            onChange={(e) => run({ type: 'drill.speed', speed: Number(e.target.value) })}>
            {speeds.map((s) => <option key={s} value={s}>×{s}{s === 1 ? ' (live)' : ''}</option>)}
          </select>
        </span>
      ) : null}
      {status === 'lobby' && openRequired.length && !confirmStart ? (
        <span className="small muted">Still open: {openRequired.map((r) => r.name).join(', ')} (required).</span>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
