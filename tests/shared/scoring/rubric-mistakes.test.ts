/**
 * The mistakes a post can make, caught whatever hedging surrounds them, and the negations that do excuse
 * them (shared/scoring/rubric-mistakes.ts, rubric-jargon.ts, rubric-style.ts).
 */
import { describe, it } from 'vitest';
import { assertCase, scorerAgrees, withMistake, PARTNER_FACTS, type Case } from './rubric-cases';

const CASES: Case[] = [
  // --- Blame ----------------------------------------------------------------------------------------------
  {
    name: 'blames the provider as an excuse',
    post: { text: 'Checkout is down. This outage was caused by our provider and is beyond our control.' },
    expect: { 'no-blame': [false, ['caused by our provider', 'beyond our control']], 'ownership': [false, []] },
  },
  {
    name: '"not our fault" is blame, however it is negated',
    post: { text: 'Checkout is down. This is not our fault; our payment partner is having problems.' },
    expect: { 'no-blame': [false, ['not our fault']] },
  },
  {
    name: 'a longer excuse: a processing delay at our bank',
    post: { phase: 'identified', text: 'Payouts are delayed due to a processing delay at our bank. We are monitoring. Next update in an hour.' },
    expect: { 'no-blame': [false, ['due to a processing delay at our bank']] },
  },
  {
    name: 'a named third party, written with a capital: a breach at Cinder, PartnerDB is to blame, Tillcraft\'s mistake',
    post: { phase: 'identified', text: "Deploys are stuck due to a security incident at Cinder. PartnerDB is to blame for checkout. It was Tillcraft's mistake. We are fixing it." },
    expect: { 'no-blame': [false, ['due to a security incident at Cinder', 'PartnerDB is to blame', "Tillcraft's mistake"]] },
  },
  {
    name: 'hedged blame is still blame: "most likely on our vendor\'s side"',
    post: { phase: 'identified', text: "It looks like the problem is most likely on our database vendor's side. Customers can't check out." },
    expect: { 'no-blame': [false, ["vendor's side"]] },
  },
  {
    name: 'denying blame and taking ownership: not the vendor\'s fault, it\'s ours',
    post: { text: "Logins are failing. It's not the vendor's fault — it's ours, and we take full responsibility." },
    expect: { 'no-blame': [true, []], 'ownership': [true, ["it's ours", 'we take full responsibility']] },
  },
  {
    name: 'working with a provider is action, not blame; a bug in our own integration is ours',
    post: { text: 'Checkout is failing due to a bug in our payment provider integration. We are working with our provider to fix it.' },
    expect: { 'no-blame': [true, []], 'action': [true] },
  },
  {
    name: 'the blame comes after a negated clause: "We won\'t point fingers, but the vendor\'s storage failed us"',
    post: { text: "Checkout is down. We won't point fingers, but our vendor failed us." },
    expect: { 'no-blame': [false, ['vendor failed us']] },
  },
  {
    name: 'a fault placed on their side: "a fault on their network"',
    post: { phase: 'monitoring', text: 'Our upstream partner has confirmed a fault on their network. Checkout is recovering.' },
    expect: { 'no-blame': [false, ['fault on their network']], 'impact': [true] },
  },
  // --- Blaming a person ---------------------------------------------------------------------------------
  {
    name: 'someone else\'s person: "Northgate\'s technician removed the wrong switch"',
    post: { phase: 'monitoring', text: "Most clinics are back online. The outage happened because Northgate's technician removed the wrong switch." },
    expect: { 'no-person-blame': [false, ["Northgate's technician removed the wrong"]] },
  },
  {
    name: 'a member of staff who left a server exposed',
    post: { phase: 'identified', text: 'The attack started because a member of staff left an old server exposed to the internet.' },
    expect: { 'no-person-blame': [false, ['a member of staff left an old server exposed']] },
  },
  {
    name: 'naming a person: "Leo typed meta-* instead of meter-*"',
    post: { phase: 'resolved', text: 'Resolved. Leo from the storage team typed the wrong pattern and removed the index hosts. Files open again.' },
    expect: { 'no-person-blame': [false] },
  },
  {
    name: 'an appositive person: "Theo, one of our engineers, accidentally deleted…"',
    post: { phase: 'identified', text: 'Theo, one of our engineers, accidentally deleted the production database. We are restoring it.' },
    expect: { 'no-person-blame': [false] },
  },
  {
    name: 'punishing a person',
    post: { phase: 'resolved', text: 'Service is back. The employee responsible has been disciplined.' },
    expect: { 'no-person-blame': [false, ['The employee responsible', 'has been disciplined']] },
  },
  {
    name: 'denying human error is not scapegoating',
    post: { text: 'This was not human error. Our deploy checks let a bad change through, and we are fixing them.' },
    expect: { 'no-person-blame': [true, []] },
  },
  {
    name: 'human error denied after the words: "human error was not the cause"',
    post: { text: 'Checkout is failing. Human error was not the cause; our tooling allowed a bad change.' },
    expect: { 'no-person-blame': [true, []] },
  },
  // --- Over-promising ----------------------------------------------------------------------------------
  {
    name: 'a next-update time is not a fix promise',
    post: { text: 'Our next update will be in 30 minutes.' },
    expect: { 'next-update': [true, ['next update will be in 30 minutes']], 'no-over-promise': 'n/a' },
  },
  {
    name: 'a fix time is a promise, hedged or not',
    post: { text: 'Checkout is down. We will fix it in 10 minutes, and it should be back up within the hour.' },
    expect: { 'no-over-promise': [false, ['fix it in 10 minutes', 'be back up within the hour']], 'next-update': [false, []] },
  },
  {
    name: 'restore service and update you: an update, not a promise',
    post: { text: 'Checkout is down. We will restore service and update you in 30 minutes.' },
    expect: { 'next-update': [true, ['update you in 30 minutes']], 'no-over-promise': [true, []] },
  },
  {
    name: 'a guarantee, and "we cannot guarantee" (honest)',
    post: { text: 'Checkout is down; we guarantee it will be fixed tonight. We cannot guarantee anything else.' },
    expect: { 'no-over-promise': [false, ['we guarantee']] },
  },
  {
    name: 'a withdrawn promise is no promise: "we cannot promise it will never happen again"',
    post: { phase: 'identified', text: withMistake('We cannot promise this will never happen again, but we are adding checks.') },
    expect: { 'no-over-promise': [true, []] },
    score: 100,
  },
  {
    name: 'no ETA is not a promise; a final post reporting how fast it was fixed makes none either',
    post: { final: true, text: "We don't have an ETA for the fix yet. The issue was resolved within 20 minutes. No data was lost." },
    expect: { 'no-over-promise': [true, []] },
  },
  {
    name: 'an ETA for the fix is a promise',
    post: { text: 'Checkout is down. The ETA for the fix is 15:00 UTC.' },
    expect: { 'no-over-promise': [false, ['ETA for the fix']] },
  },
  {
    name: 'a hedged, casual ETA: "we should have everything sorted within the hour"',
    post: { phase: 'investigating', text: 'Payouts are delayed. We should have everything sorted within the hour.' },
    expect: { 'no-over-promise': [false, ['sorted within the hour']] },
  },
  // --- False reassurance ----------------------------------------------------------------------------------
  {
    name: 'a cover story: "a planned systems upgrade"',
    post: { phase: 'identified', text: 'Our systems are temporarily unavailable due to a planned systems upgrade. Production will resume shortly.' },
    expect: { 'no-false-reassurance': [false, ['planned systems upgrade']] },
  },
  {
    name: 'planned maintenance as context is not a cover story',
    post: { phase: 'identified', text: 'During planned maintenance overnight, a switch that connects clinics was removed. Clinics cannot connect. We are reinstalling it.' },
    expect: { 'no-false-reassurance': [true, []] },
  },
  {
    name: 'nothing to worry about, and "all systems operational" while the incident is open',
    post: { phase: 'investigating', text: 'All systems operational. Some users may see slow thumbnails and there is nothing to worry about.' },
    expect: { 'no-false-reassurance': [false, ['All systems operational', 'nothing to worry about']] },
  },
  {
    name: '"we can\'t say there is nothing to worry about" is honest',
    post: { phase: 'investigating', text: "Card payments are failing. We can't say yet that there is no risk, so we are checking every store." },
    expect: { 'no-false-reassurance': [true, []] },
  },
  // --- Jargon -------------------------------------------------------------------------------------------
  {
    name: 'hostnames, hosts with digits, IPs',
    post: { text: 'Requests to db-prod-03, ledger-01 and 10.0.3.17 are timing out for customers.' },
    expect: { 'no-jargon': [false, ['db-prod-03', 'ledger-01', '10.0.3.17']] },
  },
  {
    name: 'p99, 5xx, HTTP status codes, the primary',
    post: { text: 'Replica lag on the primary is causing p99 latency spikes, 5xx responses and HTTP 503 for customers.' },
    expect: { 'no-jargon': [false, ['Replica lag', 'on the primary', 'p99', '5xx', 'HTTP 503']] },
  },
  {
    name: 'internal acronyms in capitals, not everyday ones',
    post: { text: 'The EDR flagged the POS tills at 14:00 UTC; customers in the UK and EU can pay by card again. FAQ below.' },
    expect: { 'no-jargon': [false, ['EDR', 'POS']] },
  },
  {
    name: 'the scenario\'s internal terms, matched literally and case-insensitively',
    post: { text: 'Writes to Orders-DB in eu-west-1 time out; the PartnerDB console says healthy. Customers cannot pay.' },
    options: PARTNER_FACTS,
    expect: { 'no-jargon': [false, ['Orders-DB', 'eu-west-1', 'PartnerDB console']] },
  },
  {
    name: 'internal terms with symbols: meta-*, kill -9, .blackfin',
    post: { text: 'Customers cannot open files: a pattern matched meta-* and someone ran kill -9; files renamed to .blackfin.' },
    options: { internalTerms: ['meta-*', 'kill -9', '.blackfin'] },
    expect: { 'no-jargon': [false, ['meta-*', 'kill -9', '.blackfin']] },
  },
  {
    name: '"the primary" in plain English is fine; so are file formats with digits',
    post: { text: 'The primary symptom is slow MP4 exports for some customers.' },
    expect: { 'no-jargon': [true, []] },
  },
  // --- Plain writing --------------------------------------------------------------------------------------
  {
    name: 'repetition',
    post: { phase: 'monitoring', text: 'Sorry. Sorry. We are sorry. Spam stopped. Fixed. Fixed. Monitoring. Next update in 1 hour.' },
    expect: { 'plain-writing': [false] },
    score: [0, 30],
  },
  {
    name: 'a short plain post is not fragments',
    post: { phase: 'investigating', text: 'Investigating. Checkout is failing for some customers and we are looking into it. Next update 19:10. Sorry for the trouble.' },
    expect: { 'plain-writing': [true, []] },
  },
  // --- Near-empty posts ---------------------------------------------------------------------------------
  {
    name: 'an empty post earns nothing',
    post: { text: '   ' },
    score: 0,
    expect: { 'impact': [false, []], 'no-blame': 'n/a', 'no-jargon': 'n/a' },
  },
  {
    name: '"ok" with a phase set',
    post: { phase: 'investigating', text: 'ok' },
    score: 5,
    expect: { 'phase': [true, ['phase: investigating']], 'no-blame': 'n/a' },
  },
  {
    name: 'a post with nothing else still loses the points for its mistakes',
    post: { text: 'It was the vendor’s fault.' },
    score: 0,
    expect: { 'no-blame': [false, ['vendor’s fault']], 'no-jargon': 'n/a' },
  },
  {
    name: 'one line of impact is content: the avoid checks count, and the score is the impact\'s share',
    post: { phase: 'investigating', text: 'Checkout is failing.' },
    score: 30,
    expect: { 'impact': [true, ['Checkout is failing']], 'no-blame': [true, []] },
  },
];

describe("the rubric catches mistakes", () => {
  it.each(CASES)('$name', (c) => assertCase(c));
  scorerAgrees(CASES);
});
