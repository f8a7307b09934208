/**
 * Decisions on the scorecard: each decision inject that reached the team, with the options and the author's
 * ratings and reasons (never shown to the team during the drill), the choice that stood, who made it and the
 * rationale they typed, and every change of mind.
 */
import type { Choice } from '../drill/state';
import { scenarioInjects } from '../scenario/model';
import { actorName, since, type DrillHistory } from './history';
import type { DecisionChoice, DecisionRecord } from './types';

/** Every decision inject delivered in the drill, in the order they first arrived. */
export function decisionRecords(history: DrillHistory): DecisionRecord[] {
  const delivered = [...history.deliveries.values()].filter((d) => d.decision);
  if (delivered.length === 0) return [];
  const scripted = scenarioInjects(history.scenario);
  return delivered.map((d): DecisionRecord => {
    const options = scripted.get(d.injectId)?.decision?.options ?? [];
    const state = history.state.decisions[d.injectId];
    const label = (option: string) => options.find((o) => o.id === option)?.label ?? d.decision?.options.find((o) => o.id === option)?.label ?? option;
    const choiceOf = (c: Choice): DecisionChoice => ({
      seq: c.seq, at: since(history, c.t), option: c.option, label: label(c.option), by: actorName(history.state, c.by), reason: c.reason ?? null,
    });
    const choice = state?.choice ? choiceOf(state.choice) : null;
    return {
      injectId: d.injectId,
      title: d.title ?? d.injectId,
      delivered: { at: since(history, d.t), seq: d.seq },
      closed: state?.closed ? { at: since(history, state.closed.t), seq: state.closed.seq } : null,
      options: options.map((o) => ({ id: o.id, label: o.label, rating: o.rating, why: o.why, chosen: choice?.option === o.id })),
      choice,
      history: (state?.history ?? []).map(choiceOf),
    };
  });
}
