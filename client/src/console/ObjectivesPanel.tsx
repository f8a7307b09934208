import { useMemo } from 'react';
import { formatMinutes } from '../../../shared/duration';
import type { DrillEvent } from '../../../shared/drill/events';
import type { Scenario } from '../../../shared/scenario/schema';
import { score } from '../../../shared/scoring';
import { objectiveTitle } from '../../../shared/scenario/model';
import { Panel } from '../ui/bits';
import { LIVE_STATUS_TEXT, LIVE_STATUS_TONE, liveStatus } from './objective-status';

/** Live objective status, scored with the same `score()` the scorecard uses, on the log so far. */
export function ObjectivesPanel({ script, log, now, started }: { script: Scenario; log: DrillEvent[]; now: number; started: boolean }) {
  if (!started) return <ObjectiveTargets script={script} />;
  return <LiveObjectives script={script} log={log} now={now} />;
}

function LiveObjectives({ script, log, now }: { script: Scenario; log: DrillEvent[]; now: number }) {
  const card = useMemo(() => (log.length ? score(script, log) : undefined), [script, log]);
  const counts = { met: 0, missed: 0 };
  const rows = (card?.objectives ?? []).map((o) => {
    const status = liveStatus(o, now);
    if (status === 'met') counts.met++;
    if (status === 'missed') counts.missed++;
    return { o, status };
  });
  return (
    <Panel title="Objectives" id="objectives" actions={card ? <span className="small muted">{counts.met} met · {counts.missed} missed</span> : null}>
      {!card ? <p className="empty">Objectives are scored once the drill has events.</p> : (
        <ul className="objective-list">
          {rows.map(({ o, status }) => (
            <li key={o.id} className="objective-row" data-testid={`objective-${o.id}`} data-status={status}>
              <span className={`badge ${LIVE_STATUS_TONE[status]}`}>{LIVE_STATUS_TEXT[status]}</span>
              <span className="objective-title">{o.title}</span>
              <span className="small muted tabular objective-value">
                {o.unit === 'ms'
                  ? `${o.value === null ? '—' : formatMinutes(o.value)} / ${formatMinutes(o.target)}`
                  : `${o.value === null ? '—' : Math.round(o.value)} / ${o.target}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Before the start: what will be scored, and against what. */
function ObjectiveTargets({ script }: { script: Scenario }) {
  return (
    <Panel title="Objectives" id="objectives" actions={<span className="small muted">scored from the start</span>}>
      <ul className="objective-list">
        {script.objectives.map((o) => (
          <li key={o.id} className="objective-row">
            <span className="badge">{typeof o.target === 'number' ? `${o.target}/100` : `≤ ${o.target}`}</span>
            <span className="objective-title">{objectiveTitle(script, o.id)}</span>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
