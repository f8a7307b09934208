import { useEffect, useRef } from 'react';
import { DrillHeader } from '../app/DrillHeader';
import { Link } from '../app/router';
import { useView } from '../session/DrillSession';
import { PeoplePanel, RolesPanel } from '../roles/RolesPanel';
import { Tabs, type Tab } from '../ui/Tabs';
import { CHANNEL_LABELS, Icon } from '../ui/icons';
import { focusNext, focusWhenIdle, PHONE, useMediaQuery, useTabState } from '../ui/hooks';
import { ActionItems } from './ActionItems';
import { EscalationPanel } from './EscalationPanel';
import { IncidentPanel } from './IncidentPanel';
import { InjectFeed, latestInject, unreadOf } from './InjectFeed';
import { StatusComposer } from './StatusComposer';
import { TelemetryPanel } from './TelemetryPanel';
import { useReadMarks } from './useReadMarks';
import { WarRoom } from './WarRoom';

const ENDED_WHY = { final: 'the incident was closed', duration: 'the scenario ran its full time', facilitator: 'the facilitator ended it' } as const;

const focusComposer = () => document.getElementById('composer');

/**
 * The participant's room. On a wide screen: injects on the left, the team's work in the middle, the incident at a
 * glance on the right. On a phone: one column whose first screen holds the tabs and the message box, with the
 * injects as the first tab and one line announcing the newest one. The selected tab survives a reload.
 */
export function RoomPage() {
  const view = useView();
  const { status, endedReason } = view.state;
  const phone = useMediaQuery(PHONE);
  const marks = useReadMarks(view.drillId);
  const ended = status === 'ended';
  const [tab, setTab] = useTabState('tab', ended ? 'actions' : 'war-room');
  const wasEnded = useRef(ended);
  useEffect(() => {
    // When the drill ends while the room is open, the hot wash starts: go to the action items.
    if (ended && !wasEnded.current) setTab('actions');
    wasEnded.current = ended;
  }, [ended, setTab]);
  // Joined (or reloaded) into a running drill: the message box is where the work starts.
  useEffect(() => focusWhenIdle(focusComposer), []);

  const count = (n: number, label?: string) => (n ? <span className="tab-count">{n}{label ? <span className="sr-only"> {label}</span> : null}</span> : null);
  const chat = view.state.posts.filter((p) => p.channel === 'war-room').length;
  const updates = view.state.posts.filter((p) => p.channel === 'status-page').length;
  const waiting = view.state.pages.filter((p) => !p.reply).length;
  const replies = view.state.pages.filter((p) => p.reply).length;
  const unread = unreadOf(view.state.injects, marks.read).length;

  const tabs: Tab[] = [
    ...(phone ? [{ id: 'injects', label: <>Injects {unread ? <span className="tab-count accent">{unread}<span className="sr-only"> unread</span></span> : null}</>, content: <InjectFeed inTab marks={marks} /> }] : []),
    { id: 'war-room', label: <>{phone ? 'Chat' : 'War room'} {count(chat)}</>, content: <WarRoom readOnly={ended} /> },
    { id: 'status', label: <>{phone ? 'Status' : 'Status page'} {count(updates)}</>, content: <StatusComposer readOnly={ended} /> },
    { id: 'escalation', label: <>{phone ? 'Escalate' : 'Escalation'} {waiting ? <span className="tab-count warn">{waiting}<span className="sr-only"> waiting for a reply</span></span> : count(replies)}</>, content: <EscalationPanel readOnly={ended} /> },
    { id: 'actions', label: <>{phone ? 'Actions' : 'Action items'} {count(view.state.actionItems.length)}</>, content: <ActionItems /> },
  ];
  const toComposer = () => {
    setTab('war-room');
    focusNext(focusComposer);
  };

  return (
    <>
      <DrillHeader skipTo={ended ? undefined : { href: '#composer', label: 'Skip to the message box', onClick: toComposer }} />
      {status === 'paused' ? <div className="banner banner-warn" role="status">The facilitator paused the drill. The clock is stopped; you can still talk in the war room.</div> : null}
      {ended ? (
        <div className="banner banner-info" role="status" data-testid="ended-banner">
          The drill has ended{endedReason ? ` — ${ENDED_WHY[endedReason]}` : ''}.{' '}
          <Link to={`/drill/${encodeURIComponent(view.drillId)}/scorecard`}>Open the scorecard</Link> for the after-action review,
          and add action items with owners for the report.
        </div>
      ) : null}
      <main id="main" className="page room">
        {phone ? null : <div className="room-feed"><InjectFeed marks={marks} /></div>}
        <div className="room-work">
          {phone ? <LatestInject unread={unread} onOpen={() => setTab('injects')} /> : null}
          <div className="panel room-tabs">
            <Tabs label="Team work" selected={tab} onSelect={setTab} tabs={tabs} />
          </div>
        </div>
        <div className="room-side">
          <IncidentPanel readOnly={ended} />
          <TelemetryPanel />
          <RolesPanel title="Roles" readOnly={ended} afterClaim={toComposer} />
          <PeoplePanel title="Team" />
        </div>
      </main>
    </>
  );
}

/** Phones: one line with the newest inject (announced politely) and how many are unread; it opens the Injects tab. */
function LatestInject({ unread, onOpen }: { unread: number; onOpen: () => void }) {
  const view = useView();
  const latest = latestInject(view.state.injects);
  if (!latest) return null;
  const title = latest.title ?? CHANNEL_LABELS[latest.channel];
  return (
    <button type="button" className="latest-inject" onClick={onOpen} data-testid="latest-inject">
      <Icon name={latest.channel} size={16} />
      <span className="latest-inject-title" aria-live="polite">{title}</span>
      {unread ? <span className="badge badge-accent">{unread} unread</span> : null}
    </button>
  );
}
