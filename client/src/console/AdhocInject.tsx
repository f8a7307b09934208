import { useId, useState, type FormEvent } from 'react';
import { CHANNEL_LIST } from '../drill/constants';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';
import { CHANNEL_LABELS } from '../ui/icons';

/** Sends something the script did not plan: to everyone or to one role. */
export function AdhocInject() {
  const view = useView();
  const id = useId();
  const [to, setTo] = useState('all');
  const [channel, setChannel] = useState<(typeof CHANNEL_LIST)[number]>('chat');
  const [from, setFrom] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [ack, setAck] = useState(false);
  const { run, pending, error } = useCommand();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run({
      type: 'inject.send', to: [to], channel, title, ack,
      ...(from.trim() ? { from: from.trim() } : {}), ...(body.trim() ? { body: body.trim() } : {}),
    });
    if (ok) {
      setTitle('');
      setBody('');
      setAck(false);
    }
  };

  return (
    <Panel title="Send an inject" id="adhoc">
      <form onSubmit={send} className="adhoc-form">
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-to`}>To</label>
            <select id={`${id}-to`} value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="all">Everyone</option>
              {view.scenario.roles.map((r) => <option key={r.id} value={r.id}>{r.name} only</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-channel`}>Channel</label>
            <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
              {CHANNEL_LIST.map((c) => <option key={c} value={c}>{CHANNEL_LABELS[c]}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-from`}>From</label>
            <input id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)} maxLength={60} placeholder="Head of Sales" />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder="A journalist is on the phone" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-body`}>Body <span className="muted small">(optional)</span></label>
          <textarea id={`${id}-body`} value={body} onChange={(e) => setBody(e.target.value)} rows={2} maxLength={2000} />
        </div>
        <div className="btn-row">
          <label className="check"><input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> Must be acknowledged</label>
          <button type="submit" className="btn btn-primary" disabled={pending}>Send inject</button>
        </div>
        <ErrorNote error={error} />
      </form>
    </Panel>
  );
}
