import { useEffect, useId, useState, type FormEvent } from 'react';
import type { OutboundStatus } from '../../../shared/protocol/messages';
import { DEFAULT_OUTBOUND_CHANNEL_LIST, OUTBOUND_CHANNEL_LABELS } from '../drill/constants';
import { http } from '../net/http';
import { useSession, useView } from '../session/DrillSession';
import { CopyButton, ErrorNote, Panel } from '../ui/bits';
import { useAsyncAction } from '../ui/hooks';

type Channel = keyof typeof OUTBOUND_CHANNEL_LABELS;
const CHANNELS = Object.keys(OUTBOUND_CHANNEL_LABELS) as Channel[];

/**
 * "Post to the team's chat": the facilitator pastes a Slack incoming webhook (or any webhook URL), picks what to
 * mirror, and sees whether deliveries get through. The URL is never shown back, only a hint; the signing secret is
 * shown once, when it is made.
 */
export function OutboundPanel() {
  const view = useView();
  const { credentials, outbound: pushed } = useSession();
  const key = credentials.as === 'staff' ? credentials.key : '';
  const id = useId();
  const [status, setStatus] = useState<OutboundStatus>();
  const [url, setUrl] = useState('');
  const [channels, setChannels] = useState<string[]>([...DEFAULT_OUTBOUND_CHANNEL_LIST]);
  const [format, setFormat] = useState<'auto' | 'slack' | 'json'>('auto');
  const [secret, setSecret] = useState<string>();
  const { act, busy, error, setError } = useAsyncAction();
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    let live = true;
    http.outbound(view.drillId, key).then((s) => {
      if (!live) return;
      setStatus(s);
      setChannels(s.channels);
    }).catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [view.drillId, key]);
  // The server pushes every change (a delivery, a failure); the latest wins.
  useEffect(() => {
    if (pushed) setStatus(pushed);
  }, [pushed]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const result = await http.setOutbound(view.drillId, key, { ...(url.trim() ? { url: url.trim() } : {}), channels, format });
      setStatus(result.status);
      setUrl('');
      setEditing(false);
      if (result.signingSecret) setSecret(result.signingSecret);
    });
  };
  const toggle = (channel: Channel) => setChannels((current) => (current.includes(channel) ? current.filter((c) => c !== channel) : [...current, channel]));
  const configured = status?.configured ?? false;

  return (
    <Panel title="Team chat (webhook)" id="outbound">
      {configured && status ? <OutboundSummary status={status} /> : (
        <p className="small muted">Mirror this drill to the team’s Slack or Teams channel: paste an incoming webhook URL. Every message is
          marked as a drill.</p>
      )}
      {secret ? (
        <div className="notice small" role="status">
          <p>Signing secret (shown once): receivers check the <code>X-Firedrill-Signature</code> header with it.</p>
          <div className="inline-form">
            <input readOnly value={secret} aria-label="Signing secret" className="mono small" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={secret} />
          </div>
        </div>
      ) : null}
      {!configured || editing ? (
        <form onSubmit={save} className="outbound-form" aria-label="Webhook settings" noValidate>
          <div className="field">
            <label htmlFor={`${id}-url`}>Webhook URL</label>
            <input id={`${id}-url`} type="url" value={url} onChange={(e) => setUrl(e.target.value)} autoComplete="off" spellCheck={false}
              placeholder={configured ? 'Leave empty to keep the current one' : 'https://hooks.slack.com/services/…'} className="mono small" />
          </div>
          <fieldset className="checks">
            <legend className="field-label">Mirror</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="check small"><input type="checkbox" checked={channels.includes(c)} onChange={() => toggle(c)} /> {OUTBOUND_CHANNEL_LABELS[c]}</label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-format`}>Format</label>
            <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
              <option value="auto">Automatic (Slack for hooks.slack.com)</option>
              <option value="slack">Slack (text and blocks only)</option>
              <option value="json">JSON with the event’s details</option>
            </select>
          </div>
          <div className="btn-row">
            <button type="submit" className="btn btn-primary btn-small" disabled={busy || (!configured && !url.trim())}>{configured ? 'Save' : 'Start mirroring'}</button>
            {editing ? <button type="button" className="btn btn-quiet btn-small" onClick={() => setEditing(false)}>Cancel</button> : null}
          </div>
        </form>
      ) : (
        <div className="btn-row">
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => act(async () => setStatus(await http.testOutbound(view.drillId, key)))}>Send a test message</button>
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setEditing(true)}>Change…</button>
          <button type="button" className="btn btn-quiet btn-small danger-text" disabled={busy}
            onClick={() => act(async () => { setStatus(await http.removeOutbound(view.drillId, key)); setSecret(undefined); })}>Stop mirroring</button>
        </div>
      )}
      <ErrorNote error={error} />
    </Panel>
  );
}

function OutboundSummary({ status }: { status: OutboundStatus }) {
  return (
    <div className="outbound-status small" data-testid="outbound-status">
      <p>Mirroring to <strong className="mono">{status.target}</strong> ({status.format === 'slack' ? 'Slack' : 'JSON'}):{' '}
        {status.channels.map((c) => OUTBOUND_CHANNEL_LABELS[c as Channel] ?? c).join(', ').toLowerCase() || 'nothing selected'}.</p>
      <p className="tabular">{status.delivered} delivered · {status.failed} failed{status.pending ? ` · ${status.pending} waiting` : ''}
        {status.dropped ? ` · ${status.dropped} dropped (queue full)` : ''}</p>
      {status.lastError ? (
        status.lastError.retrying
          ? <p className="badge badge-warn outbound-retrying" role="status">{status.lastError.message}</p>
          : <ErrorNote error={`Delivery failed: ${status.lastError.message}`} />
      ) : null}
    </div>
  );
}
