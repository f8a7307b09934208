import { useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { activeParticipants, rolesOf } from '../../../shared/drill/roster';
import type { Post } from '../../../shared/drill/state';
import type { DrillView } from '../../../shared/protocol/messages';
import { TEXT_LIMITS } from '../drill/constants';
import { actorName, roleName } from '../drill/names';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';
import { useTabState } from '../ui/hooks';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';
import { MentionInput } from './MentionInput';
import { mentions, parseMentions, type Directory, type Segment } from './mentions';

/** How close to the end (px) still counts as "reading the newest": the list follows new messages from there. */
const NEAR_BOTTOM = 48;

/** Who can be @mentioned: the scenario's roles with their holders now, and everyone on the roster. */
export function directoryOf(view: DrillView): Directory {
  return {
    roles: view.scenario.roles.map((r) => ({ id: r.id, name: r.name, holder: view.state.roles[r.id] })),
    people: activeParticipants(view.state).map((p) => ({ id: p.id, name: p.name })),
  };
}

/**
 * The team's own channel, like the chat people use: it opens at the newest message, follows new ones while the
 * reader is at the bottom, shows "N new messages" when they scrolled up, and jumps to your own post. @mentions of a
 * role or a person are highlighted for them. The draft survives a reload.
 */
export function WarRoom({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const me = view.identity.kind === 'participant' ? view.identity.participantId : undefined;
  const posts = view.state.posts.filter((p) => p.channel === 'war-room');
  const [text, setText] = useTabState('chat-draft', '');
  const { run, pending, error, clear } = useCommand();
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const seen = useRef(posts.length);
  const [unseen, setUnseen] = useState(0);
  const directory = useMemo(() => directoryOf(view), [view]);

  const toBottom = () => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(0);
  };
  // Opens at the newest message (also when the tab is shown again).
  useLayoutEffect(toBottom, []);
  useLayoutEffect(() => {
    const added = posts.length - seen.current;
    seen.current = posts.length;
    if (added <= 0) return;
    const newest = posts[posts.length - 1];
    const mine = !!me && newest.by.kind === 'participant' && newest.by.id === me;
    if (atBottom.current || mine) toBottom();
    else setUnseen((n) => n + added);
  }, [posts.length]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    if (atBottom.current && unseen) setUnseen(0);
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (text.length > TEXT_LIMITS.chat) return;
    if (await run({ type: 'chat.post', text })) setText('');
  };
  const firstUnseen = posts.length - unseen;
  const tooLong = text.length > TEXT_LIMITS.chat;

  return (
    <div className="war-room">
      <div className="chat-frame">
        <ol className="chat" ref={list} onScroll={onScroll} aria-label="War room messages" aria-live="polite" aria-relevant="additions" tabIndex={0} data-testid="chat">
          {posts.length === 0 ? <li className="empty">No messages yet. Say who is doing what.</li> : null}
          {posts.map((post, i) => (
            <ChatMessage key={post.seq} post={post} me={me} directory={directory} divider={unseen > 0 && i === firstUnseen} />
          ))}
        </ol>
        {unseen ? (
          <button type="button" className="new-messages" onClick={toBottom} data-testid="new-messages">
            ↓ {unseen} new message{unseen === 1 ? '' : 's'}
          </button>
        ) : null}
      </div>
      {readOnly ? null : (
        <form className="chat-form" onSubmit={send}>
          <label htmlFor="composer" className="sr-only">Message to the war room</label>
          <MentionInput id="composer" value={text} onChange={(v) => { setText(v); if (error) clear(); }} directory={directory}
            placeholder="Message the war room" title="Type @ to mention a role or a person" autoComplete="off"
            aria-describedby={error || tooLong ? 'composer-err' : undefined} aria-invalid={!!error || tooLong} />
          <button type="submit" className="btn btn-primary" disabled={pending || tooLong}>Send</button>
        </form>
      )}
      <ErrorNote error={tooLong ? `A message can be at most ${TEXT_LIMITS.chat} characters (this one has ${text.length}).` : error} id="composer-err" />
    </div>
  );
}

function ChatMessage({ post, me, directory, divider }: { post: Post; me?: string; directory: Directory; divider: boolean }) {
  const view = useView();
  const roles = post.by.kind === 'participant' ? rolesOf(view.state, post.by.id).map((r) => roleName(view.scenario, r)) : [];
  const mine = !!me && post.by.kind === 'participant' && post.by.id === me;
  const segments = parseMentions(post.text, directory);
  const forMe = !mine && mentions(segments, me);
  const start = useStoryStart();
  return (
    <>
      {divider ? <li className="chat-divider" aria-hidden="true"><span>New messages</span></li> : null}
      <li className={`chat-msg${mine ? ' mine' : ''}${forMe ? ' mentions-me' : ''}`} data-seq={post.seq}>
        <div className="chat-meta small">
          <strong className="name">{actorName(view.state, post.by)}</strong>
          {roles.length ? <span className="muted">{roles.join(', ')}</span> : null}
          <Stamp t={post.t} start={start} className="muted" />
          {forMe ? <span className="badge badge-accent">mentions you</span> : null}
        </div>
        <p className="chat-text"><MessageText segments={segments} me={me} /></p>
      </li>
    </>
  );
}

function MessageText({ segments, me }: { segments: Segment[]; me?: string }) {
  return (
    <>
      {segments.map((s, i) => s.kind === 'text' ? <span key={i}>{s.text}</span> : (
        <span key={i} className={me && s.participants.includes(me) ? 'mention mention-me' : 'mention'} title={s.label}>{s.text}</span>
      ))}
    </>
  );
}
