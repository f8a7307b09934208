/**
 * The scorer's fast paths against plain references (docs/performance.md, "Issue 13"): the items the fold appends
 * in place are the reducer's, the posts' checks are each post's own copy of what a fresh rubric says, in the
 * rubric's key order, and the timeline's post lines say what they always said. JSON strings are compared where
 * key order matters (a scorecard is served and stored as JSON). Nothing here is timed: that is the bench's job.
 */
import { describe, expect, it } from 'vitest';
import type { DrillEvent, EventOf } from '../../../shared/drill/events';
import { addedActionItem, deliveredInject } from '../../../shared/drill/records';
import { initialDrillState, reduceDrill } from '../../../shared/drill/state';
import type { Scenario } from '../../../shared/scenario/schema';
import { score, scoreHistory } from '../../../shared/scoring';
import { actorName, readHistory } from '../../../shared/scoring/history';
import { scorePost } from '../../../shared/scoring/rubric';
import { loadBundled, syntheticLog } from '../../../bench/offline';

const reduced = (scenario: Scenario, log: DrillEvent[]) =>
  [...log].sort((a, b) => a.seq - b.seq).reduce(reduceDrill, initialDrillState(scenario));

describe('the delivered inject and the added action item', () => {
  const stamp = { seq: 12, t: 34_000, by: { kind: 'system' } } as const;
  const deliveries: EventOf<'inject.delivered'>[] = [
    { ...stamp, type: 'inject.delivered', injectId: 'a', to: ['all'], channel: 'pager', title: 'Errors up', ack: true },
    // Fields present but undefined stay present, as they did with the reducer's rest destructuring.
    { ...stamp, type: 'inject.delivered', injectId: 'b', state: 'start', to: ['ic'], channel: 'chat', from: undefined, title: undefined, ack: false, wall: 5 },
    { ...stamp, type: 'inject.delivered', injectId: 'c', to: ['all'], channel: 'support', title: 'Tickets', body: 'More', ack: false, adhoc: true, telemetry: { errors: [1, 2] }, cid: 'x1' } as EventOf<'inject.delivered'>,
    { ...stamp, type: 'inject.delivered', injectId: 'd', to: ['ic'], channel: 'chat', title: 'Call?', ack: false, decision: { options: [{ id: 'go', label: 'Go' }] }, adhoc: false },
  ];

  it('is the event without its type, author, wall time and telemetry, then its seq, time and adhoc, in that key order', () => {
    for (const event of deliveries) {
      // The reducer's formula before it moved into deliveredInject.
      const { type: _type, seq: _seq, t: _t, by: _by, wall: _wall, telemetry: _telemetry, ...inject } = event;
      const plain = { ...inject, seq: event.seq, t: event.t, adhoc: event.adhoc ?? false };
      expect(deliveredInject(event)).toStrictEqual(plain);
      expect(Object.keys(deliveredInject(event))).toEqual(Object.keys(plain));
      expect(JSON.stringify(deliveredInject(event))).toBe(JSON.stringify(plain));
    }
  });

  it('adds an action item with the defaults, and a finding only when there is one', () => {
    const base = { ...stamp, by: { kind: 'participant', id: 'ann' }, type: 'action-item.add', text: 'Runbook', owner: 'Platform' } as const;
    expect(JSON.stringify(addedActionItem(base))).toBe(JSON.stringify({ seq: 12, t: 34_000, by: base.by, text: 'Runbook', owner: 'Platform', due: undefined, priority: 'medium', status: 'open' }));
    expect(Object.keys(addedActionItem(base))).toEqual(['seq', 't', 'by', 'text', 'owner', 'due', 'priority', 'status']);
    const full = { ...base, due: '2026-01-01', priority: 'high', status: 'done', finding: 'rubric:ownership' } as const;
    expect(addedActionItem(full)).toStrictEqual({ seq: 12, t: 34_000, by: base.by, text: 'Runbook', owner: 'Platform', due: '2026-01-01', priority: 'high', status: 'done', finding: 'rubric:ownership' });
  });
});

describe('score: fast paths against plain references', () => {
  const cases = ['partner-db-down', 'night-handover', 'ddos-on-sale'].map((id) => {
    const scenario = loadBundled(id);
    return { id, scenario, log: syntheticLog(scenario, 2_000, id.length + 1) };
  });

  it('gives each post what a fresh rubric says about it, in the rubric\'s key order; posts alike share those checks, frozen', () => {
    for (const { scenario, log } of cases) {
      const card = score(scenario, log, { scoreWarRoom: true });
      const options = { internalTerms: scenario['internal-terms'], facts: scenario.facts };
      const premature = card.posts.filter((p) => p.premature);
      // A fresh rubric (scorePost makes a new scorer each call), asked once per distinct post to keep this quick.
      const fresh = new Map<string, ReturnType<typeof scorePost>>();
      for (const post of card.posts) {
        const key = JSON.stringify([post.text, post.phase, post.final]);
        if (!fresh.has(key)) fresh.set(key, scorePost({ text: post.text, ...(post.phase ? { phase: post.phase } : {}), final: post.final }, options));
        const rubric = fresh.get(key)!;
        const plain = rubric.checks.map((c) => ({ ...c, override: null }));
        if (!post.premature) {
          expect(JSON.stringify(post.checks)).toBe(JSON.stringify(plain));
          expect(post.automaticScore).toBe(rubric.score);
          continue;
        }
        // A premature phase fails `facts`; every other check is the rubric's, and every key order too.
        post.checks.forEach((c, i) => {
          expect(Object.keys(c)).toEqual(Object.keys(plain[i]));
          if (c.id !== 'facts') expect(JSON.stringify(c)).toBe(JSON.stringify(plain[i]));
          else expect(c).toMatchObject({ applicable: true, passed: false, evidence: expect.arrayContaining([`phase: ${post.phase}`]) });
        });
      }
      expect(premature.length).toBeGreaterThan(0);
      // Posts alike share one set of checks, frozen with its evidence: no reader can change one post's checks
      // through another.
      const [a, b] = card.posts.filter((p) => p.text === card.posts[0].text && p.phase === card.posts[0].phase && p.premature === card.posts[0].premature);
      expect(b.checks).toBe(a.checks);
      expect(Object.isFrozen(a.checks) && a.checks.every((c) => Object.isFrozen(c) && Object.isFrozen(c.evidence))).toBe(true);
      expect(() => { (a.checks[0] as { passed: boolean }).passed = !a.checks[0].passed; }).toThrow(TypeError);
      expect(() => a.checks[0].evidence.push('edited')).toThrow(TypeError);
    }
  });

  it('writes the same timeline lines for posts, and the same scorecard JSON as a plainly folded history', () => {
    for (const { scenario, log } of cases) {
      const card = score(scenario, log);
      const state = reduced(scenario, log);
      const byLine = new Map(card.timeline.map((e) => [e.seq, e]));
      for (const event of log) {
        if (event.type === 'chat.post') expect(byLine.get(event.seq)).toStrictEqual({ seq: event.seq, at: expect.any(Number), kind: 'war-room', text: `War room, ${actorName(state, event.by)}: ${event.text}` });
        if (event.type === 'status.post') {
          expect(byLine.get(event.seq)).toMatchObject({ kind: 'status-page', text: `Status page (${event.phase}), ${actorName(state, event.by)}: ${event.text}` });
        }
        if (event.type === 'telemetry.point') expect(byLine.has(event.seq)).toBe(false);
      }
      const plain = scoreHistory({ ...readHistory(scenario, log), state });
      expect(JSON.stringify(card)).toBe(JSON.stringify(plain));
    }
  });
});
