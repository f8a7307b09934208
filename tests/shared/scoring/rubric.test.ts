import { describe, expect, it } from 'vitest';
import {
  CONTENT_CAP, EARN_POINTS, MISTAKE_POINTS, RUBRIC_CHECK_TITLES, postScorer, scorePost,
} from '../../../shared/scoring/rubric';
import { createRng } from '../../../shared/simulate/prng';
import { assertCase, check, scorerAgrees, TEXTBOOK_INVESTIGATING, TEXTBOOK_RESOLVED, withMistake, type Case } from './rubric-cases';

// Every post quoted in issue #10, with the outcome the issue demands.
const ISSUE_10: Case[] = [
  {
    name: 'issue #10: "Not sure yet, likely human error on the ops team…" blames a person, hedged or not',
    post: { phase: 'identified', text: withMistake('Not sure yet, likely human error on the ops team.') },
    expect: { 'no-person-blame': [false, ['human error']] },
    score: [0, 40],
  },
  {
    name: 'issue #10: "No surprise, the vendor\'s fault again…" shifts blame; "No" negates "surprise", not the blame',
    post: { phase: 'identified', text: withMistake("No surprise, the vendor's fault again.") },
    expect: { 'no-blame': [false, ["vendor's fault"]] },
    score: [0, 40],
  },
  {
    name: 'issue #10: "an engineer at our provider typed the wrong command" blames a person',
    post: { phase: 'identified', text: withMistake('It happened because an engineer at our provider typed the wrong command.') },
    expect: { 'no-person-blame': [false, ['an engineer at our provider typed the wrong']] },
    score: [0, 40],
  },
  {
    name: 'issue #10: "This will never happen again" over-promises, even in an otherwise textbook final post',
    post: { phase: 'resolved', text: `${TEXTBOOK_RESOLVED} This will never happen again.` },
    expect: { 'no-over-promise': [false, ['will never happen again']] },
    score: [0, 40],
  },
  {
    name: 'issue #10: the word salad of cue words scores at most 30',
    post: { phase: 'investigating', text: 'We are sorry. We take this seriously. Our responsibility. Next update in 30 minutes. Sorry. Impact. Fix. Update.' },
    expect: { 'impact': [false, []], 'action': [false, []], 'plain-writing': [false] },
    score: [0, 30],
  },
  {
    name: 'issue #10: a longer word salad, with every cue of every check, still scores at most 30',
    post: {
      phase: 'investigating',
      text: 'We are sorry. We take this seriously. We apologise. Our responsibility. Impact: customers. Working. '
        + 'Fix. Investigating. Identified. Ownership. Next update in 30 minutes. Sorry. Impact. Fix. Update.',
    },
    expect: { 'plain-writing': [false] },
    score: [0, 30],
  },
  {
    name: 'issue #10: a negation just before a blame phrase does not hide it ("no question it was the vendor\'s fault")',
    post: { phase: 'identified', text: withMistake("There is no question it was the vendor's fault.") },
    expect: { 'no-blame': [false, ["vendor's fault"]] },
    score: [0, 40],
  },
  {
    name: 'issue #10: a negation just before "human error" does not hide it ("no doubt")',
    post: { phase: 'identified', text: withMistake('There is no doubt this was human error.') },
    expect: { 'no-person-blame': [false, ['human error']] },
    score: [0, 40],
  },
  {
    name: 'issue #10: "We can\'t rule out human error" still speculates about a person',
    post: { phase: 'identified', text: withMistake("We can't rule out human error.") },
    expect: { 'no-person-blame': [false, ['human error']] },
  },
  {
    name: 'issue #10: "This is our problem and we are working on it" owns it and says what we are doing',
    post: { phase: 'investigating', text: 'This is our problem and we are working on it. Customers cannot pay right now. Next update in 20 minutes.' },
    expect: { 'ownership': [true, ['our problem']], 'action': [true, ['we are working on it']] },
    score: 100,
  },
  {
    name: 'issue #10: "We are switching to a standby database now" says what we are doing',
    post: { phase: 'identified', text: 'Checkout is failing for some customers. We are switching to a standby database now. Sorry for the trouble. Next update at 19:30.' },
    expect: { 'action': [true, ['We are switching to a standby database now']] },
    score: 100,
  },
  {
    name: 'issue #10: a resolved post is not asked for a next-update time',
    post: { phase: 'resolved', text: 'Checkout has worked normally since 19:02. Between 18:40 and 19:02 customers could not place orders. We switched to a standby database. No data was lost. We are sorry.' },
    expect: { 'next-update': 'n/a', 'data-loss': [true, ['No data was lost']] },
    score: 100,
  },
];

describe('scorePost: issue #10', () => {
  it.each(ISSUE_10)('$name', (c) => assertCase(c));
  scorerAgrees(ISSUE_10);
});

describe('scorePost', () => {
  it('returns every check once, in order, with its title and points', () => {
    const result = scorePost({ text: TEXTBOOK_INVESTIGATING });
    expect(result.checks.map((c) => c.id)).toEqual(Object.keys(RUBRIC_CHECK_TITLES));
    for (const c of result.checks) expect(c.title).toBe(RUBRIC_CHECK_TITLES[c.id]);
    const earned = result.checks.filter((c) => c.id in EARN_POINTS && c.applicable);
    expect(earned.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
  });

  it('applies data-loss only to the final post and next-update only to the others', () => {
    const text = 'Checkout is working again.';
    expect(check(scorePost({ text }), 'data-loss').applicable).toBe(false);
    expect(check(scorePost({ text, phase: 'monitoring' }), 'next-update').applicable).toBe(true);
    expect(check(scorePost({ text, final: true }), 'data-loss').applicable).toBe(true);
    expect(check(scorePost({ text, phase: 'resolved' }), 'next-update').applicable).toBe(false);
  });

  it('takes each mistake\'s points off the share of earn points, and one serious mistake leaves at most 40', () => {
    const clean = withMistake('');
    expect(scorePost({ text: clean, phase: 'identified' }).score).toBe(100);
    for (const mistake of ["It was the vendor's fault.", 'Human error caused it.', 'It will be fixed within 10 minutes.', 'There is nothing to worry about.']) {
      expect(scorePost({ text: withMistake(mistake), phase: 'identified' }).score, mistake).toBe(100 - MISTAKE_POINTS['no-blame']);
    }
    // Jargon costs 12 a term, and three terms are jargon-laden: 60.
    expect(scorePost({ text: withMistake('Writes to db1 fail.'), phase: 'identified' }).score).toBe(88);
    expect(scorePost({ text: withMistake('Writes to db1 and db2 fail.'), phase: 'identified' }).score).toBe(76);
    expect(scorePost({ text: withMistake('Writes to db1, db2 and db3 fail.'), phase: 'identified' }).score).toBe(40);
  });

  it(`caps a post without content, however it games the rest, at ${CONTENT_CAP}`, () => {
    const result = scorePost({ phase: 'investigating', text: 'We are so sorry; this is our responsibility. Next update in 30 minutes.' });
    expect(result.score).toBe(CONTENT_CAP);
    expect(check(result, 'no-blame')).toMatchObject({ applicable: false });
  });

  it('cannot be gamed by stuffing a good post with cue words: stuffing caps it', () => {
    const stuffed = `${TEXTBOOK_INVESTIGATING} Sorry. Impact. Fix. Update. Responsibility.`;
    expect(scorePost({ text: stuffed }).score).toBeLessThanOrEqual(CONTENT_CAP);
  });

  it('cannot be gamed by repeating a good sentence', () => {
    const repeated = `${TEXTBOOK_INVESTIGATING} We're sorry for the disruption. We're sorry for the disruption.`;
    const result = scorePost({ text: repeated });
    expect(check(result, 'plain-writing').passed).toBe(false);
    expect(result.score).toBeLessThan(70);
  });

  it('explains each check in one sentence that quotes the words and, for a mistake, its cost', () => {
    const result = scorePost({ text: 'Checkout is down. It was the vendor’s fault. We will fix it in 10 minutes.' });
    expect(check(result, 'no-blame').explanation).toBe('Shifts blame to a third party: "vendor’s fault" (−60).');
    expect(check(result, 'next-update').explanation).toBe('No time for the next update ("next update by 19:30", "in 30 minutes").');
    expect(check(result, 'no-over-promise').explanation).toBe('Promises what nobody can know yet: "fix it in 10 minutes" (−60).');
    expect(check(scorePost({ phase: 'resolved', text: 'We restored checkout.' }), 'action').explanation)
      .toBe('Says what the team did or is doing: "We restored checkout".');
    const lie = scorePost({ phase: 'resolved', text: 'Checkout works. No data was lost.' }, { facts: { 'data-lost': true } });
    expect(check(lie, 'facts').explanation).toBe('Contradicts what is known: "No data was lost" (in truth data was lost) (−60).');
    expect(check(lie, 'data-loss').explanation).toBe('Says something about customer data that is not true: data was lost.');
  });

  it('tolerates case, line breaks and doubled spaces', () => {
    const result = scorePost({ text: 'WE  ARE\nSORRY. next   UPDATE in\t30 MINUTES.' });
    expect(check(result, 'ownership').evidence).toEqual(['WE  ARE\nSORRY']);
    expect(check(result, 'next-update').evidence).toEqual(['next   UPDATE in\t30 MINUTES']);
  });
});

describe('postScorer', () => {
  it('rates a post again only when its text, phase or finality differ', () => {
    const rate = postScorer({ internalTerms: ['Ledger'] });
    const text = 'We are investigating errors in Ledger. Next update in 15 minutes.';
    const first = rate({ text });
    expect(rate({ text })).toBe(first);
    expect(rate({ text, final: false })).toBe(first);
    expect(rate({ text, phase: 'investigating' })).not.toBe(first);
    expect(rate({ text, final: true })).toEqual(scorePost({ text, final: true }, { internalTerms: ['Ledger'] }));
    expect(check(first, 'no-jargon').evidence).toEqual(['Ledger']);
    expect(check(postScorer()({ text }), 'no-jargon').evidence).toEqual([]);
  });
});

describe('scorePost on any text', () => {
  // Pieces of real posts, mistakes, jargon and noise, shuffled into 600 seeded random posts.
  const PIECES = [
    'Checkout', 'is failing', 'for some customers', 'we are', 'switching to a standby', 'not', "isn't", 'no data was lost',
    "vendor's fault", 'human error', 'never happen again', 'by 19:30', 'next update', 'in 30 minutes', 'sorry', 'Sorry.',
    'orders-db', 'p99', 'HTTP 503', 'EDR', 'due to', 'our provider', 'an engineer', 'typed the wrong', 'nothing to worry about',
    'We', "we're", 'and', 'but', ',', '.', ';', ':', ' — ', '(', ')', '"', '\n', '!', '?', '-', "'", '…', '🙃', 'Ünïcödé',
    'x'.repeat(60), '1.2.3.4', 'charged twice', 'nobody', 'whether', 'may', 'gone', 'through', 'we have', 'disabled',
  ];

  // Long runs of one shape, up to a status update's 2,000 characters (their speed is the benchmark's job).
  const LONG = ['a', 'due to ', 'x-', '1.', 'we are ', 'not ', 'next update ', 'db-', "'s ", 'our checks ', '. ', 'Z9']
    .map((unit) => unit.repeat(Math.floor(2000 / unit.length)));

  it('never throws, scores 0–100, and quotes only words that are in the post', () => {
    const rng = createRng(2024);
    const facts = { 'data-lost': true, 'customers-charged': false, 'attack': true };
    const rate = postScorer({ facts, internalTerms: ['orders-db', 'meta-*'] });
    const random = Array.from({ length: 600 }, () => Array.from({ length: 1 + Math.floor(rng.next() * 40) }, () => rng.pick(PIECES)).join(rng.next() < 0.5 ? ' ' : ''));
    for (const text of [...random, ...LONG]) {
      const phase = rng.pick(['investigating', 'identified', 'monitoring', 'resolved'] as const);
      const result = rate({ text, phase });
      expect(result.score, text).toBeGreaterThanOrEqual(0);
      expect(result.score, text).toBeLessThanOrEqual(100);
      expect(Number.isInteger(result.score)).toBe(true);
      for (const c of result.checks) {
        expect(c.explanation.length, `${c.id}: ${text}`).toBeGreaterThan(0);
        for (const e of c.evidence) if (!e.startsWith('phase: ')) expect(text.includes(e), `${c.id} quotes "${e}" of: ${text}`).toBe(true);
      }
    }
  });
});
