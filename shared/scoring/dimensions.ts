/**
 * Dimensions: objectives roll up by measure kind into seven 0–100 scores (weighted within a dimension by the
 * scenario's objective weights), and those into the overall score with Firedrill's own dimension weights
 * (DIMENSION_WEIGHTS: what drills teach, the same for every scenario). A dimension the scenario names no
 * objective for is scored from standard measures against default targets (DEFAULT_TARGETS).
 */
import { scenarioDurationMs } from '../scenario/model';
import type { Measure } from '../scenario/schema';
import { incidentCommanderRole } from './metrics';
import { DEFAULT_RUBRIC_TARGET, rateMeasure, type ScoringContext } from './objectives';
import type { DefaultMeasure, DimensionId, DimensionScore, ObjectiveResult } from './types';

export const DIMENSION_TITLES: Record<DimensionId, string> = {
  roles: 'Roles',
  acknowledgement: 'Acknowledgement',
  escalation: 'Escalation',
  cadence: 'Communication cadence',
  quality: 'Communication quality',
  resolution: 'Resolution',
  decisions: 'Decisions',
};
export const DIMENSIONS = Object.keys(DIMENSION_TITLES) as DimensionId[];

/**
 * Each dimension's weight in the overall score (docs/scoring.md, "Why these weights"). Claiming roles and
 * acknowledging injects are hygiene: needed, cheap, easy to fake. Escalating, keeping customers informed,
 * declaring honestly and making the calls are the work. What customers read weighs most: owning the failure
 * and saying plainly what is happening is the first lesson of every incident review.
 */
export const DIMENSION_WEIGHTS: Record<DimensionId, number> = {
  roles: 1, acknowledgement: 1, escalation: 2, cadence: 2, quality: 3, resolution: 2, decisions: 2,
};

const MINUTE = 60_000;

/** Targets used when a scenario names no objective for a dimension. Documented in docs/scoring.md. */
export const DEFAULT_TARGETS = {
  requiredRoles: 5 * MINUTE,
  incidentCommander: 3 * MINUTE,
  ack: 5 * MINUTE,
  escalation: 10 * MINUTE,
  firstStatusPost: 10 * MINUTE,
  statusCadence: 20 * MINUTE,
  rubric: DEFAULT_RUBRIC_TARGET,
  /** Shares of the scenario's duration. */
  mitigatedShare: 0.5,
  resolvedShare: 0.75,
  decision: 10 * MINUTE,
} as const;

interface DefaultSpec { id: string; title: string; measure: Measure; target: number }

/** The standard measures that stand in for a dimension without objectives; empty when none applies. */
function defaultSpecs(ctx: ScoringContext, dimension: DimensionId): DefaultSpec[] {
  const { scenario } = ctx.history;
  switch (dimension) {
    case 'roles': {
      if (scenario.roles.some((r) => r.required)) {
        return [{ id: 'required-roles', title: 'Every required role is held', measure: { kind: 'roles-filled' }, target: DEFAULT_TARGETS.requiredRoles }];
      }
      const ic = incidentCommanderRole(scenario);
      return ic ? [{ id: 'incident-commander', title: 'An incident commander is named', measure: { kind: 'role-filled', role: ic }, target: DEFAULT_TARGETS.incidentCommander }] : [];
    }
    case 'acknowledgement':
      return ctx.metrics.acks.map((a) => ({ id: `ack-${a.injectId}`, title: `"${a.title}" is acknowledged`, measure: { kind: 'ack', inject: a.injectId }, target: DEFAULT_TARGETS.ack }));
    case 'escalation':
      return ctx.metrics.contacts.filter((c) => c.needed)
        .map((c) => ({ id: `page-${c.contact}`, title: `${c.name} is paged`, measure: { kind: 'escalated', contact: c.contact }, target: DEFAULT_TARGETS.escalation }));
    case 'cadence':
      return [
        { id: 'first-status-post', title: 'First status-page update', measure: { kind: 'first-post', channel: 'status-page' }, target: DEFAULT_TARGETS.firstStatusPost },
        { id: 'status-cadence', title: 'Status page updated at a steady cadence', measure: { kind: 'cadence', channel: 'status-page' }, target: DEFAULT_TARGETS.statusCadence },
      ];
    case 'quality':
      return [{ id: 'status-rubric', title: 'Quality of status-page updates', measure: { kind: 'rubric', channel: 'status-page' }, target: DEFAULT_TARGETS.rubric }];
    case 'resolution': {
      const duration = scenarioDurationMs(scenario);
      return [
        { id: 'mitigated', title: 'Incident declared mitigated', measure: { kind: 'declared', status: 'mitigated' }, target: Math.round(duration * DEFAULT_TARGETS.mitigatedShare) },
        { id: 'resolved', title: 'Incident declared resolved', measure: { kind: 'declared', status: 'resolved' }, target: Math.round(duration * DEFAULT_TARGETS.resolvedShare) },
      ];
    }
    case 'decisions':
      return [...ctx.history.deliveries.values()].filter((d) => d.decision).map((d) => ({
        id: `decide-${d.injectId}`, title: `The call on "${d.title ?? d.injectId}"`, measure: { kind: 'decision', inject: d.injectId }, target: DEFAULT_TARGETS.decision,
      }));
  }
}

/** Weighted mean of points, unrounded; `null` when nothing has weight. */
function weightedMean(items: { points: number | null; weight: number }[]): number | null {
  const scored = items.filter((i) => i.points !== null && i.weight > 0);
  const total = scored.reduce((sum, i) => sum + i.weight, 0);
  return total === 0 ? null : scored.reduce((sum, i) => sum + i.weight * (i.points as number), 0) / total;
}

/**
 * Scores the seven dimensions from the rated objectives, falling back to defaults (evaluators' overrides
 * applied) where none apply. `weighted` is the overall before any cap, unrounded.
 */
export function scoreDimensions(ctx: ScoringContext, objectives: ObjectiveResult[]): { dimensions: DimensionScore[]; weighted: number } {
  const raw = DIMENSIONS.map((id) => {
    const own = objectives.filter((o) => o.dimension === id);
    const applicable = own.filter((o) => o.points !== null);
    const base = { id, title: DIMENSION_TITLES[id], objectives: own.map((o) => o.id) };
    if (applicable.length) return { ...base, exact: weightedMean(applicable), basis: 'objectives' as const, defaults: [] };
    const defaults: DefaultMeasure[] = defaultSpecs(ctx, id).map((d) => ({ id: d.id, title: d.title, ...ctx.overrides.rate(d.id, rateMeasure(ctx, d.measure, d.target)) }));
    const exact = weightedMean(defaults.map((d) => ({ points: d.points, weight: 1 })));
    return { ...base, exact, basis: exact === null ? 'none' as const : 'defaults' as const, defaults };
  });
  const weights = raw.map((d) => (d.exact === null ? 0 : DIMENSION_WEIGHTS[d.id]));
  const weighted = weightedMean(raw.map((d, i) => ({ points: d.exact, weight: weights[i] })));
  const dimensions = raw.map(({ exact, ...d }, i): DimensionScore => ({ ...d, score: exact === null ? null : Math.round(exact), weight: weights[i] }));
  return { dimensions, weighted: weighted ?? 0 };
}

