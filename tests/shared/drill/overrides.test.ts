import { describe, expect, it } from 'vitest';
import { EvaluatorCommand, FacilitatorCommand, type Actor, type DrillCommand } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import { canSee, viewOf } from '../../../shared/drill/view';
import { facilitator, MIN, must, ofType, player, startedDrill, TEAM, tinyScenario, refused } from './helpers';

const scenario = tinyScenario(`
  start:
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);
const observer: Actor = { kind: 'observer' };
const rate = (objective: string, rating: 'P' | 'S' | 'M' | 'U' | 'N/A' | null, note = 'Seen in the room'): DrillCommand =>
  ({ type: 'score.override', target: { objective }, value: rating === null ? null : { rating }, note });
const check = (post: number, id: string, passed: boolean | null, note = 'The wording owns it'): DrillCommand =>
  ({ type: 'score.override', target: { post, check: id }, value: passed === null ? null : { passed }, note });

describe('score overrides', () => {
  it('are the facilitator\'s in every phase of the drill, before the start and after the end included', () => {
    const drill = new Drill(scenario);
    must(drill, rate('mitigated', 'S'), facilitator);
    must(drill, { type: 'drill.start' }, facilitator);
    must(drill, { type: 'drill.pause' }, facilitator, MIN);
    must(drill, rate('mitigated', 'M'), facilitator);
    must(drill, { type: 'drill.end' }, facilitator);
    must(drill, rate('mitigated', null, 'Back to the automatic rating'), facilitator);
    expect(drill.state.overrides.map((o) => o.value)).toEqual([{ rating: 'S' }, { rating: 'M' }, null]);
  });

  it('are an observer\'s only while the facilitator allows it', () => {
    const drill = startedDrill(scenario, TEAM);
    refused(drill, rate('mitigated', 'S'), observer, 'forbidden', /has not allowed observers/);
    refused(drill, { type: 'evaluators.set', observers: true }, observer, 'forbidden', /Only the facilitator/);
    must(drill, { type: 'evaluators.set', observers: true }, facilitator, MIN);
    refused(drill, { type: 'evaluators.set', observers: true }, facilitator, 'conflict', /Observers may already override scores/);
    must(drill, rate('mitigated', 'S'), observer);
    expect(drill.state.overrides[0].by).toEqual(observer);
    must(drill, { type: 'drill.end' }, facilitator);
    must(drill, rate('resolved', 'U'), observer); // the debrief goes on after the end
    must(drill, { type: 'evaluators.set', observers: false }, facilitator);
    refused(drill, rate('resolved', 'P'), observer, 'forbidden');
  });

  it('are never a participant\'s', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'evaluators.set', observers: true }, facilitator);
    refused(drill, rate('mitigated', 'P'), player('ann'), 'forbidden', /Only the facilitator \(and observers the facilitator allows\)/);
  });

  it('of a rubric check name a post of the drill', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'status.post', phase: 'investigating', text: 'We are looking into failed payments.' }, player('bea'), MIN);
    const post = drill.state.posts[0].seq;
    refused(drill, check(post + 1, 'ownership', true), facilitator, 'not-found', new RegExp(`no post #${post + 1}`));
    must(drill, check(post, 'ownership', true), facilitator);
    expect(drill.state.overrides.at(-1)).toMatchObject({ target: { post, check: 'ownership' }, value: { passed: true }, note: 'The wording owns it' });
  });

  it('can be cleared only when there is one', () => {
    const drill = startedDrill(scenario, TEAM);
    refused(drill, rate('mitigated', null), facilitator, 'conflict', /no override of this to clear/);
    must(drill, rate('mitigated', 'U'), facilitator);
    refused(drill, rate('resolved', null), facilitator, 'conflict');
    must(drill, rate('mitigated', null), facilitator);
  });

  it('are validated: a rating for an objective, passed for a check, and a note', () => {
    const ok = (command: unknown) => EvaluatorCommand.safeParse(command).success;
    expect(ok({ type: 'score.override', target: { objective: 'mitigated' }, value: { rating: 'N/A' }, note: 'Not played' })).toBe(true);
    expect(ok({ type: 'score.override', target: { objective: 'mitigated' }, value: { passed: true }, note: 'x' })).toBe(false);
    expect(ok({ type: 'score.override', target: { post: 4, check: 'impact' }, value: { rating: 'P' }, note: 'x' })).toBe(false);
    expect(ok({ type: 'score.override', target: { post: 4, check: 'impact' }, value: null, note: 'x' })).toBe(true);
    expect(ok({ type: 'score.override', target: { objective: 'mitigated' }, value: { rating: 'A' }, note: 'x' })).toBe(false);
    expect(ok({ type: 'score.override', target: { objective: 'mitigated' }, value: { rating: 'P' } })).toBe(false);
    expect(ok({ type: 'score.override', target: { objective: 'mitigated' }, value: { rating: 'P' }, note: '  ' })).toBe(false);
    expect(ok({ type: 'score.override', target: { objective: 'mitigated' }, value: { rating: 'P' }, note: 'x'.repeat(1001) })).toBe(false);
    expect(ok({ type: 'score.override', target: { post: 0, check: 'impact' }, value: null, note: 'x' })).toBe(false);
    expect(ok({ type: 'score.override', target: { objective: 'mitigated', post: 3 }, value: null, note: 'x' })).toBe(false);
    expect(FacilitatorCommand.safeParse({ type: 'evaluators.set', observers: 'yes' }).success).toBe(false);
  });

  it('are for staff eyes: participants see neither the overrides nor the setting', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'evaluators.set', observers: true }, facilitator, MIN);
    must(drill, rate('mitigated', 'S'), observer, MIN);
    const ann = { kind: 'participant', id: 'ann' } as const;
    for (const event of [...ofType(drill.log, 'score.override'), ...ofType(drill.log, 'evaluators.set')]) {
      expect(canSee(event, ann, drill.state)).toBe(false);
      expect(canSee(event, { kind: 'observer' }, drill.state)).toBe(true);
    }
    expect(viewOf(drill.state, ann)).toMatchObject({ overrides: [], evaluators: { observers: false } });
    expect(viewOf(drill.state, { kind: 'facilitator' }).overrides).toHaveLength(1);
  });
});
