import { useEffect, useState } from 'react';
import { formatClock } from '../../../shared/duration';
import type { FaultState } from '../../../shared/drill/state';
import { http } from '../net/http';
import { useCommand, useSession, useView } from '../session/DrillSession';
import { CopyButton, ErrorNote, Panel } from '../ui/bits';
import { useAsyncAction } from '../ui/hooks';

const FAULT_STATUS: Record<FaultState['status'], { label: string; tone: string }> = {
  proposed: { label: 'Waiting for you to confirm', tone: 'badge-warn' },
  lapsed: { label: 'Not sent: the story moved on', tone: '' },
  cancelled: { label: 'Called off before sending', tone: '' },
  starting: { label: 'Sending…', tone: 'badge-info' },
  running: { label: 'Running', tone: 'badge-bad' },
  failed: { label: 'Start failed', tone: 'badge-bad' },
  aborting: { label: 'Aborting…', tone: 'badge-info' },
  aborted: { label: 'Aborted', tone: 'badge-ok' },
  'abort-failed': { label: 'Abort did not get through', tone: 'badge-bad' },
};

/**
 * A live game day in the console (docs/game-day.md): the faults the story proposes, each sent only when the
 * facilitator confirms it (or dry-runs it) and abortable at any time; and real alerts in, with the ingest token
 * made here and shown once. Observers see the same, without the buttons.
 */
export function GameDayPanel({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const { credentials } = useSession();
  const key = credentials.as === 'staff' ? credentials.key : '';
  const [webhooks, setWebhooks] = useState<{ name: string; target: string }[]>();
  const faults = Object.values(view.state.faults).sort((a, b) => b.proposed.seq - a.proposed.seq);
  const script = view.script;
  const scripted = !!script && (Object.values(script.states).some((s) => s.fault) || (script.alerts ?? []).length > 0);
  const alerts = Object.values(view.state.alerts);

  useEffect(() => {
    let live = true;
    if (key) http.faultWebhooks(view.drillId, key).then((r) => live && setWebhooks(r.webhooks)).catch(() => live && setWebhooks([]));
    return () => {
      live = false;
    };
  }, [view.drillId, key]);

  if (!scripted && !faults.length && !alerts.length && !view.state.alertToken) return null;
  return (
    <Panel title="Game day" id="gameday">
      {faults.length ? (
        <ol className="fault-list" aria-label="Faults, newest first">
          {faults.map((f) => <li key={f.faultId}><FaultCard fault={f} target={webhooks?.find((w) => w.name === f.webhook)?.target} known={webhooks} readOnly={readOnly} /></li>)}
        </ol>
      ) : script && Object.values(script.states).some((s) => s.fault) ? (
        <p className="small muted">The story proposes its fault when it gets there; nothing is sent until you confirm it here.</p>
      ) : null}
      <AlertIngest readOnly={readOnly} keyText={key} count={alerts.length} firing={alerts.filter((a) => a.status === 'firing').map((a) => a.name)} />
    </Panel>
  );
}

function FaultCard({ fault, target, known, readOnly }: { fault: FaultState; target?: string; known?: { name: string }[]; readOnly: boolean }) {
  const { run, pending, error } = useCommand();
  const [confirming, setConfirming] = useState<'send' | 'abort'>();
  const dry = fault.confirmed?.dryRun === true;
  const status = dry && fault.status === 'running' ? { label: 'Dry run: logged, not sent', tone: 'badge-info' } : FAULT_STATUS[fault.status];
  const configured = target !== undefined;
  const last = fault.deliveries.at(-1);
  const canConfirm = fault.status === 'proposed' || fault.status === 'failed';
  const canAbort = !['lapsed', 'cancelled', 'aborted', 'aborting'].includes(fault.status);
  const act = async (command: Parameters<typeof run>[0]) => {
    await run(command);
    setConfirming(undefined);
  };

  return (
    <article className="fault" aria-label={`Fault: ${fault.title ?? fault.webhook}`} data-testid="fault" data-status={fault.status}>
      <div className="fault-head">
        <strong>{fault.title ?? `Fault for webhook "${fault.webhook}"`}</strong>
        <span className={`badge ${status.tone}`}>{status.label}</span>
      </div>
      <p className="small muted">
        Webhook <code>{fault.webhook}</code> {configured ? <>→ <span className="mono">{target}</span></> : known ? <strong className="danger-text">is not configured on this server: only a dry run is possible</strong> : null}
        {' · '}proposed at {formatClock(fault.proposed.t)} in “{fault.state}”{dry ? ' · dry run' : ''}
      </p>
      <details className="small">
        <summary>What the chaos tool receives</summary>
        <pre className="mono fault-payload">{JSON.stringify(fault.payload, null, 2)}</pre>
        {fault.abort ? <><p className="muted">On abort:</p><pre className="mono fault-payload">{JSON.stringify(fault.abort, null, 2)}</pre></> : null}
      </details>
      {last ? (
        <p className={`small${last.outcome === 'failed' ? ' danger-text' : ''}`} role="status">
          {last.action === 'start' ? 'Start' : 'Abort'}: {last.outcome === 'dry-run' ? 'logged as a dry run, not sent' : last.outcome}
          {last.status ? ` (HTTP ${last.status})` : ''}{last.error ? ` — ${last.error}` : ''}{last.attempt > 1 ? `, attempt ${last.attempt}` : ''}
        </p>
      ) : null}
      {readOnly ? null : confirming === 'send' ? (
        <span className="confirm-inline warn" role="group" aria-label="Confirm the fault">
          <span className="small">Send this fault to {target ?? fault.webhook} now? It changes a real system.</span>
          <button type="button" className="btn btn-danger btn-small" disabled={pending} autoFocus onClick={() => act({ type: 'fault.confirm', faultId: fault.faultId, dryRun: false })}>Yes, start the fault</button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirming(undefined)}>Cancel</button>
        </span>
      ) : confirming === 'abort' ? (
        <span className="confirm-inline" role="group" aria-label="Confirm the abort">
          <span className="small">{fault.status === 'proposed' ? 'Call this fault off? Nothing has been sent.' : 'Send the abort to the chaos tool now?'}</span>
          <button type="button" className="btn btn-primary btn-small" disabled={pending} autoFocus onClick={() => act({ type: 'fault.abort', faultId: fault.faultId })}>{fault.status === 'proposed' ? 'Call it off' : 'Abort the fault'}</button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setConfirming(undefined)}>Cancel</button>
        </span>
      ) : (
        <div className="btn-row">
          {canConfirm ? <button type="button" className="btn btn-danger btn-small" disabled={pending || !configured} onClick={() => setConfirming('send')}>{fault.status === 'failed' ? 'Try again…' : 'Confirm and send…'}</button> : null}
          {canConfirm ? <button type="button" className="btn btn-small" disabled={pending} onClick={() => act({ type: 'fault.confirm', faultId: fault.faultId, dryRun: true })}>Dry run</button> : null}
          {canAbort ? <button type="button" className="btn btn-quiet btn-small" disabled={pending} onClick={() => setConfirming('abort')}>{fault.status === 'proposed' ? 'Call off…' : 'Abort…'}</button> : null}
        </div>
      )}
      <ErrorNote error={error} />
    </article>
  );
}

function AlertIngest({ readOnly, keyText, count, firing }: { readOnly: boolean; keyText: string; count: number; firing: string[] }) {
  const view = useView();
  const [issued, setIssued] = useState<{ token: string; url: string }>();
  const { act, busy, error } = useAsyncAction();
  const active = view.state.alertToken !== null;
  const endpoint = issued ? new URL(issued.url, window.location.origin).toString() : '';

  return (
    <div className="alert-ingest" data-testid="alert-ingest">
      <h3 className="field-label">Real alerts</h3>
      <p className="small">
        {count ? `${count} alert${count === 1 ? '' : 's'} received` : 'No real alerts yet'}
        {firing.length ? <> · firing now: <strong>{firing.join(', ')}</strong></> : null}
        {' · '}{active ? `ingest token active since ${formatClock(view.state.alertToken!.t)}` : 'no ingest token'}
      </p>
      {issued ? (
        <div className="notice small" role="status">
          <p>Alert token (shown once). Point Alertmanager’s webhook at the URL, with the token as its bearer credentials:</p>
          <div className="inline-form"><input readOnly value={endpoint} aria-label="Alert webhook URL" className="mono small" onFocus={(e) => e.currentTarget.select()} /><CopyButton text={endpoint} /></div>
          <div className="inline-form"><input readOnly value={issued.token} aria-label="Alert token" className="mono small" onFocus={(e) => e.currentTarget.select()} /><CopyButton text={issued.token} /></div>
        </div>
      ) : null}
      {readOnly || view.state.status === 'ended' ? null : (
        <div className="btn-row">
          <button type="button" className="btn btn-small" disabled={busy}
            onClick={() => act(async () => setIssued(await http.issueAlertToken(view.drillId, keyText)))}>{active ? 'Replace the token' : 'Make an alert token'}</button>
          {active ? <button type="button" className="btn btn-quiet btn-small danger-text" disabled={busy}
            onClick={() => act(async () => { await http.revokeAlertToken(view.drillId, keyText); setIssued(undefined); })}>Revoke</button> : null}
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
