/**
 * The scorecard: everything `score()` finds in one drill's event log, as plain JSON-safe data. The web
 * scorecard page, the Markdown report, the simulator and the trend view all read this shape.
 *
 * Times are drill-clock milliseconds since the drill started (paused time is never in them). `null` means
 * "never happened" (kept explicit so the JSON export says so rather than dropping the key).
 */
import type { MeasureKind, PostChannel, Severity } from '../scenario/schema';
import type { StatusPhase } from '../drill/commands';
import type { RubricCheck } from './rubric';

/** HSEEP performance ratings: Performed without challenges, with Some, with Major challenges, Unable to perform. */
export type Rating = 'P' | 'S' | 'M' | 'U';
/** `N/A` when an objective could not apply in this run (its inject was never delivered). */
export type RatingOrNA = Rating | 'N/A';

export type DimensionId = 'roles' | 'acknowledgement' | 'escalation' | 'cadence' | 'quality' | 'resolution';

/** Something that happened at a drill time, with the id (`seq`) of the log event that shows it. */
export interface Moment { at: number; seq: number }

/** A measured value rated against a target. */
export interface Rated {
  /** `ms` for times and gaps, `score` for rubric means (0–100). */
  unit: 'ms' | 'score';
  target: number;
  /** The measured time or score; `null` when it never happened. */
  value: number | null;
  rating: RatingOrNA;
  /** Points by rating (see `RATING_POINTS`); `null` when not applicable. */
  points: number | null;
  /** Ids (`seq`) of the log events that are the evidence. */
  evidence: number[];
  /** One blameless sentence: "The status page was first updated at 14 min; target 10 min." */
  summary: string;
}

export interface ObjectiveResult extends Rated {
  id: string;
  title: string;
  kind: MeasureKind;
  dimension: DimensionId;
  weight: number;
}

/** A standard metric standing in for a dimension the scenario names no objective for. */
export interface DefaultMeasure extends Rated {
  id: string;
  title: string;
}

export interface DimensionScore {
  id: DimensionId;
  title: string;
  /** 0–100, rounded; `null` when nothing in this run could be measured for it. */
  score: number | null;
  /** Its weight in the overall score: the sum of its objectives' weights, 1 for defaults, 0 when `null`. */
  weight: number;
  /** Where the score comes from: the scenario's objectives, the documented defaults, or nothing. */
  basis: 'objectives' | 'defaults' | 'none';
  objectives: string[];
  defaults: DefaultMeasure[];
}

export interface AckMetric {
  injectId: string;
  title: string;
  delivered: Moment;
  acked: Moment | null;
  /** From delivery to acknowledgement. */
  timeToAck: number | null;
  /** A real alert from monitoring delivered it (a live game day); rated exactly like a scripted inject. */
  real?: boolean;
}

/** The longest stretch without a post on one channel, counting drill start → first post and last post → end. */
export interface Gap {
  channel: PostChannel;
  ms: number;
  from: number;
  to: number;
  /** The events bounding the gap (the drill start, a post, the end); `null` where there is no such event. */
  fromSeq: number | null;
  toSeq: number | null;
  posts: number;
}

export interface ContactMetric {
  contact: string;
  name: string;
  /** The scenario needs this contact: an objective or a transition condition names them. */
  needed: boolean;
  firstPaged: Moment | null;
  pages: number;
  replied: Moment | null;
}

export interface RoleChange {
  seq: number;
  at: number;
  role: string;
  roleName: string;
  /** Participant ids; `null` for an empty role. */
  from: string | null;
  to: string | null;
  /** A role passed from one participant to another (directly, or after standing empty). */
  handover: boolean;
}

export interface RoleVacancy { role: string; roleName: string; from: number; to: number; ms: number; seq: number }

/** Metrics every drill gets, whether or not the scenario names objectives for them. */
export interface StandardMetrics {
  /** Drill time from start to end (or to the latest event of a drill still running). */
  durationMs: number;
  acks: AckMetric[];
  /** Ids of injects that needed acknowledging and never were. */
  unacknowledged: string[];
  incidentCommander: Moment | null;
  requiredRolesFilled: Moment | null;
  firstWarRoomPost: Moment | null;
  firstStatusPost: Moment | null;
  statusPageGap: Gap;
  warRoomGap: Gap;
  contacts: ContactMetric[];
  /** Pages to contacts the scenario did not need. Reported, not scored (see docs/scoring.md). */
  noisePages: Moment[];
  mitigated: Moment | null;
  resolved: Moment | null;
  roleChanges: RoleChange[];
  handovers: number;
  /** Stretches during which a required role stood empty after first being filled. */
  vacancies: RoleVacancy[];
}

export interface ScoredPost {
  seq: number;
  at: number;
  channel: PostChannel;
  phase: StatusPhase | null;
  text: string;
  /** Name of the author (the report shows who wrote it; findings never do). */
  author: string;
  final: boolean;
  score: number;
  checks: RubricCheck[];
}

export interface Finding {
  text: string;
  dimension: DimensionId | null;
  objective: string | null;
  rating: Rating | null;
  evidence: number[];
}

export interface ActionItemSummary { seq: number; at: number; text: string; owner: string; due: string | null }
export interface Observation { seq: number; at: number; text: string; ref: number | null }

export interface ParticipantSummary {
  id: string;
  name: string;
  /** Names of every role they held during the drill, in the order they took them. */
  roles: string[];
}

export type TimelineKind =
  | 'drill' | 'inject' | 'ack' | 'role' | 'war-room' | 'status-page' | 'page' | 'reply' | 'severity'
  | 'declare' | 'state' | 'note' | 'action-item' | 'fault';

export interface TimelineEntry {
  seq: number; at: number; kind: TimelineKind; text: string;
  /** About a real alert from monitoring rather than the script (a live game day). */
  real?: boolean;
}

export interface Scorecard {
  /** Bumped when a field changes meaning. */
  version: 1;
  scenario: { id: string; title: string; severity: Severity; durationMs: number };
  drill: {
    id: string | null;
    /** Wall-clock ms of the drill start (or first recorded event); `null` when the log has none. */
    startedAt: number | null;
    durationMs: number;
    status: 'lobby' | 'running' | 'paused' | 'ended';
    endedReason: 'final' | 'duration' | 'facilitator' | null;
    participants: ParticipantSummary[];
  };
  /** 0–100: dimension scores weighted by the scenario's objective weights. */
  overall: number;
  dimensions: DimensionScore[];
  objectives: ObjectiveResult[];
  metrics: StandardMetrics;
  posts: ScoredPost[];
  strengths: Finding[];
  improvements: Finding[];
  actionItems: ActionItemSummary[];
  observations: Observation[];
  timeline: TimelineEntry[];
}

export interface ScoreOptions {
  /** The drill's id, copied into the scorecard. */
  drillId?: string;
  /** Jargon the rubric flags on top of the scenario's own `internal-terms`. */
  internalTerms?: string[];
  /** Also score war-room posts with the rubric (always done when an objective rates the war room). */
  scoreWarRoom?: boolean;
}
