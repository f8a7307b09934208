import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../shared/scenario/load';
import { BASE, edit, problemsOf } from './helpers';

/** The errors of a scenario text as `line:col: message` (warnings are left out: each row is about one mistake). */
function errorsOf(text: string): string[] {
  return problemsOf(text).filter((p) => !p.includes(': warning: '));
}

/** One mistake an author makes, and the one error that must point at it. */
const BAD_FILES: { name: string; from: string; to: string; error: string }[] = [
  {
    name: "a typo'd key",
    from: '{ id: page, channel: pager, title:',
    to: '{ id: page, channel: pager, tittle:',
    error: '21:37: unknown key "tittle" in states.detection.injects[0] — did you mean "title"?',
  },
  {
    name: 'an unknown state',
    from: '{ when: { escalated: vendor }, goto: recovery }\n    after:',
    to: '{ when: { escalated: vendor }, goto: recovry }\n    after:',
    error: '24:46: state "recovry" is not defined — did you mean "recovery"?',
  },
  {
    name: 'a bad duration',
    from: 'duration: 30m',
    to: 'duration: 5 minutes',
    error: '6:11: "5 minutes" is not a duration; write it like "45s", "5m" or "1h30m"',
  },
  {
    name: 'an unreachable state',
    from: 'goto: storm',
    to: 'goto: recovery',
    error: '27:3: state "storm" cannot be reached from "detection"',
  },
  {
    name: 'no final state',
    from: 'done: { final: true }',
    to: 'done: { final: false }',
    error: '18:1: no final state: the drill can only end when its time runs out',
  },
  {
    name: 'an unknown role, with a suggestion',
    from: 'to: [comms]',
    to: 'to: [icc]',
    error: '29:33: unknown role "icc" — did you mean "ic"?',
  },
  {
    name: 'a duplicate id',
    from: '{ id: quality,',
    to: '{ id: acked,',
    error: '16:11: duplicate objective id "acked"; it is already used at line 15',
  },
  {
    name: 'an inject after the end of the drill',
    from: '{ at: 1m,',
    to: '{ at: 45m,',
    error: '22:15: inject at 45m is at or after the end of the drill (duration 30m), so it is never sent',
  },
  {
    name: 'a rubric target out of range',
    from: 'target: 70',
    to: 'target: 170',
    error: '16:77: the target of a rubric objective is a score from 0 to 100; 170 is out of range',
  },
];

describe('bad scenario files', () => {
  it('the base scenario is good, so every error below comes from its one edit', () => {
    expect(problemsOf(BASE)).toEqual([]);
  });

  it.each(BAD_FILES)('$name is reported where it is written', ({ from, to, error }) => {
    const text = edit(from, to);
    expect(errorsOf(text)).toEqual([error]);
    expect(loadScenario(text).ok).toBe(false);
  });
});
