import { useMemo, useState } from 'react';
import { DrillHeader } from '../app/DrillHeader';
import { Link } from '../app/router';
import { useDrillTime, useView } from '../session/DrillSession';
import { RolesPanel } from '../roles/RolesPanel';
import { InjectFeed } from '../room/InjectFeed';
import { TelemetryPanel } from '../room/TelemetryPanel';
import { Panel } from '../ui/bits';
import { AdhocInject } from './AdhocInject';
import { GameDayPanel } from './GameDayPanel';
import { Controls } from './Controls';
import { DecisionsPanel } from './DecisionsPanel';
import { InvitePanel } from './InvitePanel';
import { LiveLog } from './LiveLog';
import { ObjectivesPanel } from './ObjectivesPanel';
import { Observations } from './Observations';
import { OutboundPanel } from './OutboundPanel';
import { PreviousItemsPanel } from './PreviousItemsPanel';
import { RosterPanel } from './RosterPanel';
import { Statechart } from './Statechart';
import { UpcomingPanel } from './UpcomingPanel';
import { useEventLog } from './useEventLog';

/**
 * The facilitator console (and, read-only, the observer's view): the clock and its controls, the scenario as a
 * statechart, what is coming, everything that happened, live objective status, and the team.
 */
export default function ConsolePage({ readOnly = false, onSeat, seatName }: { readOnly?: boolean; onSeat?: () => void; seatName?: string }) {
  const view = useView();
  const now = useDrillTime(500);
  const { log, error } = useEventLog();
  const [refSeq, setRefSeq] = useState<number>();
  const visited = useMemo(() => new Set(log.filter((e) => e.type === 'state.entered').map((e) => (e as { state: string }).state)), [log]);
  const { status } = view.state;
  const scorecard = `/drill/${encodeURIComponent(view.drillId)}/scorecard`;

  return (
    <>
      <DrillHeader />
      {status === 'ended' ? (
        <div className="banner banner-info" role="status">The drill has ended. <Link to={scorecard}>Open the scorecard</Link> for the after-action review.</div>
      ) : null}
      <main id="main" className="page console">
        <div className="console-bar">
          {readOnly ? <p className="small muted">Observer view: read-only.</p> : <Controls />}
          <div className="console-bar-end">
            {onSeat ? <button type="button" className="btn btn-small" onClick={onSeat}>Back to {seatName}’s seat</button> : null}
            <Link to={scorecard} className="btn btn-small console-scorecard">{status === 'ended' ? 'Open the scorecard' : 'Scorecard so far'}</Link>
          </div>
        </div>
        <div className="console-grid">
          <div className="console-col">
            {status === 'lobby' && !readOnly ? <InvitePanel /> : null}
            {status !== 'ended' ? <PreviousItemsPanel /> : null}
            <GameDayPanel readOnly={readOnly} />
            {view.script ? (
              <Panel title="Scenario" id="statechart">
                <Statechart script={view.script} current={view.state.machineState} visited={visited} />
              </Panel>
            ) : null}
            <UpcomingPanel now={now} />
            {status !== 'lobby' && !readOnly ? <InvitePanel /> : null}
            {readOnly ? null : <OutboundPanel />}
          </div>
          <div className="console-col">
            <LiveLog log={log} error={error} onNote={readOnly ? undefined : setRefSeq} />
            {readOnly ? null : <AdhocInject />}
            <Observations refSeq={refSeq} onClearRef={() => setRefSeq(undefined)} readOnly={readOnly} />
          </div>
          <div className="console-col">
            {view.script ? <DecisionsPanel script={view.script} now={now} /> : null}
            {view.script ? <ObjectivesPanel script={view.script} log={log} now={now} started={status !== 'lobby'} /> : null}
            <RolesPanel readOnly={readOnly} />
            <RosterPanel readOnly={readOnly} />
            <TelemetryPanel />
          </div>
        </div>
        <details className="console-feed">
          <summary>Everything the team has received ({view.state.injects.length} injects)</summary>
          <InjectFeed staff />
        </details>
      </main>
    </>
  );
}
