import { useMemo } from 'react';
import { formatMinutes } from '../../../shared/duration';
import { cadenceChart } from '../../../shared/report/charts/cadence';
import { dimensionRunsChart } from '../../../shared/report/charts/dimension-runs';
import { responseTimesChart } from '../../../shared/report/charts/response-times';
import { summarize, type DrillSummary, type RankedFinding } from '../../../shared/report/summary';
import type { RunComparison } from '../../../shared/scoring/trend';
import type { Scorecard } from '../../../shared/scoring/types';
import { useMediaQuery } from '../ui/hooks';
import { Overview } from './Overview';
import { RatingBadge } from './ratings';
import { SvgChart } from './SvgChart';

/** Charts switch to their narrow layout (labels above the bars) below this width. */
const NARROW = '(max-width: 600px)';

/** The summary model of the card, recomputed only when the card or the runs change. */
export function useSummary(card: Scorecard, runs?: RunComparison): DrillSummary {
  return useMemo(() => summarize(card, runs), [card, runs]);
}

/** Whether charts should take their narrow layout on this screen. */
export function useNarrowCharts(): boolean {
  return useMediaQuery(NARROW);
}

function FindingList({ findings, empty, kind }: { findings: RankedFinding[]; empty: string; kind: 'strength' | 'area' }) {
  if (!findings.length) return <p className="empty">{empty}</p>;
  return (
    <ol className="sum-findings" data-testid={`summary-${kind}s`}>
      {findings.map((f) => (
        <li key={f.key} data-critical={f.critical || undefined}>
          {f.critical ? <strong className="tag-bad">Critical</strong> : null} {f.text.replace(/^Critical: /, '')}
          {f.impact !== null && f.impact > 0 ? <span className="muted small"> ({kind === 'area' ? 'cost' : 'earned'} {f.impact} points)</span> : null}
        </li>
      ))}
    </ol>
  );
}

function Decisions({ summary }: { summary: DrillSummary }) {
  if (summary.decisions.length === 0) return <p className="empty">No decision came up in this run.</p>;
  return (
    <ul className="sum-list">
      {summary.decisions.map((d) => (
        <li key={d.injectId}>
          <strong>{d.title}</strong>:{' '}
          {d.choice ? <>“{d.choice.label}” {d.choice.rating ? <RatingBadge rating={d.choice.rating} /> : null} <span className="muted small">{d.choice.by}, {formatMinutes(d.choice.at)}{d.changes ? `, changed ${d.changes}×` : ''}</span></> : <span className="muted">nobody decided</span>}
        </li>
      ))}
      {summary.moreDecisions ? <li className="muted small">and {summary.moreDecisions} more under Decisions</li> : null}
    </ul>
  );
}

const STATUS = { 'open': 'open', 'in-progress': 'in progress', 'done': 'done' } as const;

function Plan({ summary }: { summary: DrillSummary }) {
  const items = summary.plan.flatMap((g) => g.items.map((a) => ({ a, g })));
  if (items.length === 0) return <p className="empty">No action items yet: agree on them in the hot wash, each with an owner and a date.</p>;
  return (
    <>
      <p className="small">{items.length} action item{items.length === 1 ? '' : 's'}, {summary.openItems} not done yet.</p>
      <ul className="sum-list">
        {items.slice(0, 4).map(({ a, g }) => (
          <li key={a.id}>
            {a.text} <span className="muted small">— {a.owner || 'no owner'}, {a.due ? `due ${a.due}` : 'no due date'}, {a.priority} priority, {STATUS[a.status]}{g.finding ? `; answers: ${g.title}` : ''}</span>
          </li>
        ))}
        {items.length > 4 ? <li className="muted small"><a href="#plan-title">all {items.length} in the improvement plan</a></li> : null}
      </ul>
    </>
  );
}

/**
 * The one-page summary that opens the scorecard: overall and dimension scores with the change since the previous
 * run, the response-times chart, the three strengths and areas that matter most, key decisions and the plan.
 * A lead reads it in a minute; on paper it is page 1.
 */
export function Summary({ card, summary }: { card: Scorecard; summary: DrillSummary }) {
  const narrow = useNarrowCharts();
  const times = useMemo(() => responseTimesChart(summary.times, 'sc-response-times', { narrow }), [summary, narrow]);
  return (
    <section className="sc-summary" aria-labelledby="summary-title" data-testid="summary">
      <h2 id="summary-title">Summary</h2>
      <Overview card={card} summary={summary} />
      <div className="sum-grid">
        <div>
          <h3>Response times against targets</h3>
          <SvgChart chart={times} />
        </div>
        <div className="sum-ranked">
          <div>
            <h3>Strengths that matter most</h3>
            <FindingList findings={summary.strengths} kind="strength" empty="No objective was fully met in this run." />
          </div>
          <div>
            <h3>Areas that matter most</h3>
            <FindingList findings={summary.areas} kind="area" empty="None: every objective was met." />
          </div>
        </div>
      </div>
      <div className="sum-grid">
        <div>
          <h3>Key decisions</h3>
          <Decisions summary={summary} />
        </div>
        <div>
          <h3>Improvement plan</h3>
          <Plan summary={summary} />
        </div>
      </div>
      <p className="small muted sum-note">{summary.ranking}</p>
    </section>
  );
}

/** The status-page cadence chart, for the communication details. */
export function CadenceChart({ summary }: { summary: DrillSummary }) {
  const narrow = useNarrowCharts();
  const chart = useMemo(() => cadenceChart(summary.cadence, 'sc-cadence', { narrow }), [summary, narrow]);
  return (
    <section className="sc-section" aria-labelledby="cadence-title">
      <h2 id="cadence-title">Status-page cadence</h2>
      <SvgChart chart={chart} />
    </section>
  );
}

/** Dimension scores across the scenario's runs, ending with this one (shown from the second run on). */
export function DimensionRunsChart({ summary }: { summary: DrillSummary }) {
  const narrow = useNarrowCharts();
  const chart = useMemo(() => dimensionRunsChart(summary.history, 'sc-dimension-runs', { narrow }), [summary, narrow]);
  if (summary.history.runs.length < 2) return null;
  return <SvgChart chart={chart} />;
}
