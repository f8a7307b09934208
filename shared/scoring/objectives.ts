/**
 * Measures a scenario objective (or a default standing in for one) in a drill and rates it P/S/M/U, with the
 * events that are its evidence and one blameless sentence saying what happened against the target.
 */
import { formatMinutes, parseDuration } from '../duration';
import { objectiveTitle, scenarioInjects } from '../scenario/model';
import type { Measure, MeasureKind, Objective } from '../scenario/schema';
import { measureDeclared } from './declarations';
import { contactName, isPostSeq, type DrillHistory } from './history';
import type { Overrides } from './overrides';
import { meanScore } from './posts';
import { RATING_POINTS, rateScore, rateTime } from './ratings';
import type { DimensionId, ObjectiveResult, Rated, Rating, RoleMetric, ScoredPost, StandardMetrics } from './types';

/** Which dimension each kind of measure rolls up into. */
export const DIMENSION_OF: Record<MeasureKind, DimensionId> = {
  'ack': 'acknowledgement', 'role-filled': 'roles', 'roles-filled': 'roles', 'first-post': 'cadence',
  'cadence': 'cadence', 'escalated': 'escalation', 'declared': 'resolution', 'reached': 'resolution',
  'rubric': 'quality', 'decision': 'decisions',
  // A real alert's page is acknowledged like a scripted one (docs/game-day.md).
  'alert-ack': 'acknowledgement',
};

/** The default rubric target when a rubric objective's target is not a number. */
export const DEFAULT_RUBRIC_TARGET = 70;

export interface ScoringContext {
  history: DrillHistory;
  metrics: StandardMetrics;
  /** The scored posts, evaluators' check overrides applied. */
  posts: ScoredPost[];
  /** The evaluators' overrides in force. */
  overrides: Overrides;
}

const min = (ms: number) => formatMinutes(ms);

/** Why a required role never counted: "Scribe: filled, but its holder never acted", "Scribe: never filled". */
const idle = (r: RoleMetric) => `${r.roleName}: ${r.firstHeld ? 'filled, but its holder never acted' : 'never filled'}`;

/**
 * An objective's target in its own unit: ms for times (a bare number is read as minutes), 0–100 for rubric.
 */
export function targetOf(measure: Measure, target: Objective['target']): number {
  if (measure.kind === 'rubric') return typeof target === 'number' ? target : DEFAULT_RUBRIC_TARGET;
  return typeof target === 'number' ? target * 60_000 : parseDuration(target) ?? 0;
}

/** Measures and rates one scenario objective, and applies an evaluator's override of it. */
export function rateObjective(ctx: ScoringContext, objective: Objective): ObjectiveResult {
  const target = targetOf(objective.measure, objective.target);
  return {
    id: objective.id,
    title: objectiveTitle(ctx.history.scenario, objective.id),
    kind: objective.measure.kind,
    measure: objective.measure,
    dimension: DIMENSION_OF[objective.measure.kind],
    weight: objective.weight,
    ...ctx.overrides.rate(objective.id, rateMeasure(ctx, objective.measure, target)),
  };
}

/** Measures `measure` in the drill and rates it against `target` (ms, or 0–100 for rubric); no override. */
export function rateMeasure(ctx: ScoringContext, measure: Measure, target: number): Rated {
  const m = measureOf(ctx, measure, target);
  const base = { unit: m.unit, target, value: m.value, evidence: m.evidence, summary: m.summary, override: null };
  if (!m.applicable) return { ...base, rating: 'N/A', points: null };
  const rated = m.unable ? 'U' : m.unit === 'score' ? rateScore(m.value, target) : rateTime(m.value, target);
  const rating = m.cap && RATING_POINTS[m.cap] < RATING_POINTS[rated] ? m.cap : rated;
  return { ...base, rating, points: RATING_POINTS[rating] };
}

/** What was measured, before it is rated. */
export interface Measurement {
  unit: 'ms' | 'score';
  value: number | null;
  evidence: number[];
  summary: string;
  applicable: boolean;
  /** Rated U whatever the value (a cadence with no posts at all). */
  unable?: boolean;
  /** The best rating it can get whatever the time (a decision: the chosen option's rating). */
  cap?: Rating;
}

function measureOf({ history, metrics, posts }: ScoringContext, measure: Measure, target: number): Measurement {
  const t = min(target);
  const timed = (at: { at: number; seq: number } | null, done: (v: string) => string, never: string): Measurement => ({
    unit: 'ms', value: at?.at ?? null, evidence: at ? [at.seq] : [], applicable: true,
    summary: at ? `${done(min(at.at))}; target ${t}.` : `${never}; target ${t}.`,
  });
  switch (measure.kind) {
    case 'ack': {
      const ack = metrics.acks.find((a) => a.injectId === measure.inject);
      const title = ack?.title ?? scenarioInjects(history.scenario).get(measure.inject)?.title ?? measure.inject;
      const what = `The inject "${title}"`;
      if (!ack) return { unit: 'ms', value: null, evidence: [], applicable: false, summary: `${what} did not arrive in this run, so it could not be acknowledged.` };
      return {
        unit: 'ms', value: ack.timeToAck, applicable: true,
        evidence: [ack.delivered.seq, ...(ack.acked ? [ack.acked.seq] : [])],
        summary: ack.timeToAck !== null
          ? `${what} was acknowledged ${min(ack.timeToAck)} after it arrived; target ${t}.`
          : `${what} was never acknowledged; target ${t}.`,
      };
    }
    case 'role-filled': {
      const role = metrics.roles.find((r) => r.role === measure.role);
      const name = role?.roleName ?? measure.role;
      const held = role?.firstHeld ?? null;
      const up = role?.takenUp ?? null;
      if (up) {
        const earlier = held && held.at < up.at ? held : null;
        return {
          unit: 'ms', value: up.at, applicable: true, evidence: earlier ? [earlier.seq, up.seq] : [up.seq],
          summary: earlier
            ? `The ${name} role was filled at ${min(earlier.at)} and taken up at ${min(up.at)}, when its holder first acted; target ${t}.`
            : `The ${name} role was taken up at ${min(up.at)}; target ${t}.`,
        };
      }
      return {
        unit: 'ms', value: null, applicable: true, evidence: held ? [held.seq] : [],
        summary: held ? `The ${name} role was filled at ${min(held.at)}, but its holder never acted in the drill; target ${t}.` : `The ${name} role was never filled; target ${t}.`,
      };
    }
    case 'roles-filled': {
      const required = metrics.roles.filter((r) => r.required);
      const names = required.map((r) => r.roleName).join(', ') || 'none';
      const missing = required.filter((r) => !r.takenUp).map(idle);
      return timed(metrics.requiredRolesFilled, (v) => `Every required role (${names}) was taken up at ${v}`,
        missing.length ? `Not every required role was taken up (${missing.join('; ')})` : 'The required roles were never all taken up at once');
    }
    case 'first-post':
      return measure.channel === 'status-page'
        ? timed(metrics.firstStatusPost, (v) => `The status page was first updated at ${v}`, 'The status page was never updated')
        : timed(metrics.firstWarRoomPost, (v) => `The war room's first post came at ${v}`, 'The war room had no posts');
    case 'cadence': {
      const gap = measure.channel === 'status-page' ? metrics.statusPageGap : metrics.warRoomGap;
      const channel = measure.channel === 'status-page' ? 'status-page update' : 'war-room post';
      const evidence = [gap.fromSeq, gap.toSeq].filter((s): s is number => s !== null);
      if (gap.posts === 0) {
        return { unit: 'ms', value: gap.ms, evidence, applicable: true, unable: true,
          summary: `There was no ${channel} in ${min(gap.ms)} of drill; target at most ${t} between updates.` };
      }
      const from = gap.fromSeq !== null && isPostSeq(history, gap.fromSeq) ? min(gap.from) : 'the start';
      const to = gap.toSeq !== null && isPostSeq(history, gap.toSeq) ? min(gap.to) : 'the end';
      return { unit: 'ms', value: gap.ms, evidence, applicable: true,
        summary: `The longest stretch without a ${channel} was ${min(gap.ms)} (from ${from} to ${to}); target ${t}.` };
    }
    case 'escalated': {
      const contact = metrics.contacts.find((c) => c.contact === measure.contact);
      const name = contactName(history.scenario, measure.contact);
      return timed(contact?.firstPaged ?? null, (v) => `${name} was first paged at ${v}`, `${name} was never paged`);
    }
    case 'declared': {
      const d = measureDeclared(history, measure.status);
      return { unit: 'ms', value: d.value, evidence: d.evidence, applicable: true, unable: d.unable, ...(d.cap ? { cap: d.cap } : {}), summary: `${d.text}; target ${t}.` };
    }
    case 'reached':
      return timed(history.entered.get(measure.state) ?? null, (v) => `The drill reached "${measure.state}" at ${v}`, `The drill never reached "${measure.state}"`);
    case 'rubric': {
      const rated = posts.filter((p) => p.channel === measure.channel);
      const value = meanScore(posts, measure.channel);
      const what = measure.channel === 'status-page' ? 'status-page update' : 'war-room post';
      const summary = value === null ? `There were no ${what}s to rate; target ${target}.`
        : rated.length === 1 ? `The one ${what} scored ${value}/100 on the communication rubric; target ${target}.`
          : `The ${rated.length} ${what}s averaged ${value}/100 on the communication rubric; target ${target}.`;
      return { unit: 'score', value, evidence: rated.map((p) => p.seq), applicable: true, summary };
    }
    case 'alert-ack': {
      // Every inject the rule's real alerts delivered: from the first arrival to the first acknowledgement of any.
      const delivered = history.state.injects.filter((i) => i.alert?.rule === measure.rule);
      const what = `The first real alert of rule "${measure.rule}"`;
      if (!delivered.length) return { unit: 'ms', value: null, evidence: [], applicable: false, summary: `No real alert of rule "${measure.rule}" came in this run (a simulation or a tabletop gets none).` };
      const first = delivered[0];
      const ack = delivered.map((i) => history.state.acks[i.injectId]).filter((a) => a !== undefined).sort((a, b) => a.seq - b.seq)[0];
      const value = ack ? Math.max(0, ack.t - first.t) : null;
      return {
        unit: 'ms', value, applicable: true, evidence: [first.seq, ...(ack ? [ack.seq] : [])],
        summary: value !== null
          ? `${what} ("${first.title ?? first.injectId}") was acknowledged ${min(value)} after it arrived; target ${t}.`
          : `${what} ("${first.title ?? first.injectId}") was never acknowledged; target ${t}.`,
      };
    }
    case 'decision': {
      const inject = scenarioInjects(history.scenario).get(measure.inject);
      const what = `The call on "${inject?.title ?? measure.inject}"`;
      const delivered = history.deliveries.get(measure.inject);
      if (!delivered) return { unit: 'ms', value: null, evidence: [], applicable: false, summary: `${what} did not come up in this run.` };
      // Rules lock a decision when it closes, so the current choice is the one that stood.
      const choice = history.state.decisions[measure.inject]?.choice;
      if (!choice) return { unit: 'ms', value: null, evidence: [delivered.seq], applicable: true, unable: true, summary: `${what} was never made; target ${t}.` };
      const option = inject?.decision?.options.find((o) => o.id === choice.option);
      const value = Math.max(0, choice.t - delivered.t);
      return {
        unit: 'ms', value, evidence: [delivered.seq, choice.seq], applicable: true, ...(option ? { cap: option.rating } : {}),
        summary: `${what} was "${option?.label ?? choice.option}"${option ? ` (rated ${option.rating}: ${option.why})` : ''}, ${min(value)} after it arrived; target ${t}.`,
      };
    }
  }
}
