import { describe, it, expect } from 'vitest';
import {
  RUBRIC_CHECK_TITLES, postScorer, scorePost, type RubricCheckId, type RubricOptions, type RubricPost, type RubricResult,
} from '../../../shared/scoring/rubric';

/** Expected outcome of one check: passed?, and the exact evidence words; or 'n/a' when it is not counted. */
type Expect = Partial<Record<RubricCheckId, [passed: boolean, evidence: string[]] | 'n/a'>>;

interface Case {
  name: string;
  post: RubricPost;
  options?: RubricOptions;
  expect: Expect;
  score?: number;
}

const check = (result: RubricResult, id: RubricCheckId) => {
  const found = result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

const TEXTBOOK_INVESTIGATING =
  'Investigating: Checkout is failing for some customers, who may be unable to complete payments. '
  + 'Our engineers are rolling back this morning\'s release. We’re sorry for the disruption. '
  + 'Next update in 30 minutes.';

const TEXTBOOK_RESOLVED =
  'Resolved: Checkout has been working normally since 14:05 UTC. Between 13:20 and 14:05 UTC some customers '
  + 'could not complete orders. We rolled back the release that caused it and have added a check so it cannot '
  + 'ship again. No customer data was lost and every payment was processed exactly once. We are sorry: this '
  + 'was our mistake. We will publish a full incident report within 5 business days.';

const CASES: Case[] = [
  // --- Good posts -------------------------------------------------------------------------------------
  {
    name: 'textbook investigating update',
    post: { text: TEXTBOOK_INVESTIGATING },
    score: 100,
    expect: {
      'phase': [true, ['Investigating']],
      'impact': [true, ['Checkout', 'failing', 'some customers', 'unable to', 'payments']],
      'action': [true, ['Our engineers are', 'rolling back']],
      'next-update': [true, ['Next update in 30 minutes']],
      'ownership': [true, ['We’re sorry']],
      'no-blame': [true, []], 'no-human-error': [true, []], 'no-jargon': [true, []], 'no-fix-promise': [true, []],
    },
  },
  {
    name: 'identified update with a declared phase and US spelling',
    post: {
      phase: 'identified',
      text: 'We have identified the cause: a configuration change we made at 09:10 UTC. Payments are delayed '
        + 'but will go through. We are reverting the change now. We apologize for the inconvenience. '
        + 'We will post another update by 10:30 UTC.',
    },
    score: 100,
    expect: {
      'phase': [true, ['phase: identified']],
      'impact': [true, ['Payments', 'delayed']],
      'action': [true, ['We have identified', 'reverting']],
      'next-update': [true, ['We will post another update by 10:30 UTC']],
      'ownership': [true, ['We apologize']],
    },
  },
  {
    name: 'monitoring update in the Statuspage template',
    post: {
      text: 'Monitoring: A fix has been implemented and we are monitoring the results. Some users may still see '
        + 'slow page loads for a few minutes. Our apologies for the trouble. We will update this page again '
        + 'at 16:00 UTC.',
    },
    score: 100,
    expect: {
      'phase': [true, ['Monitoring']],
      'action': [true, ['we are monitoring']],
      'impact': [true, ['Some users', 'slow']],
      'next-update': [true, ['We will update this page again at 16:00 UTC']],
      'ownership': [true, ['Our apologies']],
    },
  },
  {
    name: 'textbook final post says no data was lost',
    post: { text: TEXTBOOK_RESOLVED, final: true },
    score: 100,
    expect: {
      'phase': [true, ['Resolved']],
      'data-loss': [true, ['No customer data was lost']],
      'ownership': [true, ['We are sorry', 'our mistake']],
      'no-fix-promise': [true, []],
      'next-update': [true, ['incident report within 5 business days']],
    },
  },
  {
    name: 'resolved post that admits partial loss',
    post: {
      phase: 'resolved',
      text: 'Some orders placed between 14:00 and 14:20 UTC were lost. We are contacting affected customers today.',
    },
    expect: { 'data-loss': [true, ['were lost']], 'action': [true, ['We are contacting']] },
  },
  {
    name: 'resolved post that recovered everything',
    post: { phase: 'resolved', text: 'All orders have been recovered and checkout is working normally.' },
    expect: { 'data-loss': [true, ['have been recovered']] },
  },
  {
    name: 'resolved post without a data-loss statement',
    post: { phase: 'resolved', text: 'This incident has been resolved. Checkout was restored at 14:05 UTC.' },
    expect: { 'data-loss': [false, []], 'no-fix-promise': [true, []] },
  },
  {
    name: 'resolved post: what we restored is what we did',
    post: { phase: 'resolved', text: 'We restored checkout at 14:05 UTC. No data was lost.' },
    expect: { 'action': [true, ['We restored']] },
  },
  {
    name: 'resolved post: we moved traffic',
    post: { phase: 'resolved', text: 'We moved traffic to a healthy region and checkout works again.' },
    expect: { 'action': [true, ['We moved']] },
  },
  {
    name: 'resolved post: the fix has been deployed',
    post: { phase: 'resolved', text: 'The fix has been deployed and checkout is working normally.' },
    expect: { 'action': [true, ['fix has been deployed']] },
  },
  {
    name: 'resolved post: we have recovered all orders',
    post: { phase: 'resolved', text: 'We have recovered all orders placed during the outage.' },
    expect: { 'action': [true, ['We have recovered']] },
  },
  {
    name: 'final post: the incident review we will publish',
    post: { final: true, text: 'Checkout is working again. We will publish a full incident review.' },
    expect: { 'action': [true, ['We will publish']] },
  },
  {
    name: 'resolved post: a change we deployed is how it began, not what we did',
    post: { phase: 'resolved', text: 'A change we deployed at 13:00 broke checkout; it works again.' },
    expect: { 'action': [false, []] },
  },
  // --- Blame --------------------------------------------------------------------------------------------
  {
    name: 'blames the provider as an excuse',
    post: { text: 'This outage was caused by our provider and is beyond our control.' },
    expect: { 'no-blame': [false, ['caused by our provider', 'beyond our control']], 'ownership': [false, []] },
  },
  {
    name: "vendor's fault with a curly apostrophe",
    post: { text: 'Checkout is down. It was the vendor’s fault, not ours.' },
    expect: { 'no-blame': [false, ['vendor’s fault']] },
  },
  {
    name: 'not our fault',
    post: { text: 'This is not our fault; our payment partner is having problems.' },
    expect: { 'no-blame': [false, ['is not our fault']], 'ownership': [false, []] },
  },
  {
    name: 'third-party issue',
    post: { text: 'Logins are failing due to a third-party issue that is out of our hands.' },
    expect: { 'no-blame': [false, ['due to a third-party', 'out of our hands']], 'impact': [true, ['Logins', 'failing']] },
  },
  {
    name: 'upstream provider is to blame',
    post: { text: 'The upstream provider is to blame for today’s delays.' },
    expect: { 'no-blame': [false, ['provider is to blame']] },
  },
  {
    name: 'blame with the cause and the provider a few words apart',
    post: { text: 'Due to an issue with our cloud provider, some services are degraded.' },
    expect: { 'no-blame': [false, ['Due to an issue with our cloud provider']], 'impact': [true, ['degraded']] },
  },
  {
    name: 'negation that takes ownership: not a vendor issue',
    post: { text: 'This is not a vendor issue; it’s ours. We’re sorry that checkout is failing.' },
    expect: { 'no-blame': [true, []], 'ownership': [true, ['it’s ours', 'We’re sorry']] },
  },
  {
    name: "negation that takes ownership: not the vendor's fault",
    post: { text: "Logins are failing. It's not the vendor's fault — it's ours, and we take full responsibility." },
    expect: { 'no-blame': [true, []], 'ownership': [true, ["it's ours", 'we take full responsibility']] },
  },
  {
    name: 'working with a provider is action, not blame',
    post: { text: 'We are working with our provider to restore service for affected customers.' },
    expect: { 'no-blame': [true, []], 'action': [true, ['We are working']], 'no-fix-promise': [true, []] },
  },
  {
    name: 'blame with a longer excuse: an outage at our database provider',
    post: { text: 'Checkout is failing due to an outage at our database provider.' },
    expect: { 'no-blame': [false, ['due to an outage at our database provider']], 'impact': [true, ['Checkout', 'failing', 'outage']] },
  },
  {
    name: 'blame with a longer excuse: a failure at our upstream cloud vendor',
    post: { text: 'Logins are slow, caused by a failure at our upstream cloud vendor.' },
    expect: { 'no-blame': [false, ['caused by a failure at our upstream cloud vendor']] },
  },
  {
    name: 'working with our database provider is still action, not blame',
    post: { text: 'We are working with our database provider to restore checkout.' },
    expect: { 'no-blame': [true, []], 'action': [true, ['We are working']] },
  },
  {
    name: 'a bug in our own integration with a provider is not blame',
    post: { text: 'Checkout is failing due to a bug in our payment provider integration. We are fixing it.' },
    expect: { 'no-blame': [true, []], 'action': [true, ['We are fixing']] },
  },
  {
    name: 'a cause and a provider too far apart in one clause are not blame',
    post: { text: 'Due to the high load we are working with our provider on checkout.' },
    expect: { 'no-blame': [true, []] },
  },
  // --- Human error --------------------------------------------------------------------------------------
  {
    name: 'human error',
    post: { text: 'The outage was caused by human error during a routine deploy.' },
    expect: { 'no-human-error': [false, ['human error']], 'impact': [true, ['outage']], 'no-blame': [true, []] },
  },
  {
    name: 'a mistake by one of our engineers',
    post: { text: 'A mistake by one of our engineers took the site down for 20 minutes.' },
    expect: { 'no-human-error': [false, ['mistake by one of our engineers']] },
  },
  {
    name: 'operator error and an engineer made a mistake',
    post: { text: 'Operator error: an engineer made a mistake while editing the config.' },
    expect: { 'no-human-error': [false, ['Operator error', 'engineer made a mistake']] },
  },
  {
    name: 'denying human error is not scapegoating',
    post: { text: 'This was not human error. Our deploy checks let a bad change through, and we are fixing them.' },
    expect: { 'no-human-error': [true, []], 'action': [true, ['we are fixing']] },
  },
  // --- Next update versus fix promise -------------------------------------------------------------------
  {
    name: 'a next-update promise is not a fix promise',
    post: { text: 'Our next update will be in 30 minutes.' },
    expect: { 'next-update': [true, ['next update will be in 30 minutes']], 'no-fix-promise': [true, []] },
  },
  {
    name: 'a fix promise is not a next update',
    post: { text: 'We will fix it in 10 minutes.' },
    expect: { 'no-fix-promise': [false, ['fix it in 10 minutes']], 'next-update': [false, []] },
  },
  {
    name: 'both in one sentence',
    post: { text: 'We will restore service and update you in 30 minutes.' },
    expect: { 'next-update': [true, ['update you in 30 minutes']], 'no-fix-promise': [true, []] },
  },
  {
    name: 'back up within the hour',
    post: { text: 'Checkout should be back up within the hour.' },
    expect: { 'no-fix-promise': [false, ['be back up within the hour']] },
  },
  {
    name: 'resolved by 3pm',
    post: { text: 'We expect this to be resolved by 3pm.' },
    expect: { 'no-fix-promise': [false, ['be resolved by 3pm']] },
  },
  {
    name: 'fixed by 3pm without "will be"',
    post: { text: 'We expect it fixed by 3pm, and checkout resolved in 30 minutes.' },
    expect: { 'no-fix-promise': [false, ['fixed by 3pm', 'resolved in 30 minutes']] },
  },
  {
    name: 'a final post reporting how fast it was fixed makes no promise',
    post: { final: true, text: 'The issue was resolved within 20 minutes. We fixed it in 10 minutes. No data was lost.' },
    expect: { 'no-fix-promise': [true, []], 'data-loss': [true, ['No data was lost']] },
  },
  {
    name: 'a timestamped config update is not a next-update promise',
    post: { text: 'A configuration update at 09:10 UTC caused the errors. We will update you again at 10:30 UTC.' },
    expect: { 'next-update': [true, ['We will update you again at 10:30 UTC']] },
  },
  {
    name: 'the timestamp alone earns no next-update point',
    post: { text: 'A configuration update at 09:10 UTC caused the errors.' },
    expect: { 'next-update': [false, []] },
  },
  {
    name: 'ETA for the fix, and the honest absence of one',
    post: { text: 'The ETA for the fix is 15:00 UTC. We do not have an ETA for the fix on the API yet.' },
    expect: { 'no-fix-promise': [false, ['ETA for the fix']] },
  },
  {
    name: 'no ETA is not a promise',
    post: { text: "We don't have an ETA for the fix yet. Next update: 14:30 UTC." },
    expect: { 'no-fix-promise': [true, []], 'next-update': [true, ['Next update: 14:30 UTC']] },
  },
  {
    name: 'updates every 30 minutes',
    post: { text: 'We will post updates here every 30 minutes until this is resolved.' },
    expect: { 'next-update': [true, ['updates here every 30 minutes']] },
  },
  {
    name: 'a clock time written with dots and a zone',
    post: { text: 'We have failed over to a backup system. Next update at 3:15 p.m. ET.' },
    expect: { 'next-update': [true, ['Next update at 3:15 p.m. ET']], 'action': [true, ['We have failed over']] },
  },
  {
    name: 'the final post promises its incident report',
    post: { final: true, text: 'Everything is back to normal. We will publish a postmortem by Friday.' },
    expect: { 'next-update': [true, ['postmortem by Friday']], 'phase': [true, ['back to normal']], 'data-loss': [false, []] },
  },
  {
    name: 'a vague "soon" is not a time',
    post: { text: 'We are aware of an issue and will update soon.' },
    expect: { 'next-update': [false, []], 'impact': [false, []] },
  },
  // --- Jargon -------------------------------------------------------------------------------------------
  {
    name: 'internal hostname',
    post: { text: 'Requests to db-prod-03 are timing out.' },
    expect: { 'no-jargon': [false, ['db-prod-03']], 'impact': [true, ['timing out']] },
  },
  {
    name: 'IP address',
    post: { text: 'Traffic to 10.0.3.17 is being rerouted.' },
    expect: { 'no-jargon': [false, ['10.0.3.17']], 'action': [true, ['rerouted']] },
  },
  {
    name: '.internal hostname earns no impact point for the word "orders"',
    post: { text: 'orders-db.internal is unreachable.' },
    expect: { 'no-jargon': [false, ['orders-db.internal']], 'impact': [false, []] },
  },
  {
    name: 'replica lag on the primary',
    post: { text: 'Replica lag on the primary is causing p99 latency spikes and 5xx responses.' },
    expect: { 'no-jargon': [false, ['Replica lag', 'on the primary', 'p99', '5xx']] },
  },
  {
    name: 'Kubernetes jargon',
    post: { text: 'The payments pods are in CrashLoopBackOff after an OOM on k8s.' },
    expect: { 'no-jargon': [false, ['pods', 'CrashLoopBackOff', 'OOM', 'k8s']] },
  },
  {
    name: '"the primary" in plain English is fine',
    post: { text: 'The primary symptom is slow page loads for some customers.' },
    expect: { 'no-jargon': [true, []], 'impact': [true, ['slow', 'some customers']] },
  },
  {
    name: 'scenario-declared internal term',
    post: { text: 'The ledger-svc is restarting.' },
    options: { internalTerms: ['ledger-svc'] },
    expect: { 'no-jargon': [false, ['ledger-svc']] },
  },
  {
    name: 'the same post without the scenario term',
    post: { text: 'The ledger-svc is restarting, so payments are delayed.' },
    expect: { 'no-jargon': [true, []] },
  },
  // --- Bad and empty posts ------------------------------------------------------------------------------
  {
    name: 'the everything-wrong post',
    post: {
      text: 'SEV1: db-prod-03 OOM. Human error by the on-call engineer; also the vendor’s fault. '
        + 'Will be fixed in 10 minutes.',
    },
    expect: {
      'no-jargon': [false, ['SEV1', 'db-prod-03', 'OOM', 'on-call engineer']],
      'no-human-error': [false, ['Human error']],
      'no-blame': [false, ['vendor’s fault']],
      'no-fix-promise': [false, ['be fixed in 10 minutes']],
      'ownership': [false, []], 'next-update': [false, []],
    },
  },
  {
    name: 'an empty post earns nothing',
    post: { text: '   ' },
    score: 0,
    expect: { 'impact': [false, []], 'no-blame': 'n/a', 'no-jargon': 'n/a' },
  },
  // --- Near-empty posts: avoiding mistakes counts only in a post that says something ----------------------
  {
    name: '"ok" says nothing',
    post: { text: 'ok' },
    score: 0,
    expect: { 'no-blame': 'n/a', 'no-human-error': 'n/a', 'no-jargon': 'n/a', 'no-fix-promise': 'n/a' },
  },
  {
    name: '"ok" with a phase set',
    post: { phase: 'investigating', text: 'ok' },
    score: 8,
    expect: { 'phase': [true, ['phase: investigating']], 'no-blame': 'n/a' },
  },
  {
    name: '"Fixed." names the phase and nothing else',
    post: { text: 'Fixed.' },
    score: 8,
    expect: { 'phase': [true, ['Fixed']], 'action': [false, []], 'no-jargon': 'n/a' },
  },
  {
    name: '"Fixed." as the resolved post',
    post: { phase: 'resolved', text: 'Fixed.' },
    score: 7,
    expect: { 'action': [false, []], 'data-loss': [false, []], 'no-fix-promise': 'n/a' },
  },
  {
    name: '"Looking into it" with a phase set',
    post: { phase: 'investigating', text: 'Looking into it' },
    score: 8,
    expect: { 'action': [false, []], 'no-blame': 'n/a' },
  },
  {
    name: '"update soon" with a phase set',
    post: { phase: 'monitoring', text: 'update soon' },
    score: 8,
    expect: { 'next-update': [false, []], 'no-fix-promise': 'n/a' },
  },
  {
    name: 'an apology alone stays low',
    post: { phase: 'investigating', text: 'We are aware of an issue and we are sorry.' },
    score: 25,
    expect: { 'ownership': [true, ['we are sorry']], 'no-blame': 'n/a' },
  },
  {
    name: 'a post with nothing else still loses the points for its mistakes',
    post: { text: 'It was the vendor’s fault.' },
    score: 0,
    expect: { 'no-blame': [false, ['vendor’s fault']], 'no-jargon': 'n/a' },
  },
  {
    name: 'one line of impact is enough for the avoid checks to count',
    post: { phase: 'investigating', text: 'Checkout is failing.' },
    score: 60,
    expect: { 'impact': [true, ['Checkout', 'failing']], 'no-blame': [true, []], 'no-jargon': [true, []] },
  },
];

describe('scorePost', () => {
  it('has at least 30 posts in its table', () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES)('$name', ({ post, options, expect: expected, score }) => {
    const result = scorePost(post, options);
    for (const [id, outcome] of Object.entries(expected) as [RubricCheckId, NonNullable<Expect[RubricCheckId]>][]) {
      const c = check(result, id);
      if (outcome === 'n/a') expect({ id, applicable: c.applicable }).toEqual({ id, applicable: false });
      else expect({ id, applicable: c.applicable, passed: c.passed, evidence: c.evidence }).toEqual({ id, applicable: true, passed: outcome[0], evidence: outcome[1] });
    }
    if (score !== undefined) expect(result.score).toBe(score);
  });

  it('returns every check once, in order, with its title and weight', () => {
    const result = scorePost({ text: TEXTBOOK_INVESTIGATING });
    expect(result.checks.map((c) => c.id)).toEqual(Object.keys(RUBRIC_CHECK_TITLES));
    for (const c of result.checks) expect(c.title).toBe(RUBRIC_CHECK_TITLES[c.id]);
    const ordinary = result.checks.filter((c) => c.applicable);
    expect(ordinary.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
  });

  it('applies data-loss only to the final post', () => {
    const text = 'Checkout is working again.';
    expect(check(scorePost({ text }), 'data-loss').applicable).toBe(false);
    expect(check(scorePost({ text, phase: 'monitoring' }), 'data-loss').applicable).toBe(false);
    expect(check(scorePost({ text, final: true }), 'data-loss').applicable).toBe(true);
    expect(check(scorePost({ text, phase: 'resolved' }), 'data-loss').applicable).toBe(true);
    expect(check(scorePost({ text }), 'data-loss').explanation).toBe('Only the final update needs to say whether data was lost.');
  });

  it('scores the weighted share of applicable checks', () => {
    const withoutDataLoss = TEXTBOOK_RESOLVED.replace('No customer data was lost and every', 'Every');
    // Everything but data-loss (10) passes: 100 of 110 points.
    expect(scorePost({ text: withoutDataLoss, final: true }).score).toBe(91);
    // The same post as an ordinary update: data-loss does not apply, so 100 of 100.
    expect(scorePost({ text: withoutDataLoss }).score).toBe(100);
  });

  it('explains each point in one sentence that quotes the evidence', () => {
    const result = scorePost({ text: 'It was the vendor’s fault. We will fix it in 10 minutes.' });
    expect(check(result, 'no-blame').explanation).toBe('Blames a third party: "vendor’s fault".');
    expect(check(result, 'next-update').explanation).toBe('No next update time was given.');
    expect(check(result, 'no-fix-promise').explanation).toBe('Promises a fix time that may not hold: "fix it in 10 minutes".');
    expect(check(scorePost({ text: 'ok' }), 'no-jargon').explanation).toBe('Not counted: avoiding a mistake earns points only '
      + 'in a post that says the impact, what the team is doing or when the next update comes.');
    expect(check(scorePost({ phase: 'resolved', text: 'We restored checkout.' }), 'action').explanation)
      .toBe('Says what the team did or is doing: "We restored".');
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
    for (const { post, options } of [...CASES, ...CASES]) {
      const key = JSON.stringify(options ?? {});
      if (!byOptions.has(key)) byOptions.set(key, postScorer(options));
      expect(byOptions.get(key)!(post)).toEqual(scorePost(post, options));
    }
  });

  it('rates a post again only when its text, phase or finality differ', () => {
    const rate = postScorer({ internalTerms: ['orders-api'] });
    const text = 'We are investigating errors on orders-api. Next update in 15 minutes.';
    const first = rate({ text });
    expect(rate({ text })).toBe(first);
    expect(rate({ text, final: false })).toBe(first);
    expect(rate({ text, phase: 'investigating' })).not.toBe(first);
    expect(rate({ text, final: true })).toEqual(scorePost({ text, final: true }, { internalTerms: ['orders-api'] }));
    expect(rate({ text, phase: 'resolved' })).toEqual(scorePost({ text, phase: 'resolved' }, { internalTerms: ['orders-api'] }));
    expect(check(first, 'no-jargon').evidence).toEqual(['orders-api']);
    expect(check(postScorer()({ text }), 'no-jargon').evidence).toEqual([]);
  });
});
