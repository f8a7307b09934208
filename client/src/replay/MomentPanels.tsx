import { useState } from 'react';
import type { DrillEvent } from '../../../shared/drill/events';
import { DecisionsPanel } from '../console/DecisionsPanel';
import { LiveLog } from '../console/LiveLog';
import { ObjectivesPanel } from '../console/ObjectivesPanel';
import { RosterPanel } from '../console/RosterPanel';
import { Statechart } from '../console/Statechart';
import { PeoplePanel, RolesPanel } from '../roles/RolesPanel';
import { ActionItems } from '../room/ActionItems';
import { EscalationPanel } from '../room/EscalationPanel';
import { IncidentPanel } from '../room/IncidentPanel';
import { InjectFeed } from '../room/InjectFeed';
import { StatusComposer } from '../room/StatusComposer';
import { TelemetryPanel } from '../room/TelemetryPanel';
import { WarRoom } from '../room/WarRoom';
import { useView } from '../session/DrillSession';
import { Panel } from '../ui/bits';
import { Tabs } from '../ui/Tabs';

/**
 * The room at the replayed moment, laid out like the participants' room and made of its own components, every one
 * read-only: the injects the viewpoint had, the team's work (war room, status page, escalation, action items) and
 * the incident, dashboards, roles and team on the side.
 */
export function RoomMoment() {
  const view = useView();
  const [tab, setTab] = useState('war-room');
  const { posts, pages, actionItems } = view.state;
  const count = (n: number) => (n ? <span className="tab-count">{n}</span> : null);
  return (
    <div className="room replay-room">
      <div className="room-feed"><InjectFeed readOnly staff={view.identity.kind !== 'participant'} /></div>
      <div className="room-work">
        <div className="panel room-tabs">
          <Tabs label="Team work" selected={tab} onSelect={setTab} tabs={[
            { id: 'war-room', label: <>War room {count(posts.filter((p) => p.channel === 'war-room').length)}</>, content: <WarRoom readOnly /> },
            { id: 'status', label: <>Status page {count(posts.filter((p) => p.channel === 'status-page').length)}</>, content: <StatusComposer readOnly /> },
            { id: 'escalation', label: <>Escalation {count(pages.length)}</>, content: <EscalationPanel readOnly /> },
            { id: 'actions', label: <>Action items {count(actionItems.length)}</>, content: <ActionItems readOnly /> },
          ]} />
        </div>
      </div>
      <div className="room-side">
        <IncidentPanel readOnly />
        <TelemetryPanel />
        <RolesPanel title="Roles" readOnly />
        <PeoplePanel title="Team" />
      </div>
    </div>
  );
}

/**
 * The facilitator console at the replayed moment: where the story was in the scenario, the calls put to the team,
 * everything logged so far and the objectives as they stood then (scored from the log up to the moment).
 */
export function ConsoleMoment({ log, visited, now }: { log: readonly DrillEvent[]; visited: Set<string>; now: number }) {
  const view = useView();
  const { script } = view;
  if (!script) return null;
  return (
    <div className="console-grid replay-console">
      <div className="console-col">
        <Panel title="Scenario" id="statechart">
          <Statechart script={script} current={view.state.machineState} visited={visited} />
        </Panel>
        <DecisionsPanel script={script} now={now} />
      </div>
      <div className="console-col">
        <LiveLog log={log} />
      </div>
      <div className="console-col">
        <ObjectivesPanel script={script} log={log} now={now} started={view.state.status !== 'lobby'} readOnly />
        <RosterPanel readOnly />
      </div>
    </div>
  );
}
