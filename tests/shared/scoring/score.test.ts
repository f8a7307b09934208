import { describe, expect, it } from 'vitest';
import { score, type Scorecard } from '../../../shared/scoring';
import { GOLDEN } from './golden-scenario';
import { chaotic, handover, paused, silent, slow, textbook } from './teams';

const MIN = 60_000;

/** objective id → [measured value, rating]. */
const ratings = (card: Scorecard) => Object.fromEntries(card.objectives.map((o) => [o.id, [o.value, o.rating]]));
const dimensions = (card: Scorecard) => Object.fromEntries(card.dimensions.map((d) => [d.id, d.score]));

/** Everything in a scorecard that is a time, a value, a rating or a score: seqs (event ids) removed. */
function timesOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timesOnly);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value)
      .filter(([k]) => !['seq', 'fromSeq', 'toSeq', 'evidence'].includes(k))
      .map(([k, v]) => [k, timesOnly(v)]));
  }
  return value;
}

describe('score: golden drills', () => {
  it('rates a textbook team P on every objective, 100 overall', () => {
    const card = score(GOLDEN, textbook());
    // Roles count from their holders' first action: the IC acknowledges the page at 0:45, the comms lead
    // (claimed at 1:00) first posts at 5:00.
    expect(ratings(card)).toEqual({
      'page-acked': [45_000, 'P'], 'ic-named': [45_000, 'P'], 'roles-filled': [5 * MIN, 'P'],
      'first-update': [5 * MIN, 'P'], 'cadence': [11 * MIN, 'P'], 'vendor': [3 * MIN, 'P'], 'quality': [100, 'P'],
      'mitigated': [22 * MIN, 'P'],
    });
    expect(card.overall).toBe(100);
    expect(card.overall).toBeGreaterThanOrEqual(85);
    expect(dimensions(card)).toEqual({ roles: 100, acknowledgement: 100, escalation: 100, cadence: 100, quality: 100, resolution: 100, decisions: null });
    expect(card.cap).toBeNull();
    expect(card.improvements).toEqual([]);
    expect(card.drill).toMatchObject({ durationMs: 35.5 * MIN, status: 'ended', endedReason: 'final', startedAt: Date.UTC(2025, 2, 14, 18, 40) });
  });

  it('measures the textbook standard metrics exactly, with their evidence', () => {
    const { metrics: m, objectives } = score(GOLDEN, textbook());
    expect(m.acks.map((a) => [a.injectId, a.delivered.at, a.timeToAck])).toEqual([['first-page', 0, 45_000], ['failover-ask', 8 * MIN, 30_000]]);
    expect(m.unacknowledged).toEqual([]);
    expect(m.incidentCommander).toEqual({ at: 45_000, seq: 9 });
    expect(m.requiredRolesFilled).toEqual({ at: 5 * MIN, seq: 16 });
    expect(m.roles.map((r) => [r.role, r.firstHeld?.at, r.takenUp?.at])).toEqual([['ic', 30_000, 45_000], ['comms', MIN, 5 * MIN], ['ops', MIN, 3 * MIN]]);
    expect(m.firstWarRoomPost).toEqual({ at: 90_000, seq: 12 });
    expect(m.firstStatusPost).toEqual({ at: 5 * MIN, seq: 16 });
    // The status page stops counting at its "resolved" post; the war room at the resolution (the end here).
    expect(m.statusPageGap).toEqual({ channel: 'status-page', ms: 11 * MIN, from: 24 * MIN, to: 35 * MIN, fromSeq: 25, toSeq: 26, posts: 4 });
    expect(m.warRoomGap).toEqual({ channel: 'war-room', ms: 15.5 * MIN, from: 20 * MIN, to: 35.5 * MIN, fromSeq: 22, toSeq: 27, posts: 3 });
    expect(m.contacts.map((c) => [c.contact, c.needed, c.firstPaged?.at ?? null, c.pages, c.replied?.at ?? null]))
      .toEqual([['vendor', true, 3 * MIN, 1, 7 * MIN], ['vp', false, null, 0, null], ['dba', false, null, 0, null]]);
    expect(m.noisePages).toEqual([]);
    expect(m.mitigated).toEqual({ at: 22 * MIN, seq: 23 });
    expect(m.resolved).toEqual({ at: 35.5 * MIN, seq: 27 });
    // The golden scenario marks no `fixed` state: nothing is premature, as before.
    expect(m.fixed).toEqual({ mitigated: null, resolved: null });
    expect(m.handovers).toBe(0);
    expect(objectives.find((o) => o.id === 'page-acked')?.evidence).toEqual([7, 9]);
    expect(objectives.find((o) => o.id === 'quality')?.evidence).toEqual([16, 21, 25, 26]);
  });

  it('rates a slow team S nearly everywhere: 73 overall', () => {
    const card = score(GOLDEN, slow());
    // The IC claims at 4:00 but first acts (the acknowledgement) at 7:00: M. Comms claims at 9:00, first posts at 9:30.
    expect(ratings(card)).toEqual({
      'page-acked': [7 * MIN, 'S'], 'ic-named': [7 * MIN, 'M'], 'roles-filled': [9.5 * MIN, 'S'],
      'first-update': [14 * MIN, 'S'], 'cadence': [23 * MIN, 'S'], 'vendor': [14.5 * MIN, 'S'], 'quality': [56, 'S'],
      'mitigated': [55 * MIN, 'S'],
    });
    // Impact and what the team is doing, but no next-update time and no apology (55); the last, final post
    // also says nothing about customer data (58).
    expect(card.posts.map((p) => p.score)).toEqual([55, 55, 58]);
    expect(card.posts.map((p) => p.final)).toEqual([false, false, true]); // the drill ran out: its last post is final
    // roles (2×40 + 75)/3 = 51.7 (weight 1); every other dimension 75: (51.7 + 75×10)/11 = 72.9.
    expect(card.overall).toBe(73);
    expect(card.metrics.statusPageGap).toMatchObject({ from: 35 * MIN, to: 58 * MIN });
    expect(card.drill).toMatchObject({ durationMs: 60 * MIN, endedReason: 'duration' });
  });

  it('rates a silent team U on all it never did: 6 overall', () => {
    const card = score(GOLDEN, silent());
    // The IC, claimed at 6:00, is taken up by the acknowledgement at 9:00 (3× the target: M).
    expect(ratings(card)).toEqual({
      'page-acked': [9 * MIN, 'M'], 'ic-named': [9 * MIN, 'M'], 'roles-filled': [null, 'U'],
      'first-update': [null, 'U'], 'cadence': [60 * MIN, 'U'], 'vendor': [null, 'U'], 'quality': [null, 'U'],
      'mitigated': [null, 'U'],
    });
    // roles (2×40 + 0)/3 = 26.7 (weight 1) + acknowledgement 40 (weight 1); the other 9 weight points score 0.
    expect(dimensions(card)).toEqual({ roles: 27, acknowledgement: 40, escalation: 0, cadence: 0, quality: 0, resolution: 0, decisions: null });
    expect(card.overall).toBe(6);
    expect(card.cap).toMatchObject({ limit: 40, uncapped: 6 });
    expect(card.overall).toBeLessThanOrEqual(25);
    expect(card.metrics.statusPageGap).toMatchObject({ ms: 60 * MIN, from: 0, to: 60 * MIN, posts: 0 });
    expect(card.strengths).toEqual([]);
    expect(card.improvements[0].text).toBe('Critical: communication quality scored 0/100 — customers heard nothing: the status page was never updated. The overall score is held at 40 or below.');
    expect(card.improvements[1].text).toBe('The status page was never updated; target 10 min.');
  });

  it('scores a drill that never started 0', () => {
    const card = score(GOLDEN, []);
    expect(card.overall).toBe(0);
    expect(card.drill).toMatchObject({ status: 'lobby', durationMs: 0, startedAt: null });
  });

  it('rates a chaotic team on speed and words: noisy pages, an IC who acts late, posts that cap the score', () => {
    const card = score(GOLDEN, chaotic());
    // Ana claims IC at 0:20 and releases it at 3:00 without acting in it; Ben, IC from 6:00, first acts (a
    // page) at 11:00. Chen's comms role is taken up by the first status post at 13:00.
    expect(ratings(card)).toEqual({
      'page-acked': [4 * MIN, 'P'], 'ic-named': [11 * MIN, 'U'], 'roles-filled': [11 * MIN, 'S'],
      'first-update': [13 * MIN, 'S'], 'cadence': [31 * MIN, 'M'], 'vendor': [11 * MIN, 'S'], 'quality': [0, 'U'],
      'mitigated': [45 * MIN, 'S'],
    });
    // quality: both posts blame a third party and promise a fix time (each −60 twice): 0 and 0, U.
    // roles (2×0 + 75)/3 = 25; cadence (3×75 + 40)/4 = 66.25; weighted (25 + 100 + 2×75 + 2×66.25 + 0 + 2×75)/11
    // = 50.7, held at 40 by the critical quality failure.
    expect(dimensions(card)).toEqual({ roles: 25, acknowledgement: 100, escalation: 75, cadence: 66, quality: 0, resolution: 75, decisions: null });
    expect(card.cap).toMatchObject({ limit: 40, uncapped: 51 });
    expect(card.overall).toBe(40);
    expect(card.metrics.noisePages.map((p) => p.at)).toEqual([2 * MIN, 130_000, 150_000, 31 * MIN]);
    expect(card.metrics.unacknowledged).toEqual(['failover-ask']);
    expect(card.metrics.vacancies).toEqual([{ role: 'ic', roleName: 'Incident Commander', from: 3 * MIN, to: 6 * MIN, ms: 3 * MIN, seq: 14 }]);
    const texts = card.improvements.map((f) => f.text);
    expect(texts).toContain('2 of 2 status-page updates (at 13 min, 29 min) pointed at a third party ("Vendor issue", "provider is to blame", "due to an outage at our database provider").');
    expect(texts).toContain('2 of 2 status-page updates (at 13 min, 29 min) promised what nobody could know yet ("ETA for the fix", "be fixed within 30 minutes").');
    expect(texts).toContain('4 pages went to contacts this scenario did not need (VP Engineering, DBA on call); each page should carry a clear ask.');
    expect(texts).toContain('The inject "Confirm the failover" (at 16 min) was never acknowledged.');
  });

  it('does not count a page to a contact the scenario marks useful as noise (a DBA when the database is down)', () => {
    const useful = { ...GOLDEN, contacts: GOLDEN.contacts.map((c) => (c.id === 'dba' ? { ...c, useful: true } : c)) };
    const card = score(useful, chaotic());
    const log = chaotic();
    const vpPages = log.filter((e) => e.type === 'contact.page' && e.contact === 'vp').map((e) => e.seq);
    expect(vpPages.length).toBeGreaterThan(0);
    expect(card.metrics.noisePages.map((p) => p.seq)).toEqual(vpPages);
    expect(card.improvements.map((f) => f.text).join('\n')).not.toContain('DBA on call');
  });

  it('never lets paused time change a metric, rating or score', () => {
    const plain = score(GOLDEN, textbook());
    const withPauses = score(GOLDEN, paused());
    expect(withPauses.timeline.filter((e) => e.text.includes('paused'))).toHaveLength(2);
    expect(timesOnly(withPauses.metrics)).toEqual(timesOnly(plain.metrics));
    expect(timesOnly(withPauses.objectives)).toEqual(timesOnly(plain.objectives));
    expect(withPauses.dimensions).toEqual(plain.dimensions);
    expect(withPauses.overall).toBe(plain.overall);
    expect(withPauses.observations).toHaveLength(2);
  });

  it('follows role handovers: first holder counts, handovers and gaps are reported', () => {
    const card = score(GOLDEN, handover());
    const m = card.metrics;
    expect(m.roleChanges.map((c) => [c.at, c.role, c.from, c.to, c.handover])).toEqual([
      [30_000, 'ic', null, 'ana', false],
      [MIN, 'comms', null, 'ben', false],
      [MIN, 'ops', null, 'chen', false],
      [20 * MIN, 'ic', 'ana', 'dev', true],
      [25 * MIN, 'comms', 'ben', null, false],
      [27 * MIN, 'comms', null, 'chen', true],
    ]);
    expect(m.handovers).toBe(2);
    expect(m.vacancies).toEqual([{ role: 'comms', roleName: 'Communications Lead', from: 25 * MIN, to: 27 * MIN, ms: 2 * MIN, seq: 24 }]);
    expect(ratings(card)['ic-named']).toEqual([45_000, 'P']);
    expect(card.drill.participants.map((p) => [p.name, p.roles])).toEqual([
      ['Ana Silva', ['Incident Commander']], ['Ben Okoro', ['Communications Lead']],
      ['Chen Wei', ['Operations Lead', 'Communications Lead']], ['Dev Patel', ['Incident Commander']],
    ]);
    expect(card.strengths.map((f) => f.text)).toContain('The Incident Commander role was handed over at 20 min without standing empty.');
    expect(card.improvements.map((f) => f.text)).toContain('The Communications Lead role stood empty for 2 min (from 25 min to 27 min).');
  });
});

describe('score: findings are blameless', () => {
  it('never names a participant in a strength or an area for improvement', () => {
    for (const log of [textbook(), slow(), silent(), chaotic(), handover()]) {
      const card = score(GOLDEN, log);
      const findings = [...card.strengths, ...card.improvements].map((f) => f.text).join('\n');
      for (const p of card.drill.participants) {
        for (const part of p.name.split(' ')) expect(findings).not.toContain(part);
      }
      expect(findings).not.toMatch(/Dana|Okafor|Luis|Ferreira/); // contacts appear by their job title
    }
  });

  it('words a late first update with its time and target', () => {
    const card = score(GOLDEN, slow());
    expect(card.improvements.map((f) => f.text)).toContain('The status page was first updated at 14 min; target 10 min.');
  });
});

describe('score: determinism and defaults', () => {
  it('gives the same scorecard for the same log in any order', () => {
    const log = chaotic();
    expect(score(GOLDEN, [...log].reverse())).toEqual(score(GOLDEN, log));
  });

  it('scores every dimension on defaults when the scenario names no objectives', () => {
    const bare = { ...GOLDEN, objectives: [] };
    const card = score(bare, textbook());
    expect(card.dimensions.map((d) => [d.id, d.basis, d.score, d.defaults.map((m) => m.rating).join('')])).toEqual([
      ['roles', 'defaults', 100, 'P'],
      ['acknowledgement', 'defaults', 100, 'PP'],
      ['escalation', 'defaults', 100, 'P'],
      ['cadence', 'defaults', 100, 'PP'],
      ['quality', 'defaults', 100, 'P'],
      // mitigated by 30 min (P at 22), resolved by 45 min (P at 35.5)
      ['resolution', 'defaults', 100, 'PP'],
      ['decisions', 'none', null, ''],
    ]);
    expect(card.overall).toBe(100);
    expect(score(bare, silent()).overall).toBeLessThanOrEqual(25);
  });

  it('marks an ack objective N/A when its inject never arrived, and leaves it out of the score', () => {
    const scenario = { ...GOLDEN, objectives: [...GOLDEN.objectives, { id: 'storm-ack', measure: { kind: 'ack' as const, inject: 'failover-ask' }, target: '1m', weight: 5 }] };
    const card = score(scenario, silent()); // the vendor is never paged, so the failover ask never comes
    expect(card.objectives.find((o) => o.id === 'storm-ack')).toMatchObject({ rating: 'N/A', points: null, value: null });
    expect(card.overall).toBe(6);
  });
});

describe('score: posts and the rubric', () => {
  it('scores every status post; the resolved one is final and must say whether data was lost', () => {
    const card = score(GOLDEN, textbook());
    expect(card.posts.map((p) => [p.seq, p.at, p.phase, p.final, p.score, p.author])).toEqual([
      [16, 5 * MIN, 'investigating', false, 100, 'Ben Okoro'],
      [21, 15 * MIN, 'identified', false, 100, 'Ben Okoro'],
      [25, 24 * MIN, 'monitoring', false, 100, 'Ben Okoro'],
      [26, 35 * MIN, 'resolved', true, 100, 'Ben Okoro'],
    ]);
    expect(card.posts[3].checks.find((c) => c.id === 'data-loss')).toMatchObject({ applicable: true, passed: true, evidence: ['No data was lost'] });
    expect(card.posts[0].checks.find((c) => c.id === 'data-loss')).toMatchObject({ applicable: false });
  });

  it('flags the scenario\'s internal terms as jargon when asked', () => {
    const card = score(GOLDEN, textbook(), { internalTerms: ['standby'] });
    const identified = card.posts.find((p) => p.phase === 'identified')!;
    expect(identified.checks.find((c) => c.id === 'no-jargon')).toMatchObject({ passed: false, evidence: ['standby'] });
  });

  it('rates posts with the scenario\'s own internal terms and facts, and the options\' terms on top', () => {
    const scenario = { ...GOLDEN, 'internal-terms': ['standby'], facts: { 'data-lost': true } };
    const card = score(scenario, textbook(), { internalTerms: ['checkout'] });
    const identified = card.posts.find((p) => p.phase === 'identified')!;
    expect(identified.checks.find((c) => c.id === 'no-jargon')).toMatchObject({ passed: false, evidence: ['checkout', 'standby'] });
    const resolved = card.posts.find((p) => p.phase === 'resolved')!;
    expect(resolved.checks.find((c) => c.id === 'facts')).toMatchObject({ passed: false, evidence: ['No data was lost'] });
    expect(resolved.score).toBeLessThan(70);
    // Without facts the rubric checks none, and the scenario's terms alone are jargon.
    expect(score(GOLDEN, textbook()).posts[3].checks.find((c) => c.id === 'facts')).toMatchObject({ applicable: false });
  });

  it('rates war-room posts too when an objective asks for it, or when told to', () => {
    const withObjective = { ...GOLDEN, objectives: [{ id: 'room', measure: { kind: 'rubric' as const, channel: 'war-room' as const }, target: 50, weight: 1 }] };
    const card = score(withObjective, textbook());
    const room = card.posts.filter((p) => p.channel === 'war-room');
    expect(room.map((p) => [p.seq, p.final])).toEqual([[12, false], [20, false], [22, false]]);
    const mean = Math.round((10 * room.reduce((sum, p) => sum + p.score, 0)) / room.length) / 10;
    expect(card.objectives[0]).toMatchObject({ dimension: 'quality', value: mean, evidence: [12, 20, 22] });
    expect(score(GOLDEN, textbook()).posts.every((p) => p.channel === 'status-page')).toBe(true);
    expect(score(GOLDEN, textbook(), { scoreWarRoom: true }).posts).toHaveLength(7);
  });
});
