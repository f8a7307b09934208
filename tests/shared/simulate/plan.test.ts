import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenarioDir } from '../../../server/scenario-files';
import { loadScenario } from '../../../shared/scenario/load';
import { bestPath, contingencies, distancesToFinal, requirementOf } from '../../../shared/simulate/plan';
import { createRng } from '../../../shared/simulate/prng';
import { statusText } from '../../../shared/simulate/posts';
import { scorePost } from '../../../shared/scoring/rubric';

describe('requirementOf', () => {
  it('asks for every leaf of all, the first clean alternative of any, and avoids what not names', () => {
    expect(requirementOf({ all: [{ escalated: 'a' }, { posted: 'status-page' }] })).toEqual({
      do: [{ kind: 'page', contact: 'a' }, { kind: 'post', channel: 'status-page' }], avoid: [],
    });
    expect(requirementOf({ any: [{ not: { escalated: 'x' } }, { replied: 'b' }] })).toEqual({ do: [{ kind: 'page', contact: 'b' }], avoid: [] });
    expect(requirementOf({ all: [{ declared: 'mitigated' }, { not: { severity: 'SEV1' } }] })).toEqual({
      do: [{ kind: 'declare', status: 'mitigated' }], avoid: [{ kind: 'severity', severity: 'SEV1' }],
    });
  });
});

describe('the state graph', () => {
  const loaded = loadScenario(`
id: graph
version: 1
title: Graph
summary: Two ways out of the first state.
severity: SEV2
duration: 30m
roles: [{ id: ic, name: IC, required: true }]
contacts: [{ id: a, name: A, responds: 1m }, { id: b, name: B, responds: 1m }]
initial: start
states:
  start:
    on:
      - { when: { escalated: a }, goto: detour }
      - { when: { escalated: b }, goto: fix }
    after:
      - { in: 5m, unless: { posted: status-page }, goto: storm }
  detour:
    on: [{ when: { escalated: b }, goto: fix }]
  storm:
    on: [{ when: { escalated: b }, goto: fix }]
  fix:
    on: [{ when: { declared: resolved }, goto: done }]
  done: { final: true }
`);
  if (!loaded.ok) throw new Error('graph scenario does not load');
  const scenario = loaded.scenario;
  const dist = distancesToFinal(scenario);

  it('finds the shortest way to a final state', () => {
    expect(dist.get('done')).toBe(0);
    expect(dist.get('start')).toBe(2);
    expect(bestPath(scenario, dist, 'start').map((e) => e.goto)).toEqual(['fix', 'done']);
  });

  it('knows which timers are contingencies to head off', () => {
    expect(contingencies(scenario, dist, 'start').map((e) => e.goto)).toEqual(['storm']);
  });
});

describe('bot writing', () => {
  const rng = createRng(1);
  const phases = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

  it('textbook posts pass every rubric check; thin and blaming posts do not', () => {
    for (let i = 0; i < 8; i++) {
      for (const phase of phases) {
        const final = phase === 'resolved';
        const good = statusText('good', { phase, final, nextUpdateMinutes: 10 }, rng);
        expect(scorePost({ text: good, phase, final }).score, good).toBe(100);
        expect(scorePost({ text: statusText('thin', { phase, final, nextUpdateMinutes: 10 }, rng), phase, final }).score).toBeLessThan(70);
        expect(scorePost({ text: statusText('blaming', { phase, final, nextUpdateMinutes: 10 }, rng), phase, final }).score).toBeLessThan(50);
      }
    }
  });

  it.each(loadScenarioDir(join(import.meta.dirname, '../../../scenarios')).scenarios.map((s) => [s.id, s] as const))(
    'textbook posts are true to the facts of %s, and use none of its internal terms',
    (_id, scenario) => {
      const options = { facts: scenario.facts, internalTerms: scenario['internal-terms'] };
      for (let i = 0; i < 4; i++) {
        for (const phase of phases) {
          const final = phase === 'resolved';
          const good = statusText('good', { phase, final, nextUpdateMinutes: 10 }, rng, scenario.facts);
          const result = scorePost({ text: good, phase, final }, options);
          expect(result.checks.filter((c) => c.applicable && !c.passed).map((c) => c.explanation), good).toEqual([]);
        }
      }
    },
  );
});

describe('createRng', () => {
  it('repeats its sequence for a seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(createRng(43).next()).not.toBe(createRng(42).next());
  });
});
