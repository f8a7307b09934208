import { useId } from 'react';
import type { DeliveredInject } from '../../../shared/drill/state';
import { rolesOf } from '../../../shared/drill/roster';
import { actorName, isTargeted, roleName } from '../drill/names';
import { useCommand, useView } from '../session/DrillSession';
import { CHANNEL_LABELS, Icon } from '../ui/icons';
import { ErrorNote, Panel } from '../ui/bits';
import { useReadMarks } from './useReadMarks';
import { Prose } from '../ui/prose';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';
import { DecisionCard } from './DecisionCard';

/** A dashboard-only update (telemetry points, no words) is not something to read or acknowledge. */
const isQuiet = (inject: DeliveredInject) => inject.channel === 'telemetry' && !inject.title;

/**
 * Everything the scenario has thrown at this viewer, newest first: channel, sender, title, body, who it was
 * addressed to, whether it needs acknowledging and whether it is still unread.
 */
export function InjectFeed({ staff = false, readOnly = false, inTab = false, marks }: {
  staff?: boolean;
  /** A replay: no unread marks, nothing to acknowledge or decide (the feed of a past moment). */
  readOnly?: boolean;
  /** Shown as a tab of the room (phones): no panel of its own, no stickiness. */
  inTab?: boolean;
  /** Read marks kept by the page (it also counts the unread ones for the tab label). */
  marks?: ReturnType<typeof useReadMarks>;
}) {
  const view = useView();
  const own = useReadMarks(view.drillId);
  const { read, mark } = marks ?? own;
  const injects = [...view.state.injects].reverse();
  const quiet = staff || readOnly;
  const unread = quiet ? [] : unreadOf(injects, read);
  const latest = injects.find((i) => !isQuiet(i));
  const title = <>Injects {unread.length ? <span className="badge badge-accent" data-testid="unread-count">{unread.length} unread</span> : null}</>;
  const markAll = unread.length ? <button type="button" className="btn btn-quiet btn-small" onClick={() => mark(unread.map((i) => i.seq))}>Mark all read</button> : null;
  const body = (
    <>
      {inTab ? null : <p className="sr-only" aria-live="polite">{latest ? `Latest inject: ${latest.title ?? CHANNEL_LABELS[latest.channel]}` : ''}</p>}
      {injects.length === 0 ? <p className="empty">Nothing yet. Injects appear here as the scenario unfolds.</p> : (
        <ol className="feed" aria-label="Injects, newest first">
          {injects.map((inject) => (
            <li key={inject.seq}>
              <InjectCard inject={inject} unread={!quiet && !isQuiet(inject) && !read.has(inject.seq)} onRead={() => mark([inject.seq])} staff={staff} readOnly={quiet} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
  if (inTab) {
    return (
      <div className="feed-tab" id="feed">
        {markAll ? <div className="feed-tab-head">{markAll}</div> : null}
        {body}
      </div>
    );
  }
  return <Panel title={title} id="feed" className="feed-panel" actions={markAll}>{body}</Panel>;
}

/** Injects this browser has not read yet (dashboard-only updates never count). */
export function unreadOf(injects: readonly DeliveredInject[], read: ReadonlySet<number>): DeliveredInject[] {
  return injects.filter((i) => !isQuiet(i) && !read.has(i.seq));
}

/** The newest inject worth reading, if any. */
export function latestInject(injects: readonly DeliveredInject[]): DeliveredInject | undefined {
  return [...injects].reverse().find((i) => !isQuiet(i));
}

function InjectCard({ inject, unread, onRead, staff, readOnly }: { inject: DeliveredInject; unread: boolean; onRead: () => void; staff: boolean; readOnly: boolean }) {
  const view = useView();
  const id = useId();
  const { run, pending, error } = useCommand();
  const me = view.identity.kind === 'participant' ? view.identity.participantId : undefined;
  const mine = me ? rolesOf(view.state, me) : [];
  const targeted = isTargeted(inject.to) && inject.to.length > 0;
  const forMe = targeted && inject.to.some((r) => mine.includes(r));
  const ack = view.state.acks[inject.injectId];
  const quiet = isQuiet(inject);
  const start = useStoryStart();
  const decision = inject.decision ? view.state.decisions[inject.injectId] : undefined;
  const deciding = !!decision && !decision.closed && !decision.choice && view.state.status !== 'ended';

  if (quiet) {
    return (
      <article className="inject inject-quiet" aria-label="Dashboard update">
        <Icon name="telemetry" size={16} /> <span className="small muted"><Stamp t={inject.t} start={start} /> · Dashboards updated</span>
      </article>
    );
  }

  const acknowledge = async () => {
    if (await run({ type: 'inject.ack', injectId: inject.injectId })) onRead();
  };

  return (
    <article className={`inject ch-${inject.channel}${unread ? ' unread' : ''}${inject.ack && !ack ? ' needs-ack' : ''}${deciding ? ' needs-decision' : ''}`}
      aria-labelledby={`${id}-title`} data-testid="inject" data-inject={inject.injectId} onClick={unread ? onRead : undefined}>
      <div className="inject-head small">
        <span className="inject-channel"><Icon name={inject.channel} size={18} />{CHANNEL_LABELS[inject.channel]}</span>
        {inject.from ? <span className="inject-from">{inject.from}</span> : null}
        <Stamp t={inject.t} start={start} className="muted inject-time" />
        {unread ? <span className="badge badge-accent unread-mark">New</span> : null}
        {deciding ? <span className="badge badge-warn">Decision needed</span> : null}
        {inject.adhoc && staff ? <span className="badge">Ad hoc</span> : null}
        {inject.alert ? <span className="badge badge-bad" title={`A real alert from ${inject.alert.source}, not the script`}>Real alert</span> : null}
        {inject.alert?.resolved ? <span className="badge badge-ok">Resolved at <Stamp t={inject.alert.resolved.t} start={start} /></span> : null}
      </div>
      <h3 className="inject-title" id={`${id}-title`}>{inject.title ?? CHANNEL_LABELS[inject.channel]}</h3>
      {inject.body ? <Prose text={inject.body} className="inject-body" /> : null}
      {inject.decision ? <DecisionCard inject={{ ...inject, decision: inject.decision }} staff={readOnly} /> : null}
      {inject.alert && inject.to.length === 0 ? (
        <p className="inject-to small muted">No alert rule of the scenario matched it: only staff see it.</p>
      ) : null}
      {targeted ? (
        <p className={`inject-to small${forMe ? ' for-me' : ''}`} data-testid="inject-to">
          <Icon name="role" size={16} />
          {forMe ? 'For your role: ' : 'To: '}{inject.to.map((r) => roleName(view.scenario, r)).join(', ')}
        </p>
      ) : null}
      {inject.ack ? (
        <div className="inject-foot">
          {ack ? (
            <span className="acked small"><Icon name="check" size={16} /> Acknowledged by {actorName(view.state, ack.by)} at <Stamp t={ack.t} start={start} /></span>
          ) : view.state.status === 'ended' ? (
            <span className="badge badge-warn">Never acknowledged</span>
          ) : readOnly ? (
            <span className="badge badge-warn">Awaiting acknowledgement</span>
          ) : (
            <button type="button" className="btn btn-primary btn-small" disabled={pending} onClick={(e) => { e.stopPropagation(); void acknowledge(); }}>
              Acknowledge
            </button>
          )}
        </div>
      ) : unread ? (
        <div className="inject-foot"><button type="button" className="btn btn-quiet btn-small" onClick={(e) => { e.stopPropagation(); onRead(); }}>Mark read</button></div>
      ) : null}
      <ErrorNote error={error} />
    </article>
  );
}
