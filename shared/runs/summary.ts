/**
 * A finished run in a few hundred bytes: what the runs list, the trend and the comparison of runs read, kept
 * when a drill ends (and refreshed when an evaluator or the hot wash changes it after the end), so that no page
 * about a scenario's runs ever reads whole event logs.
 */
import type { ComparableRun } from '../scoring/trend';
import type { DimensionId, RatingOrNA, Scorecard } from '../scoring/types';

/** Key times of a run, drill ms since its start; `null`: it never happened. */
export interface RunTimes {
  /** The incident commander role taken up (its holder acted). */
  incidentCommander: number | null;
  firstStatusPost: number | null;
  /** The first page to a contact the scenario needs. */
  firstEscalation: number | null;
  mitigated: number | null;
  resolved: number | null;
}

export interface RunCounts {
  participants: number;
  statusPosts: number;
  warRoomPosts: number;
  pages: number;
  decisions: number;
  actionItems: number;
  /** Action items not done (open or in progress). */
  openActionItems: number;
}

export interface RunObjective { id: string; title: string; unit: 'ms' | 'score'; target: number; value: number | null; rating: RatingOrNA; points: number | null }

/** The stored summary of one ended drill. */
export interface RunSummary {
  version: 1;
  drillId: string;
  scenarioId: string;
  /** The seq of the log's latest event it reflects: a later event (an edit after the end) makes it stale. */
  seq: number;
  /** Wall ms. */
  startedAt: number | null;
  endedAt: number;
  durationMs: number;
  endedReason: Scorecard['drill']['endedReason'];
  overall: number;
  capped: boolean;
  dimensions: { id: DimensionId; title: string; score: number | null }[];
  objectives: RunObjective[];
  times: RunTimes;
  counts: RunCounts;
  /** The team: each participant's name and the roles they held (names are shown only to readers of the drill). */
  team: { name: string; roles: string[] }[];
}

/** The summary of a scorecard (`seq`: the log's latest event; `endedAt`: wall ms the drill ended). */
export function summarizeRun(card: Scorecard, meta: { drillId: string; seq: number; endedAt: number }): RunSummary {
  const m = card.metrics;
  const needed = m.contacts.filter((c) => c.needed && c.firstPaged).map((c) => c.firstPaged!.at);
  return {
    version: 1,
    drillId: meta.drillId,
    scenarioId: card.scenario.id,
    seq: meta.seq,
    startedAt: card.drill.startedAt,
    endedAt: meta.endedAt,
    durationMs: card.drill.durationMs,
    endedReason: card.drill.endedReason,
    overall: card.overall,
    capped: card.cap !== null,
    dimensions: card.dimensions.map((d) => ({ id: d.id, title: d.title, score: d.score })),
    objectives: card.objectives.map((o) => ({ id: o.id, title: o.title, unit: o.unit, target: o.target, value: o.value, rating: o.rating, points: o.points })),
    times: {
      incidentCommander: m.incidentCommander?.at ?? null,
      firstStatusPost: m.firstStatusPost?.at ?? null,
      firstEscalation: needed.length ? Math.min(...needed) : null,
      mitigated: m.mitigated?.at ?? null,
      resolved: m.resolved?.at ?? null,
    },
    counts: {
      participants: card.drill.participants.length,
      statusPosts: card.posts.filter((p) => p.channel === 'status-page').length,
      warRoomPosts: m.warRoomGap.posts,
      pages: m.contacts.reduce((n, c) => n + c.pages, 0),
      decisions: card.decisions.filter((d) => d.choice).length,
      actionItems: card.actionItems.length,
      openActionItems: card.actionItems.filter((a) => a.status !== 'done').length,
    },
    team: card.drill.participants.map((p) => ({ name: p.name, roles: p.roles })),
  };
}

/** The labels of key times, in the order pages show them. */
export const RUN_TIME_LABELS: Record<keyof RunTimes, string> = {
  incidentCommander: 'Incident commander in place',
  firstStatusPost: 'First status-page update',
  firstEscalation: 'First needed escalation',
  mitigated: 'Declared mitigated',
  resolved: 'Declared resolved',
};

/** A summary as the trend compares runs (`compareRuns`); `named`: keep its drill id (a run the reader may open). */
export function comparableRun(s: RunSummary, named: boolean): ComparableRun {
  return { scenario: { id: s.scenarioId }, drill: { id: named ? s.drillId : null, startedAt: s.startedAt }, overall: s.overall, objectives: s.objectives, dimensions: s.dimensions };
}
