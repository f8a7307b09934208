/** What a post must say to earn its points, read from its clauses (shared/scoring/rubric-claims.ts). */
import { describe, it } from 'vitest';
import { assertCase, scorerAgrees, TEXTBOOK_INVESTIGATING, TEXTBOOK_RESOLVED, type Case } from './rubric-cases';

const CASES: Case[] = [
  {
    name: 'textbook investigating update',
    post: { text: TEXTBOOK_INVESTIGATING },
    score: 100,
    expect: {
      'phase': [true, ['Investigating']],
      'impact': [true, ['Checkout is failing for some customers', 'who may be unable to complete payments']],
      'action': [true, ["Our engineers are rolling back this morning's release"]],
      'next-update': [true, ['Next update in 30 minutes']],
      'ownership': [true, ['We’re sorry']],
      'no-blame': [true, []], 'no-person-blame': [true, []], 'no-jargon': [true, []], 'no-over-promise': [true, []],
      'facts': 'n/a', 'data-loss': 'n/a',
    },
  },
  {
    name: 'textbook final post: what happened, what we did, data, ownership',
    post: { text: TEXTBOOK_RESOLVED, final: true },
    score: 100,
    expect: {
      'phase': [true, ['Resolved']],
      'action': [true, ['We rolled back', 'We will publish a full incident report within']],
      'data-loss': [true, ['No customer data was lost', 'payment was processed']],
      'ownership': [true, ['We are sorry', 'our mistake']],
      'no-over-promise': [true, []],
      'next-update': 'n/a',
    },
  },
  {
    name: 'good but short',
    post: { phase: 'investigating', text: "Payments at checkout are failing for most customers. We're on it. Sorry, we know it's a bad time. Next update 19:10." },
    expect: { 'action': [true, ["We're on it"]], 'next-update': [true, ['Next update 19:10']], 'ownership': [true] },
    score: 100,
  },
  {
    name: 'a passive action: "a fix is being deployed"',
    post: { phase: 'identified', text: 'Some users cannot log in. A fix is being deployed now. We apologise. Next update by 15:00 UTC.' },
    expect: { 'action': [true, ['A fix is being deployed now']] },
    score: 100,
  },
  {
    name: 'a subjectless action: "Rolling back the release"',
    post: { phase: 'identified', text: 'Checkout is down for some customers. Rolling back the release now. Sorry. Next update at 14:00.' },
    expect: { 'action': [true, ['Rolling back the release now']] },
  },
  {
    name: 'owning the system that failed: "our deploy checks let a bad change through"',
    post: { phase: 'identified', text: 'This was not human error: our deploy checks let a bad change through. Checkout is failing for some customers. We are fixing the checks now. Next update in 30 minutes.' },
    expect: { 'ownership': [true, ['our deploy checks let']], 'no-person-blame': [true, []] },
    score: 100,
  },
  // --- What does not earn ---------------------------------------------------------------------------------
  {
    name: 'seeing and being aware are not actions; a vague "soon" is not a time',
    post: { phase: 'investigating', text: 'We are aware of an issue and are seeing elevated errors. We will update soon.' },
    expect: { 'action': [false, []], 'impact': [false, []], 'next-update': [false, []] },
    score: [0, 30],
  },
  {
    name: 'the vendor working on it is not what WE are doing',
    post: { phase: 'identified', text: 'Checkout is failing for some customers. The vendor is working on a fix. Next update at 19:30.' },
    expect: { 'action': [false, []] },
  },
  {
    name: 'telling customers is the next update, not an action',
    post: { phase: 'investigating', text: 'Checkout is failing for some customers. We will update you in 30 minutes.' },
    expect: { 'action': [false, []], 'next-update': [true, ['We will update you in 30 minutes']] },
  },
  {
    name: 'a negated action earns nothing',
    post: { phase: 'identified', text: 'Checkout is failing for some customers. We are not restoring anything until the vendor replies.' },
    expect: { 'action': [false, []] },
  },
  {
    name: 'jargon is blanked before impact is read: "orders" in orders-db is not customer impact',
    post: { phase: 'investigating', text: 'orders-db.internal is unreachable.' },
    expect: { 'impact': [false, []], 'no-jargon': [false, ['orders-db.internal']] },
  },
  {
    name: '"No customers are affected" is not impact; it is false reassurance',
    post: { phase: 'investigating', text: 'No customers are affected. We are monitoring.' },
    expect: { 'impact': [false, []], 'no-false-reassurance': [false, ['No customers are affected']] },
  },
  {
    name: '"No depot can print labels" is impact',
    post: { phase: 'investigating', text: 'No depot can print labels this morning. Our team is working on it. We are sorry. Next update at 06:45.' },
    expect: { 'impact': [true, ['No depot can print labels this morning']] },
    score: 100,
  },
  {
    name: 'a conditional apology does not own anything',
    post: { phase: 'investigating', text: 'Checkout is slow for some customers. We are investigating. Sorry if you were inconvenienced. Next update at 15:00.' },
    expect: { 'ownership': [false, []] },
  },
  {
    name: 'an apology that is only a cue word in a fragment does not count',
    post: { phase: 'investigating', text: 'Checkout is failing for some customers. We are rolling back. Our responsibility. Next update at 15:00.' },
    expect: { 'ownership': [false, []] },
  },
];

describe("the rubric reads what a post says", () => {
  it.each(CASES)('$name', (c) => assertCase(c));
  scorerAgrees(CASES);
});
