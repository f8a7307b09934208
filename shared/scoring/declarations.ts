/**
 * Declarations on the scorecard: what the team said about the incident (mitigated, resolved, retracted) against
 * what the story says actually happened (its `fixed` states). A declaration made before the story reached a
 * `fixed` state of its level is a premature all-clear: rated U, named in the findings, and, while it stands at
 * the end, a critical failure. A scenario without `fixed` states has no premature declarations.
 */
import { formatMinutes } from '../duration';
import type { DeclarationEntry } from '../drill/state';
import { fixedRank } from '../scenario/model';
import type { Declaration } from '../scenario/schema';
import { actorName, since, type DrillHistory } from './history';
import type { DeclarationRecord, Finding, Rating } from './types';

/** The best rating a declaration can get after an earlier premature one of the same status was retracted. */
export const AFTER_RETRACTION_CAP: Rating = 'M';

const min = (ms: number) => formatMinutes(ms);

/** What the service being `level` means, in words. */
const WORKS: Record<Declaration, { only: string; never: string }> = {
  mitigated: { only: 'the service only worked again at', never: 'the service never worked again in this run' },
  resolved: { only: 'the problem was only fixed at', never: 'the problem was never fixed in this run' },
};

/** Every declaration and retraction, for the scorecard and the report. */
export function declarationRecords(history: DrillHistory): DeclarationRecord[] {
  return history.state.declarations.map((d) => ({
    seq: d.seq, at: since(history, d.t), status: d.status, action: d.action, by: actorName(history.state, d.by),
    premature: d.action === 'declare' && d.premature === true, reason: d.reason ?? null,
  }));
}

/**
 * The story's side of a premature all-clear of `level`, in words: when (or that never) the story reached a
 * `fixed` state of that level, naming the state by its id and description: `the service only worked again at
 * 15 min ("failed-over": writes flow again on the standby)`.
 */
export function whatHadNotHappened(history: DrillHistory, level: Declaration): string {
  const reached = history.fixedAt[level];
  const id = reached?.state ?? Object.entries(history.scenario.states).find(([, s]) => fixedRank(s.fixed) >= fixedRank(level))?.[0];
  const description = id ? history.scenario.states[id]?.description?.trim().replace(/\.$/, '') : undefined;
  const state = id ? ` ("${id}"${description ? `: ${description}` : ''})` : '';
  return reached ? `${WORKS[level].only} ${min(since(history, reached.at))}${state}` : `${WORKS[level].never}${state ? ` (the story never reached ${state.slice(2, -1)})` : ''}`;
}

/** The measurement behind a `declared` objective, before it is rated against its target. */
export interface DeclaredMeasurement {
  /** Drill time of the declaration it is rated on; `null` when none counts (never, retracted, or premature). */
  value: number | null;
  evidence: number[];
  /** The sentence, without its "; target …" ending. */
  text: string;
  /** Rated U whatever the time: a premature declaration stood, or none stood at the end. */
  unable: boolean;
  /** The best rating it may get (after a retracted premature declaration). */
  cap?: Rating;
}

/**
 * How a `declared` objective of `status` is measured: on the declaration that stood at the end. A premature
 * one is U (value `null`); one that follows a retracted premature one is rated on its time, at most M; none
 * standing (never declared, or retracted and not declared again) is U.
 */
export function measureDeclared(history: DrillHistory, status: Declaration): DeclaredMeasurement {
  const mine = history.state.declarations.filter((d) => d.status === status);
  const standing = history.state.declared[status];
  const at = (d: { t: number }) => min(since(history, d.t));
  if (standing?.premature) {
    return {
      value: null, evidence: [standing.seq], unable: true,
      text: `The all-clear came too early: the incident was declared ${status} at ${at(standing)}, but ${whatHadNotHappened(history, status)}`,
    };
  }
  const retracted = mine.filter((d) => d.action === 'retract');
  const earlyOnes = mine.filter((d) => d.action === 'declare' && d.premature && (!standing || d.seq < standing.seq));
  if (standing) {
    const early = earlyOnes[0];
    if (!early) return { value: since(history, standing.t), evidence: [standing.seq], unable: false, text: `The incident was declared ${status} at ${at(standing)}` };
    const retraction = retracted.find((r) => r.seq > early.seq);
    return {
      value: since(history, standing.t), evidence: [early.seq, ...(retraction ? [retraction.seq] : []), standing.seq], unable: false, cap: AFTER_RETRACTION_CAP,
      text: `The incident was declared ${status} at ${at(standing)}, after an early all-clear at ${at(early)} was retracted${retraction ? ` at ${at(retraction)}` : ''} (rated ${AFTER_RETRACTION_CAP} at best)`,
    };
  }
  const last = mine.filter((d) => d.action === 'declare').at(-1);
  if (last) {
    const retraction = retracted.find((r) => r.seq > last.seq);
    return {
      value: null, evidence: [last.seq, ...(retraction ? [retraction.seq] : [])], unable: true,
      text: `The incident was declared ${status} at ${at(last)}${retraction ? `, retracted at ${at(retraction)}` : ''} and not declared again`,
    };
  }
  return { value: null, evidence: [], unable: true, text: `The incident was never declared ${status}` };
}

/** Statuses whose standing declaration at the end was premature: critical failures unless an evaluator says otherwise. */
export function standingPremature(history: DrillHistory): { status: Declaration; seq: number; t: number }[] {
  return (['mitigated', 'resolved'] as const).flatMap((status) => {
    const d = history.state.declared[status];
    return d?.premature ? [{ status, seq: d.seq, t: d.t }] : [];
  });
}

/** Strengths: every premature declaration the team retracted, with the reason they gave. */
export function retractionStrengths(history: DrillHistory): Finding[] {
  const out: Finding[] = [];
  const standing = new Map<Declaration, DeclarationEntry>();
  for (const d of history.state.declarations) {
    if (d.action === 'declare') {
      standing.set(d.status, d);
      continue;
    }
    const declared = standing.get(d.status);
    standing.delete(d.status);
    if (!declared?.premature) continue;
    const reason = d.reason ? `, because "${d.reason.replace(/[.!]+$/, '')}"` : '';
    out.push({
      id: `declaration:retracted-${d.status}`,
      text: `The early all-clear (${d.status}, declared at ${min(since(history, declared.t))}) was retracted at ${min(since(history, d.t))}${reason}. Correcting an all-clear openly is what a good team does.`,
      dimension: 'resolution', objective: null, rating: null, evidence: [declared.seq, d.seq],
    });
  }
  return out;
}
