import { describe, it, expect } from 'vitest';
import {
  CONTENT_CAP, EARN_POINTS, MISTAKE_POINTS, RUBRIC_CHECK_TITLES, postScorer, scorePost,
  type RubricCheckId, type RubricOptions, type RubricPost, type RubricResult,
} from '../../../shared/scoring/rubric';

/** Expected outcome of one check: passed?, and the exact evidence words; or 'n/a' when it is not counted. */
type Expect = Partial<Record<RubricCheckId, [passed: boolean, evidence: string[]] | [passed: boolean] | 'n/a'>>;

interface Case {
  name: string;
  post: RubricPost;
  options?: RubricOptions;
  expect: Expect;
  /** An exact score, or [min, max]. */
  score?: number | [number, number];
}

const check = (result: RubricResult, id: RubricCheckId) => {
  const found = result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

const PARTNER_FACTS: RubricOptions = {
  facts: { 'data-lost': false, 'customers-charged': false, 'personal-data-exposed': false, 'card-data-exposed': false, 'attack': false },
  internalTerms: ['orders-db', 'orders-api', 'eu-west-1', 'PartnerDB console'],
};

const TEXTBOOK_INVESTIGATING =
  'Investigating: Checkout is failing for some customers, who may be unable to complete payments. '
  + "Our engineers are rolling back this morning's release. We’re sorry for the disruption. "
  + 'Next update in 30 minutes.';

const TEXTBOOK_RESOLVED =
  'Resolved: Checkout has been working normally since 14:05 UTC. Between 13:20 and 14:05 UTC some customers '
  + 'could not complete orders. We rolled back the release that caused it and have added a check so it cannot '
  + 'ship again. No customer data was lost and every payment was processed exactly once. We are sorry: this '
  + 'was our mistake. We will publish a full incident report within 5 business days.';

/** A complete, plain post to which one mistake is added: whatever else it does right, the mistake sinks it. */
const withMistake = (mistake: string): string =>
  `Checkout is failing for some customers. ${mistake} We are switching to a standby database now. We are sorry. Next update at 19:30.`;

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

const CASES: Case[] = [
  // --- Good posts -------------------------------------------------------------------------------------
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
  // --- Facts ----------------------------------------------------------------------------------------------
  {
    name: 'facts: "No data was lost" when data was lost',
    post: { phase: 'resolved', text: 'Tallyboard works again. We restored from a backup. No data was lost. We are sorry.' },
    options: { facts: { 'data-lost': true } },
    expect: { 'facts': [false, ['No data was lost']], 'data-loss': [false, []] },
    score: [0, 40],
  },
  {
    name: 'facts: "Everything since 17:10 is gone" when no data was lost',
    post: { phase: 'monitoring', text: 'Boards load again. Everything you created since 17:10 is gone. We are contacting admins.' },
    options: { facts: { 'data-lost': false } },
    expect: { 'facts': [false, ['Everything you created since 17:10 is gone']] },
  },
  {
    name: 'facts: an honest "we don\'t yet know whether any data was lost" contradicts nothing',
    post: { phase: 'investigating', text: "Boards are not loading. We don't yet know whether any of your data was lost. We are working on it." },
    options: { facts: { 'data-lost': true } },
    expect: { 'facts': [true, []] },
  },
  {
    name: 'facts: "nobody was charged twice" when customers were charged',
    post: { phase: 'resolved', text: 'Checkout works again. We switched databases. Nobody was charged twice.' },
    options: { facts: { 'customers-charged': true } },
    expect: { 'facts': [false, ['Nobody was charged twice']] },
  },
  {
    name: 'facts: "some customers were charged twice" when nobody was',
    post: { phase: 'resolved', text: 'Checkout works again. We switched databases. Some customers were charged twice.' },
    options: PARTNER_FACTS,
    expect: { 'facts': [false, ['Some customers were charged twice']] },
  },
  {
    name: 'facts: "you have not been charged twice" when nobody was: true',
    post: { phase: 'monitoring', text: 'Checkout is working again. You may see a pending authorisation, but you have not been charged twice. We are watching orders. Sorry for the worry. Next update by 19:45.' },
    options: PARTNER_FACTS,
    expect: { 'facts': [true, []] },
    score: 100,
  },
  {
    name: 'facts: "no personal data was accessed" when it was',
    post: { phase: 'resolved', text: 'Our systems are restored. We are pleased to confirm that no personal data was accessed.' },
    options: { facts: { 'personal-data-exposed': true } },
    expect: { 'facts': [false, ['no personal data was accessed']] },
  },
  {
    name: 'facts: "no customer card data was involved" speaks of card data, not personal data',
    post: { phase: 'resolved', text: 'Plants are back. Staff personal data was stolen; we have told everyone affected. No customer card data was involved. We are sorry.' },
    options: { facts: { 'personal-data-exposed': true, 'card-data-exposed': false } },
    expect: { 'facts': [true, []] },
  },
  {
    name: 'facts: "no card data has been compromised" when it was',
    post: { phase: 'identified', text: 'Some customers reported card issues. No customer card data has been compromised.' },
    options: { facts: { 'card-data-exposed': true } },
    expect: { 'facts': [false, ['No customer card data has been compromised']] },
  },
  {
    name: 'facts: "paying by card is safe again" speaks of now, not of the breach',
    post: { phase: 'resolved', text: 'Our stores trade normally and paying by card is safe again. Card details were stolen between October and December.' },
    options: { facts: { 'card-data-exposed': true } },
    expect: { 'facts': [true, []] },
  },
  {
    name: 'facts: denying an attack that happened',
    post: { phase: 'resolved', text: 'The VAT fix is live. The delay was a technical issue with a supplier, not a security incident.' },
    options: { facts: { 'attack': true } },
    expect: { 'facts': [false, ['not a security incident']] },
  },
  {
    name: 'facts: claiming an attack that did not happen',
    post: { phase: 'identified', text: 'Files are not loading. We were hacked. We are restoring service.' },
    options: { facts: { 'attack': false } },
    expect: { 'facts': [false, ['We were hacked']] },
  },
  {
    name: 'facts: orders that have "gone through" and a file "gone to the bank" are not lost data',
    post: { phase: 'monitoring', text: "Orders have gone through normally since 18:59. The payment file has gone to the bank. We're double-checking every total." },
    options: { facts: { 'data-lost': false } },
    expect: { 'facts': [true, []], 'action': [true, ["We're double-checking every total"]] },
  },
  {
    name: 'facts: a scenario without facts checks none',
    post: { phase: 'resolved', text: 'Checkout works again. We switched databases. No data was lost.' },
    expect: { 'facts': 'n/a' },
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

describe('scorePost: issue #10', () => {
  it.each(ISSUE_10)('$name', (c) => assertCase(c));
});

describe('scorePost', () => {
  it('has at least 60 posts in its table', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES)('$name', (c) => assertCase(c));

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
  it('scores every table post as scorePost does, with the options compiled once per scorer', () => {
    const byOptions = new Map<string, (post: RubricPost) => RubricResult>();
    for (const { post, options } of [...CASES, ...ISSUE_10, ...CASES]) {
      const key = JSON.stringify(options ?? {});
      if (!byOptions.has(key)) byOptions.set(key, postScorer(options));
      expect(byOptions.get(key)!(post)).toEqual(scorePost(post, options));
    }
  });

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

function assertCase({ post, options, expect: expected, score }: Case): void {
  const result = scorePost(post, options);
  for (const [id, outcome] of Object.entries(expected) as [RubricCheckId, NonNullable<Expect[RubricCheckId]>][]) {
    const c = check(result, id);
    if (outcome === 'n/a') expect({ id, applicable: c.applicable }).toEqual({ id, applicable: false });
    else if (outcome.length === 1) expect({ id, applicable: c.applicable, passed: c.passed }).toEqual({ id, applicable: true, passed: outcome[0] });
    else expect({ id, applicable: c.applicable, passed: c.passed, evidence: c.evidence }).toEqual({ id, applicable: true, passed: outcome[0], evidence: outcome[1] });
  }
  if (typeof score === 'number') expect(result.score).toBe(score);
  else if (score) {
    expect(result.score).toBeGreaterThanOrEqual(score[0]);
    expect(result.score).toBeLessThanOrEqual(score[1]);
  }
}
