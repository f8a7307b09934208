/**
 * Scoring: `score(scenario, events)` turns a drill's event log into a Scorecard — objectives rated P/S/M/U
 * with evidence, standard metrics, seven dimensions and an overall score (held down by critical failures),
 * the rubric of every status post, declarations checked against the story, decisions, evaluators' overrides,
 * strengths and areas for improvement, the improvement plan and the timeline. Pure and deterministic.
 */
import type { DrillEvent } from '../drill/events';
import { scenarioDurationMs } from '../scenario/model';
import type { Scenario } from '../scenario/schema';
import { capOf } from './caps';
import { declarationRecords } from './declarations';
import { decisionRecords } from './decisions';
import { scoreDimensions } from './dimensions';
import { findingsOf } from './findings';
import { readHistory, roleName, since, type DrillHistory } from './history';
import { standardMetrics } from './metrics';
import { rateObjective, type ScoringContext } from './objectives';
import { Overrides } from './overrides';
import { scorePosts } from './posts';
import { timelineOf } from './timeline';
import type { ActionItemSummary, ParticipantSummary, Scorecard, ScoreOptions } from './types';

/**
 * Scores one drill. Times are drill-clock ms from the drill's start, so paused time never counts; wall
 * clock times are read only for the report's date.
 *
 * @param scenario The scenario the drill ran.
 * @param events The drill's event log (any order; sorted by `seq`).
 * @param options The drill id for the scorecard, extra jargon for the rubric, war-room rubric on/off.
 */
export function score(scenario: Scenario, events: readonly DrillEvent[], options: ScoreOptions = {}): Scorecard {
  return scoreHistory(readHistory(scenario, events), options);
}

/** Scores a log already folded by `readHistory` (tests compare it with a history folded the plain way). */
export function scoreHistory(history: DrillHistory, options: ScoreOptions = {}): Scorecard {
  const { scenario } = history;
  const metrics = standardMetrics(history);
  const overrides = new Overrides(history);
  const posts = scorePosts(history, overrides, options);
  const ctx: ScoringContext = { history, metrics, posts, overrides };
  const objectives = scenario.objectives.map((o) => rateObjective(ctx, o));
  const { dimensions, weighted } = scoreDimensions(ctx, objectives);
  const cap = capOf(ctx, objectives, dimensions, weighted);
  const overall = Math.round(cap ? Math.min(weighted, cap.limit) : weighted);
  const actionItems = history.state.actionItems.map((a): ActionItemSummary => ({
    id: String(a.seq), seq: a.seq, at: since(history, a.t), text: a.text, owner: a.owner, due: a.due ?? null,
    priority: a.priority, status: a.status, finding: a.finding ?? null,
  }));
  const { strengths, improvements } = findingsOf(ctx, objectives, dimensions, actionItems, cap);
  return {
    version: 2,
    scenario: { id: scenario.id, title: scenario.title, severity: scenario.severity, durationMs: scenarioDurationMs(scenario) },
    drill: {
      id: options.drillId ?? null,
      startedAt: startedAt(history),
      durationMs: metrics.durationMs,
      status: history.state.status,
      endedReason: history.state.endedReason ?? null,
      participants: participants(history),
    },
    overall,
    cap,
    dimensions,
    objectives,
    metrics,
    posts,
    declarations: declarationRecords(history),
    decisions: decisionRecords(history),
    overrides: overrides.records(),
    strengths,
    improvements,
    actionItems,
    observations: history.state.notes.map((n) => ({ seq: n.seq, at: since(history, n.t), text: n.text, ref: n.ref ?? null })),
    timeline: timelineOf(history),
  };
}

/** Wall-clock start: the `drill.start` event's, else the first recorded one. */
function startedAt(history: DrillHistory): number | null {
  const start = history.events.find((e) => e.type === 'drill.start' && e.wall !== undefined);
  return (start ?? history.events.find((e) => e.wall !== undefined))?.wall ?? null;
}

/**
 * Who took part and the roles each held. A seat merged into another is the same person: its roles count for
 * the seat it was merged into, and it is not listed twice. A removed seat is listed only if it held a role.
 */
function participants(history: DrillHistory): ParticipantSummary[] {
  const all = Object.values(history.state.participants);
  const seatsOf = (id: string): string[] => [id, ...all.filter((p) => p.mergedInto === id).flatMap((p) => seatsOf(p.id))];
  return all.filter((p) => !p.mergedInto).map((p) => {
    const seats = new Set(seatsOf(p.id));
    return {
      id: p.id,
      name: p.name,
      roles: [...new Set(history.roleChanges.filter((c) => c.to !== null && seats.has(c.to)).map((c) => roleName(history.scenario, c.role)))],
    };
  }).filter((p) => !history.state.participants[p.id].removed || p.roles.length > 0);
}

export { compareRuns } from './trend';
export type { ComparableRun, RunComparison, ObjectiveTrend } from './trend';
export { renderReport } from './report-md';
export { RATING_NAMES, RATING_POINTS, TIME_BANDS, SCORE_BANDS } from './ratings';
export { DIMENSION_TITLES, DIMENSION_WEIGHTS, DEFAULT_TARGETS } from './dimensions';
export { CAP_LIMIT } from './caps';
export type * from './types';
