import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatClock } from '../../../shared/duration';
import { rolesOf } from '../../../shared/drill/state';
import { actorName, roleName } from '../drill/names';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';

/** The team's own channel: short messages, oldest first, newest at the bottom like any chat. */
export function WarRoom({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const id = useId();
  const posts = view.state.posts.filter((p) => p.channel === 'war-room');
  const [text, setText] = useState('');
  const { run, pending, error } = useCommand();
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const el = list.current;
    // Follow new messages only when the reader is already at the bottom.
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 120) el.scrollTop = el.scrollHeight;
  }, [posts.length]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await run({ type: 'chat.post', text })) setText('');
  };

  return (
    <div className="war-room">
      <ol className="chat" ref={list} aria-label="War room messages" aria-live="polite" tabIndex={0}>
        {posts.length === 0 ? <li className="empty">No messages yet. Say who is doing what.</li> : null}
        {posts.map((post) => {
          const roles = post.by.kind === 'participant' ? rolesOf(view.state, post.by.id).map((r) => roleName(view.scenario, r)) : [];
          const mine = view.identity.kind === 'participant' && post.by.kind === 'participant' && post.by.id === view.identity.participantId;
          return (
            <li key={post.seq} className={mine ? 'chat-msg mine' : 'chat-msg'}>
              <div className="chat-meta small">
                <strong>{actorName(view.state, post.by)}</strong>
                {roles.length ? <span className="muted">{roles.join(', ')}</span> : null}
                <time className="muted tabular">{formatClock(post.t)}</time>
              </div>
              <p className="chat-text">{post.text}</p>
            </li>
          );
        })}
      </ol>
      {readOnly ? null : (
        <form className="chat-form" onSubmit={send}>
          <label htmlFor={`${id}-msg`} className="sr-only">Message to the war room</label>
          <input id={`${id}-msg`} value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} placeholder="Message the war room" autoComplete="off"
            aria-describedby={error ? `${id}-err` : undefined} aria-invalid={!!error} />
          <button type="submit" className="btn btn-primary" disabled={pending}>Send</button>
        </form>
      )}
      <ErrorNote error={error} id={`${id}-err`} />
    </div>
  );
}
