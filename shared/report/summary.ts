/**
 * The one-page summary of a drill, as plain data: what a lead reads in a minute before the details, on a
 * projector, on a phone, on page 1 of the PDF and in the first lines of the Markdown report.
 *
 * - the overall score and each dimension's, with the change since the previous run of the same scenario;
 * - the three strengths and three areas that matter most (ranked as `./ranking.ts` explains);
 * - the key decisions the team made;
 * - time to an incident commander, first status update, escalation and mitigation against their targets;
 * - the status-page cadence (for its chart) and the improvement plan grouped by finding.
 *
 * Pure: the scorecard (and, when known, the comparison of the scenario's runs) in, the summary out.
 */
import { DEFAULT_TARGETS } from '../scoring/dimensions';
import type { RunComparison } from '../scoring/trend';
import type { Severity } from '../scenario/schema';
import type { DecisionRecord, DimensionId, Gap, Rating, Scorecard } from '../scoring/types';
import { keyTimes, type KeyTime } from './key-times';
import { planGroups, type PlanGroup } from './plan';
import { RANKING_NOTE, rankAreas, topFindings, type RankedFinding } from './ranking';
import { runContext, type RunSeries } from './runs';

/** The dimension target line: every objective in it performed at least "with some challenges" (S = 75 points). */
export const DIMENSION_TARGET = 75;
/** How many decisions the summary lists (the rest are in the details). */
export const SHOWN_DECISIONS = 3;

export interface SummaryDimension {
  id: DimensionId;
  title: string;
  score: number | null;
  /** The previous run's score; `null` when there is none or it was not measured then. */
  previous: number | null;
  /** `score − previous`; `null` when either is missing. */
  change: number | null;
}

export interface KeyDecision {
  injectId: string;
  title: string;
  /** When the call reached the team (drill ms). */
  at: number;
  /** The option that stood, who chose it, when and why; `null` when nobody decided. */
  choice: { label: string; by: string; at: number; seq: number; reason: string | null; rating: Rating | null } | null;
  /** How often the team changed its mind. */
  changes: number;
}

export interface CadencePoint { at: number; seq: number; phase: string | null }

export interface Cadence {
  durationMs: number;
  /** The longest gap the scenario allows between status-page updates. */
  target: number;
  posts: CadencePoint[];
  longestGap: Gap;
}

export interface DrillSummary {
  scenario: { id: string; title: string; severity: Severity };
  drill: { id: string | null; status: Scorecard['drill']['status']; startedAt: number | null; durationMs: number };
  overall: { score: number; previous: number | null; change: number | null; cap: { limit: number; uncapped: number; failures: number } | null };
  /** Which run of the scenario this is (1 = the first scored one), and the run before it. */
  run: { number: number; previous: { drillId: string | null; startedAt: number | null } | null };
  dimensions: SummaryDimension[];
  strengths: RankedFinding[];
  areas: RankedFinding[];
  /** How the strengths and areas were chosen, for the reader. */
  ranking: string;
  decisions: KeyDecision[];
  /** Decisions not listed in the summary (see the details). */
  moreDecisions: number;
  times: KeyTime[];
  cadence: Cadence;
  /** Dimension scores across runs, ending with this one. */
  history: RunSeries;
  plan: PlanGroup[];
  /** Action items not done yet. */
  openItems: number;
}

const change = (now: number | null, before: number | null | undefined) => (now === null || before === null || before === undefined ? null : now - before);

function keyDecision(d: DecisionRecord): KeyDecision {
  const chosen = d.choice ? d.options.find((o) => o.id === d.choice?.option) : undefined;
  return {
    injectId: d.injectId, title: d.title, at: d.delivered.at,
    choice: d.choice ? { label: d.choice.label, by: d.choice.by, at: d.choice.at, seq: d.choice.seq, reason: d.choice.reason, rating: chosen?.rating ?? null } : null,
    changes: Math.max(0, d.history.length - 1),
  };
}

/** The status-page cadence: every update and the longest silence, against the cadence target. */
function cadenceOf(card: Scorecard): Cadence {
  const objective = card.objectives.filter((o) => o.measure?.kind === 'cadence' && o.measure.channel === 'status-page').sort((a, b) => a.target - b.target)[0];
  const standard = card.dimensions.flatMap((d) => d.defaults).find((m) => m.id === 'status-cadence');
  return {
    durationMs: card.drill.durationMs,
    target: objective?.target ?? standard?.target ?? DEFAULT_TARGETS.statusCadence,
    posts: card.posts.filter((p) => p.channel === 'status-page').map((p) => ({ at: p.at, seq: p.seq, phase: p.phase })),
    longestGap: card.metrics.statusPageGap,
  };
}

/**
 * The summary of `card`. `runs` compares the scenario's finished runs (as `compareRuns` or
 * `GET /api/scenarios/:id/runs` give it); without it the drill reads as the first run.
 */
export function summarize(card: Scorecard, runs?: RunComparison): DrillSummary {
  const context = runContext(card, runs);
  const prev = context.previous;
  const { strengths, areas } = topFindings(card);
  const decisions = [...card.decisions].sort((a, b) => a.delivered.at - b.delivered.at).map(keyDecision);
  const plan = planGroups(card, rankAreas(card).map((f) => f.key));
  return {
    scenario: { id: card.scenario.id, title: card.scenario.title, severity: card.scenario.severity },
    drill: { id: card.drill.id, status: card.drill.status, startedAt: card.drill.startedAt, durationMs: card.drill.durationMs },
    overall: {
      score: card.overall, previous: prev?.overall ?? null, change: change(card.overall, prev?.overall),
      cap: card.cap ? { limit: card.cap.limit, uncapped: card.cap.uncapped, failures: card.cap.reasons.length } : null,
    },
    run: { number: context.series.runs[context.series.runs.length - 1].number, previous: prev ? { drillId: prev.drillId, startedAt: prev.startedAt } : null },
    dimensions: card.dimensions.map((d) => {
      const before = prev?.dimensions[d.id] ?? null;
      return { id: d.id, title: d.title, score: d.score, previous: before, change: change(d.score, before) };
    }),
    strengths,
    areas,
    ranking: RANKING_NOTE,
    decisions: decisions.slice(0, SHOWN_DECISIONS),
    moreDecisions: Math.max(0, decisions.length - SHOWN_DECISIONS),
    times: keyTimes(card),
    cadence: cadenceOf(card),
    history: context.series,
    plan,
    openItems: card.actionItems.filter((a) => a.status !== 'done').length,
  };
}

export type { KeyTime } from './key-times';
export type { PlanGroup } from './plan';
export type { RankedFinding } from './ranking';
export type { RunSeries } from './runs';
