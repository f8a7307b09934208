import { useMemo } from 'react';
import { formatMinutes } from '../../../shared/duration';
import type { DrillEvent } from '../../../shared/drill/events';
import { objectiveTitle } from '../../../shared/scenario/model';
import type { Scenario } from '../../../shared/scenario/schema';
import { score } from '../../../shared/scoring';
import type { ObjectiveResult } from '../../../shared/scoring/types';
import { useStoryStart, type StoryStart } from '../drill/story-clock';
import { canEvaluate, fromState, standingOverrides, targetKey } from '../evaluate/overrides';
import { actorName } from '../drill/names';
import { EvaluatorsToggle } from '../evaluate/EvaluatorsToggle';
import { OverrideControl } from '../evaluate/OverrideControl';
import { useView } from '../session/DrillSession';
import { Panel } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { RatingBadge } from '../scorecard/ratings';
import { LIVE_STATUS_TEXT, LIVE_STATUS_TONE, liveStatus } from './objective-status';

/**
 * Live objective status, scored with the same `score()` the scorecard uses, on the log so far; each objective can
 * be overridden by an evaluator (with a note), which the scorecard then shows next to the automatic rating.
 */
export function ObjectivesPanel({ script, log, now, started, readOnly = false }: {
  script: Scenario; log: readonly DrillEvent[]; now: number; started: boolean;
  /** A replay: the objectives as they stood, with no override controls. */
  readOnly?: boolean;
}) {
  if (!started) return <ObjectiveTargets script={script} readOnly={readOnly} />;
  return <LiveObjectives script={script} log={log} now={now} readOnly={readOnly} />;
}

function LiveObjectives({ script, log, now, readOnly }: { script: Scenario; log: readonly DrillEvent[]; now: number; readOnly: boolean }) {
  const view = useView();
  const start = useStoryStart();
  const card = useMemo(() => (log.length ? score(script, log) : undefined), [script, log]);
  const times = useMemo(() => new Map(log.map((e) => [e.seq, e.t])), [log]);
  const overrides = useMemo(() => standingOverrides(view.state.overrides), [view.state.overrides]);
  const editable = !readOnly && canEvaluate(view);
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
          {rows.map(({ o, status }) => {
            const override = fromState(overrides.get(targetKey({ objective: o.id })), o.rating, (by) => actorName(view.state, by));
            return (
              <li key={o.id} className="objective-row" data-testid={`objective-${o.id}`} data-status={status}>
                <span className={`badge ${LIVE_STATUS_TONE[status]}`}>{LIVE_STATUS_TEXT[status]}</span>
                <span className="objective-title">{o.title}{status === 'pending' ? null : <> <RatingBadge rating={o.rating} /></>}</span>
                <span className="small muted tabular objective-value">
                  <Measured objective={o} times={times} start={start} due={dueAt(script, o, log)} />
                </span>
                <div className="objective-override">
                  <OverrideControl subject={{ target: { objective: o.id }, automatic: o.rating }} override={override} editable={editable} label={o.title} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {readOnly ? null : <EvaluatorsToggle />}
    </Panel>
  );
}

/** "2.7 min / 5 min · met 18:43 · T+02:42", "— / 10 min · due 18:50 · T+10:00", "82 / 70". */
function Measured({ objective: o, times, start, due }: { objective: ObjectiveResult; times: Map<number, number>; start?: StoryStart; due?: number }) {
  if (o.unit === 'score') return <>{o.value === null ? '—' : Math.round(o.value)} / {o.target}</>;
  const at = o.value !== null && o.kind !== 'cadence' && o.evidence.length ? times.get(o.evidence[o.evidence.length - 1]) : undefined;
  return (
    <>
      {o.value === null ? '—' : formatMinutes(o.value)} / {formatMinutes(o.target)}
      {at !== undefined ? <> · met <Stamp t={at} start={start} /></> : due !== undefined && o.rating !== 'N/A' ? <> · due <Stamp t={due} start={start} /></> : null}
    </>
  );
}

/**
 * When a time objective that has not happened yet is due, in drill time: its target after drill start, or after
 * its inject arrived (`ack`, `decision`). Gaps (`cadence`) and scores have no due time.
 */
function dueAt(script: Scenario, o: ObjectiveResult, log: readonly DrillEvent[]): number | undefined {
  if (o.unit !== 'ms' || o.value !== null) return undefined;
  const measure = script.objectives.find((x) => x.id === o.id)?.measure;
  if (!measure || measure.kind === 'cadence' || measure.kind === 'rubric') return undefined;
  if (measure.kind === 'ack' || measure.kind === 'decision') {
    const delivered = log.findLast((e) => e.type === 'inject.delivered' && e.injectId === measure.inject);
    return delivered ? delivered.t + o.target : undefined;
  }
  return o.target;
}

/** Before the start: what will be scored, and against what. */
function ObjectiveTargets({ script, readOnly }: { script: Scenario; readOnly: boolean }) {
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
      {readOnly ? null : <EvaluatorsToggle />}
    </Panel>
  );
}
