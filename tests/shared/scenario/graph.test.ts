import { describe, expect, it } from 'vitest';
import { graphHealth, scenarioGraph, stateLayers, transitionPhrase, transitions } from '../../../shared/scenario/graph';
import type { Scenario } from '../../../shared/scenario/schema';

type Story = Pick<Scenario, 'initial' | 'states'>;
const state = (over: Partial<Scenario['states'][string]> = {}): Scenario['states'][string] => ({ injects: [], on: [], after: [], final: false, ...over });

const STORY: Story = {
  initial: 'detection',
  states: {
    detection: state({
      on: [{ when: { escalated: 'vendor' }, goto: 'fixing' }],
      after: [{ in: '12m', unless: { posted: 'status-page' }, goto: 'storm' }, { in: '20m', goto: 'fixing' }],
    }),
    storm: state({ on: [{ when: { all: [{ escalated: 'vendor' }, { posted: 'status-page' }] }, goto: 'fixing' }] }),
    fixing: state({ on: [{ when: { declared: 'resolved' }, goto: 'done' }] }),
    done: state({ final: true }),
  },
};

describe('scenario graph', () => {
  it('lists every transition in file order with where it is written and what it waits for, in words', () => {
    expect(transitions(STORY)).toEqual([
      { from: 'detection', to: 'fixing', kind: 'on', index: 0, condition: 'vendor paged', label: 'vendor paged' },
      { from: 'detection', to: 'storm', kind: 'after', index: 0, in: '12m', condition: 'status-page posted', label: 'after 12m unless status-page posted' },
      { from: 'detection', to: 'fixing', kind: 'after', index: 1, in: '20m', label: 'after 20m' },
      { from: 'storm', to: 'fixing', kind: 'on', index: 0, condition: 'vendor paged and status-page posted', label: 'vendor paged and status-page posted' },
      { from: 'fixing', to: 'done', kind: 'on', index: 0, condition: 'resolved declared', label: 'resolved declared' },
    ]);
    expect(transitions(STORY).map(transitionPhrase)).toContain('when vendor paged');
    expect(transitions(STORY).map(transitionPhrase)).toContain('after 12m unless status-page posted');
  });

  it('serves the same labels the API always had', () => {
    const graph = scenarioGraph(STORY);
    expect(graph.initial).toBe('detection');
    expect(graph.states).toContainEqual({ id: 'done', final: true, injects: 0 });
    expect(graph.edges[0]).toEqual({ from: 'detection', to: 'fixing', kind: 'on', label: 'vendor paged' });
  });

  it('layers states by their distance from the initial state; the unreachable come last', () => {
    const story: Story = { ...STORY, states: { ...STORY.states, orphan: state({ on: [{ when: { declared: 'resolved' }, goto: 'done' }] }) } };
    expect(Object.fromEntries(stateLayers(story))).toEqual({ detection: 0, storm: 1, fixing: 1, done: 2, orphan: 3 });
  });

  it('finds unreachable states, dead ends and states the story cannot finish from', () => {
    expect(graphHealth(STORY)).toEqual({ unreachable: [], deadEnds: [], stuck: [] });
    const story: Story = {
      initial: 'a',
      states: {
        a: state({ on: [{ when: { escalated: 'x' }, goto: 'b' }, { when: { escalated: 'y' }, goto: 'c' }, { when: { escalated: 'z' }, goto: 'd' }] }),
        b: state(),
        c: state({ after: [{ in: '5m', goto: 'c2' }] }),
        c2: state({ on: [{ when: { declared: 'mitigated' }, goto: 'c' }] }),
        d: state({ on: [{ when: { declared: 'resolved' }, goto: 'end' }] }),
        end: state({ final: true }),
        lost: state({ on: [{ when: { declared: 'resolved' }, goto: 'end' }] }),
      },
    };
    expect(graphHealth(story)).toEqual({ unreachable: ['lost'], deadEnds: ['b'], stuck: ['c', 'c2'] });
  });

  it('survives a draft: an unknown initial state and transitions to states that do not exist', () => {
    const story: Story = { initial: 'nowhere', states: { a: state({ on: [{ when: { escalated: 'x' }, goto: 'missing' }] }) } };
    expect(Object.fromEntries(stateLayers(story))).toEqual({ a: 0 });
    expect(graphHealth(story)).toEqual({ unreachable: ['a'], deadEnds: [], stuck: [] });
  });
});
