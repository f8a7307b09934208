import { useEffect, useState } from 'react';
import { DrillHeader } from '../app/DrillHeader';
import { Link } from '../app/router';
import { useView } from '../session/DrillSession';
import { PeoplePanel, RolesPanel } from '../roles/RolesPanel';
import { Tabs } from '../ui/Tabs';
import { ActionItems } from './ActionItems';
import { EscalationPanel } from './EscalationPanel';
import { IncidentPanel } from './IncidentPanel';
import { InjectFeed } from './InjectFeed';
import { StatusComposer } from './StatusComposer';
import { TelemetryPanel } from './TelemetryPanel';
import { WarRoom } from './WarRoom';

const ENDED_WHY = { final: 'the incident was closed', duration: 'the scenario ran its full time', facilitator: 'the facilitator ended it' } as const;

/** The participant's room: injects on the left, the team's work in the middle, the incident at a glance on the right. */
export function RoomPage() {
  const view = useView();
  const { status, endedReason } = view.state;
  const [tab, setTab] = useState('war-room');
  const ended = status === 'ended';
  useEffect(() => {
    if (ended) setTab('actions');
  }, [ended]);

  const count = (n: number) => (n ? <span className="tab-count">{n}</span> : null);
  const chat = view.state.posts.filter((p) => p.channel === 'war-room').length;
  const updates = view.state.posts.filter((p) => p.channel === 'status-page').length;
  const waiting = view.state.pages.filter((p) => !p.reply).length;
  const replies = view.state.pages.filter((p) => p.reply).length;

  return (
    <>
      <DrillHeader />
      {status === 'paused' ? <div className="banner banner-warn" role="status">The facilitator paused the drill. The clock is stopped; you can still talk in the war room.</div> : null}
      {ended ? (
        <div className="banner banner-info" role="status" data-testid="ended-banner">
          The drill has ended{endedReason ? ` — ${ENDED_WHY[endedReason]}` : ''}.{' '}
          <Link to={`/drill/${encodeURIComponent(view.drillId)}/scorecard`}>Open the scorecard</Link> for the after-action review,
          and add action items with owners for the report.
        </div>
      ) : null}
      <main id="main" className="page room">
        <div className="room-feed"><InjectFeed /></div>
        <div className="room-work panel">
          <Tabs label="Team work" selected={tab} onSelect={setTab} tabs={[
            { id: 'war-room', label: <>War room {count(chat)}</>, content: <WarRoom readOnly={ended} /> },
            { id: 'status', label: <>Status page {count(updates)}</>, content: <StatusComposer readOnly={ended} /> },
            { id: 'escalation', label: <>Escalation {waiting ? <span className="tab-count warn">{waiting}<span className="sr-only"> waiting for a reply</span></span> : count(replies)}</>, content: <EscalationPanel readOnly={ended} /> },
            { id: 'actions', label: <>Action items {count(view.state.actionItems.length)}</>, content: <ActionItems /> },
          ]} />
        </div>
        <div className="room-side">
          <IncidentPanel readOnly={ended} />
          <TelemetryPanel />
          <RolesPanel title="Roles" readOnly={ended} />
          <PeoplePanel title="Team" />
        </div>
      </main>
    </>
  );
}
