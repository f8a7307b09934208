import { useMemo } from 'react';
import { formatClock } from '../../../shared/duration';
import type { Choice, DecisionState } from '../../../shared/drill/state';
import { ms, scenarioInjects, type ScenarioInject } from '../../../shared/scenario/model';
import type { Scenario } from '../../../shared/scenario/schema';
import { actorName, roleName } from '../drill/names';
import { useStoryStart } from '../drill/story-clock';
import { useView } from '../session/DrillSession';
import { Panel } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { RatingBadge } from '../scorecard/ratings';

/**
 * The calls the script puts to the team (decision injects): which are open and for how long (against the
 * objective's target when one measures it), what the team chose, with the author's rating of each option (the team
 * never sees those), who chose and why, and every change of mind. Closed decisions stay listed with their outcome.
 */
export function DecisionsPanel({ script, now }: { script: Scenario; now: number }) {
  const view = useView();
  const scripted = useMemo(() => [...scenarioInjects(script).values()].filter((i) => i.decision), [script]);
  if (scripted.length === 0) return null;
  const decisions = Object.values(view.state.decisions).sort((a, b) => a.opened.seq - b.opened.seq);
  const open = decisions.filter((d) => !d.closed);
  return (
    <Panel title="Decisions" id="decisions" actions={open.length ? <span className="badge badge-warn" data-testid="decisions-open">{open.length} open</span> : null}>
      {decisions.length === 0 ? (
        <p className="empty">No call has been put to the team yet. The script has {scripted.length === 1 ? 'one' : scripted.length}: {scripted.map((i) => `“${i.title ?? i.id}”`).join(', ')}.</p>
      ) : (
        <ul className="decision-list">
          {[...open, ...decisions.filter((d) => d.closed)].map((d) => (
            <DecisionRow key={d.injectId} decision={d} inject={scripted.find((i) => i.id === d.injectId)} script={script} now={now} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function DecisionRow({ decision, inject, script, now }: { decision: DecisionState; inject?: ScenarioInject; script: Scenario; now: number }) {
  const view = useView();
  const start = useStoryStart();
  const options = inject?.decision?.options ?? [];
  const target = script.objectives.find((o) => o.measure.kind === 'decision' && o.measure.inject === decision.injectId)?.target;
  const targetMs = typeof target === 'string' ? ms(target) : undefined;
  const open = !decision.closed;
  const until = decision.choice?.t ?? decision.closed?.t ?? now;
  const elapsed = Math.max(0, (open && !decision.choice ? now : until) - decision.opened.t);
  const option = (c: Choice) => options.find((o) => o.id === c.option);
  return (
    <li className={`decision-row${open ? ' open' : ''}`} data-testid={`decision-${decision.injectId}`} data-state={open ? (decision.choice ? 'decided' : 'open') : 'closed'}>
      <div className="decision-row-head">
        <strong>{inject?.title ?? decision.injectId}</strong>
        <span className="muted small"> → {(inject?.to ?? []).map((r) => roleName(view.scenario, r)).join(', ')}</span>
      </div>
      <p className="small decision-timing">
        {open && !decision.choice ? <span className="badge badge-warn">Waiting</span> : open ? <span className="badge badge-ok">Decided, still open</span> : <span className="badge">Closed</span>}{' '}
        <span className="tabular">{open && !decision.choice ? `open ${formatClock(elapsed).replace('T+', '')}` : `decided after ${formatClock(elapsed).replace('T+', '')}`}</span>
        {targetMs !== undefined ? <TargetNote elapsed={elapsed} target={targetMs} waiting={open && !decision.choice} /> : null}
        <span className="muted"> · asked <Stamp t={decision.opened.t} start={start} /></span>
        {decision.closed ? <span className="muted"> · closed <Stamp t={decision.closed.t} start={start} /></span> : null}
      </p>
      {decision.choice ? (
        <p className="small decision-chosen">
          {option(decision.choice) ? <RatingBadge rating={option(decision.choice)!.rating} /> : null}{' '}
          <strong data-testid="console-decision-choice">{option(decision.choice)?.label ?? decision.choice.option}</strong>
          <span className="muted"> — {actorName(view.state, decision.choice.by)}, <Stamp t={decision.choice.t} start={start} /></span>
          {decision.choice.reason ? <span className="decision-reason-inline">“{decision.choice.reason}”</span> : null}
        </p>
      ) : decision.closed ? <p className="small muted">No option was chosen.</p> : null}
      {decision.history.length > 1 ? (
        <details className="small decision-history">
          <summary>Changed {decision.history.length - 1 === 1 ? 'once' : `${decision.history.length - 1} times`}</summary>
          <ol>
            {decision.history.map((c) => (
              <li key={c.seq}><Stamp t={c.t} start={start} /> {actorName(view.state, c.by)}: {option(c)?.label ?? c.option} {option(c) ? <RatingBadge rating={option(c)!.rating} /> : null}{c.reason ? <span className="muted"> — “{c.reason}”</span> : null}</li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}

/** "target 5:00 — 2:46 left", "— over target by 0:30", "within the 5:00 target". */
function TargetNote({ elapsed, target, waiting }: { elapsed: number; target: number; waiting: boolean }) {
  const mmss = (v: number) => formatClock(v).replace('T+', '');
  if (!waiting) return <span className="muted"> · {elapsed <= target ? `within the ${mmss(target)} target` : `${mmss(elapsed - target)} over the ${mmss(target)} target`}</span>;
  return elapsed <= target
    ? <span className="muted"> · target {mmss(target)}: <strong>{mmss(target - elapsed)} left</strong></span>
    : <span className="decision-late"> · over the {mmss(target)} target by {mmss(elapsed - target)}</span>;
}
