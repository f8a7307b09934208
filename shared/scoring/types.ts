/**
 * The scorecard: everything `score()` finds in one drill's event log, as plain JSON-safe data. The web
 * scorecard page, the Markdown report, the simulator and the trend view all read this shape.
 *
 * Times are drill-clock milliseconds since the drill started (paused time is never in them). `null` means
 * "never happened" (kept explicit so the JSON export says so rather than dropping the key).
 */
import type { Declaration, Measure, MeasureKind, PostChannel, Severity } from '../scenario/schema';
import type { OverrideTarget, OverrideValue, StatusPhase } from '../drill/commands';
import type { RubricCheck } from './rubric';

/** HSEEP performance ratings: Performed without challenges, with Some, with Major challenges, Unable to perform. */
export type Rating = 'P' | 'S' | 'M' | 'U';
/** `N/A` when an objective could not apply in this run (its inject was never delivered). */
export type RatingOrNA = Rating | 'N/A';

export type DimensionId = 'roles' | 'acknowledgement' | 'escalation' | 'cadence' | 'quality' | 'resolution' | 'decisions';

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
  /** An evaluator's override of the rating (`rating` and `points` above are then the overridden ones). */
  override: RatingOverride | null;
}

/** Who overrode an automatic value, when (drill ms since the start), and why. */
export interface Evaluation {
  /** The `score.override` event. */
  seq: number;
  at: number;
  /** "Facilitator" or "Observer". */
  by: string;
  note: string;
}

/** An evaluator's rating in place of the automatic one. */
export interface RatingOverride extends Evaluation {
  automatic: RatingOrNA;
  rating: RatingOrNA;
}

/** An evaluator's verdict on one rubric check of one post, in place of the automatic one. */
export interface CheckOverride extends Evaluation {
  automatic: boolean;
  passed: boolean;
}

/** A rubric check as the scorecard shows it: `passed` is the evaluator's verdict when overridden. */
export interface ScoredCheck extends RubricCheck {
  override: CheckOverride | null;
}

export interface ObjectiveResult extends Rated {
  id: string;
  title: string;
  kind: MeasureKind;
  /** What the objective measures (the scenario's `measure`): the summary finds its key times by it. */
  measure: Measure;
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
  /** Its weight in the overall score (`DIMENSION_WEIGHTS`); 0 when `score` is `null`. */
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
  /** The scenario marks paging this contact as sensible (`useful: true`): never a noise page. */
  useful: boolean;
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

/** When a role was first held, and when it was first taken up: its holder acted in the drill while holding it. */
export interface RoleMetric {
  role: string;
  roleName: string;
  required: boolean;
  firstHeld: Moment | null;
  /** The holder's first team action after the start while holding the role; a lobby claim alone is not enough. */
  takenUp: Moment | null;
}

export interface RoleVacancy { role: string; roleName: string; from: number; to: number; ms: number; seq: number }

/** Metrics every drill gets, whether or not the scenario names objectives for them. */
export interface StandardMetrics {
  /** Drill time from start to end (or to the latest event of a drill still running). */
  durationMs: number;
  acks: AckMetric[];
  /** Ids of injects that needed acknowledging and never were. */
  unacknowledged: string[];
  /** When the incident commander role was first taken up (its holder acted). */
  incidentCommander: Moment | null;
  /** The first moment every required role was taken up at once (the start, if none is required). */
  requiredRolesFilled: Moment | null;
  roles: RoleMetric[];
  firstWarRoomPost: Moment | null;
  firstStatusPost: Moment | null;
  statusPageGap: Gap;
  warRoomGap: Gap;
  contacts: ContactMetric[];
  /** Pages to contacts the scenario neither needs nor marks `useful`. Reported, not scored (see docs/scoring.md). */
  noisePages: Moment[];
  /** The mitigated declaration that stood at the end (a resolved one never counts for it); `null` when none stood. */
  mitigated: Moment | null;
  /** The resolved declaration that stood at the end. */
  resolved: Moment | null;
  /** When the story first reached a `fixed` state of each level (resolved implies mitigated); `null` without one. */
  fixed: { mitigated: Moment | null; resolved: Moment | null };
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
  /** The rubric score, recomputed from the checks as evaluators overrode them. */
  score: number;
  /** The score before any evaluator override. */
  automaticScore: number;
  /**
   * A status post whose phase says the service works again (`monitoring`) or is fixed (`resolved`) before the
   * story reached a `fixed` state of that level: its `facts` check fails.
   */
  premature: boolean;
  /** Frozen, and shared by posts with the same wording, phase, finality and premature level. */
  checks: readonly ScoredCheck[];
}

export interface Finding {
  /**
   * Stable across runs of the same scenario, so an action item can answer it and two runs can be compared:
   * `objective:<id>`, `default:<dimension>:<measure>`, `critical:premature-<status>`, `critical:quality`,
   * `rubric:<check>`, `rubric:premature-phase`, `rubric:passed`, `roles:handover:<role>`, `roles:vacancy:<role>`,
   * `ack:<inject>`, `escalation:noise-pages`, `cadence:no-war-room`, `declaration:retracted-<status>`,
   * `plan:none`, `plan:dated`, `plan:undated` (docs/scoring.md, "Findings").
   */
  id: string;
  text: string;
  dimension: DimensionId | null;
  objective: string | null;
  rating: Rating | null;
  evidence: number[];
}

/** An action item with the latest values after every `action-item.update`. */
export interface ActionItemSummary {
  /** The seq of its `action-item.add`, as text: what `action-item.update` names. */
  id: string;
  seq: number;
  at: number;
  text: string;
  owner: string;
  /** YYYY-MM-DD; drills logged before action items v2 may hold free text. */
  due: string | null;
  priority: 'high' | 'medium' | 'low';
  status: 'open' | 'in-progress' | 'done';
  /** The finding it answers (`Finding.id`), if any. */
  finding: string | null;
}
export interface Observation { seq: number; at: number; text: string; ref: number | null }

export interface ParticipantSummary {
  id: string;
  name: string;
  /** Names of every role they held during the drill, in the order they took them. */
  roles: string[];
}

export type TimelineKind =
  | 'drill' | 'inject' | 'ack' | 'role' | 'war-room' | 'status-page' | 'page' | 'reply' | 'severity'
  | 'declare' | 'retract' | 'decision' | 'state' | 'note' | 'action-item' | 'fault';

/** One declaration or retraction of mitigated/resolved. */
export interface DeclarationRecord {
  seq: number;
  at: number;
  status: Declaration;
  action: 'declare' | 'retract';
  /** Who: a participant's name, or "Facilitator". */
  by: string;
  /** A declaration made before the story reached a `fixed` state of its level (always false without `fixed` states). */
  premature: boolean;
  /** Why it was retracted (retractions only). */
  reason: string | null;
}

/** One choice made on a decision inject. */
export interface DecisionChoice { seq: number; at: number; option: string; label: string; by: string; reason: string | null }

/** A decision inject that reached the team: the options with the author's ratings, and what was chosen. */
export interface DecisionRecord {
  injectId: string;
  title: string;
  delivered: Moment;
  /** When the story moved on (or the drill ended) and the choice locked. */
  closed: Moment | null;
  options: { id: string; label: string; rating: Rating; why: string; chosen: boolean }[];
  /** The choice that stood; `null` when nobody decided. */
  choice: DecisionChoice | null;
  /** Every choice in order, changes included. */
  history: DecisionChoice[];
}

/** A `score.override` event and what became of it. */
export interface OverrideRecord {
  seq: number;
  at: number;
  by: string;
  target: OverrideTarget;
  value: OverrideValue;
  note: string;
  /**
   * `applied`: the latest for its target and in force; `superseded`: a later override of the same target
   * replaced it; `cleared`: a `null` value that returned the target to its automatic value; `no-target`: the
   * scorecard has no such objective, rated post or check.
   */
  status: 'applied' | 'superseded' | 'cleared' | 'no-target';
}

/** A critical failure holds the overall score down, whatever the rest scored. */
export interface OverallCap {
  /** The most the overall can be: the points of an M rating (performed with major challenges). */
  limit: number;
  /** The weighted mean before the cap. */
  uncapped: number;
  /** The failures, worded as in the areas for improvement. */
  reasons: Finding[];
}

export interface TimelineEntry {
  seq: number; at: number; kind: TimelineKind; text: string;
  /** About a real alert from monitoring rather than the script (a live game day). */
  real?: boolean;
}

export interface Scorecard {
  /** Bumped when a field changes meaning. */
  version: 2;
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
  /** 0–100: the dimension scores weighted by `DIMENSION_WEIGHTS`, held down by `cap`. */
  overall: number;
  /** Set when a critical failure holds the overall down (see docs/scoring.md). */
  cap: OverallCap | null;
  dimensions: DimensionScore[];
  objectives: ObjectiveResult[];
  metrics: StandardMetrics;
  posts: ScoredPost[];
  /** Every declaration and retraction, in order. */
  declarations: DeclarationRecord[];
  /** Every decision inject that reached the team. */
  decisions: DecisionRecord[];
  /** Every evaluator override, in order (the latest per target is in force). */
  overrides: OverrideRecord[];
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
