import { describe, expect, it } from 'vitest';
import { score, type Scorecard } from '../../../shared/scoring';
import { GOLDEN_FIXED } from './golden-fixed';
import { play } from './play';
import { BLAMING, declareVictory, fixedTextbook, lobbyClaimers, rewritten, start, STUFFED, TEAM } from './teams-fixed';

/**
 * A score is only as good as the worst team that can reach it: each team here games one rule of the scorecard
 * and must not get near the textbook team's 100.
 */
const objective = (card: Scorecard, id: string) => card.objectives.find((o) => o.id === id)!;
const dimension = (card: Scorecard, id: string) => card.dimensions.find((d) => d.id === id)!;

describe('teams that game the scorecard', () => {
  it('the textbook team they are measured against scores 100', () => {
    expect(score(GOLDEN_FIXED, fixedTextbook()).overall).toBe(100);
  });

  it('lobby claimers: every role claimed before the start earns nothing while its holders stay silent', () => {
    const card = score(GOLDEN_FIXED, lobbyClaimers());
    expect(objective(card, 'ic-named')).toMatchObject({ value: null, rating: 'U', summary: 'The Incident Commander role was filled at 0 min, but its holder never acted in the drill; target 3 min.' });
    expect(objective(card, 'roles-filled')).toMatchObject({ value: null, rating: 'U' });
    expect(dimension(card, 'roles').score).toBe(0);
    expect(card.overall).toBeLessThanOrEqual(25);
  });

  it('lobby claimers who then act count from their first action, not from the claim', () => {
    const card = score(GOLDEN_FIXED, play(GOLDEN_FIXED, [
      ...TEAM,
      ['0:00', 'ana', { type: 'role.claim', role: 'ic' }],
      ['0:00', 'ben', { type: 'role.claim', role: 'comms' }],
      start,
      ['7:00', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
    ], { until: '60:00' }));
    // Target 3 min, taken up at 7: late (S or worse), not the lobby's 0.
    expect(objective(card, 'ic-named').value).toBe(7 * 60_000);
    expect(objective(card, 'ic-named').rating).not.toBe('P');
    expect(objective(card, 'roles-filled')).toMatchObject({ value: null, rating: 'U' }); // comms never acted
  });

  it('declare-victory: fast at everything, all-clear before the story got there: at most 50', () => {
    const card = score(GOLDEN_FIXED, declareVictory());
    expect(card.cap!.uncapped).toBeGreaterThan(50);
    expect(card.overall).toBeLessThanOrEqual(50);
    expect(card.improvements[0].text).toContain('an all-clear that came too early');
  });

  it('keyword stuffer: textbook timing, posts of cue words: at most 50, every post at most 30', () => {
    const card = score(GOLDEN_FIXED, rewritten(STUFFED));
    expect(card.posts.every((p) => p.score <= 30)).toBe(true);
    expect(card.overall).toBeLessThanOrEqual(50);
    expect(card.improvements[0].text).toMatch(/^Critical: communication quality scored \d+\/100 — the status-page updates .*read as fragments or cue words/);
  });

  it('blame shifter: textbook timing, posts that blame the vendor, a person and "human error": at most 50', () => {
    const card = score(GOLDEN_FIXED, rewritten(BLAMING));
    expect(card.overall).toBeLessThanOrEqual(50);
    expect(card.improvements[0].text).toMatch(/^Critical: communication quality scored \d+\/100 — the status-page updates pointed at a third party; blamed a person/);
    // Everything else was textbook: the cap, not the timing, is what holds it down.
    expect(card.cap!.uncapped).toBeGreaterThan(70);
  });

  it('weighs communication quality at least as much as cadence, so good timing cannot buy back bad posts', () => {
    const weights = Object.fromEntries(score(GOLDEN_FIXED, fixedTextbook()).dimensions.map((d) => [d.id, d.weight]));
    expect(weights.quality).toBeGreaterThanOrEqual(weights.cadence);
  });
});
