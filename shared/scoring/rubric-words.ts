/**
 * Every word and phrase the status-page communication rubric (`./rubric.ts`) looks for. Data only: the
 * rubric compiles these lists once, so a facilitator tuning the rubric edits this file and nothing else.
 *
 * Phrase syntax, kept deliberately small:
 * - Words are matched whole and case-insensitively. A space matches any run of whitespace or hyphens, so
 *   "third party" also finds "third-party" and "third\n party"; curly apostrophes count as straight ones.
 * - Forms listed together in {@link EQUIVALENT_FORMS} match each other: "we are sorry" finds "we're sorry",
 *   "we apologise" finds "we apologize".
 * - `{gap}` stands for up to four words inside one clause (never across punctuation or a
 *   {@link GAP_STOP_WORDS} word), so "caused by {gap} provider" finds "caused by an outage at our provider".
 * - `{when}` is a time or interval: "in 30 minutes", "within the hour", "by 14:30 UTC", "at 3pm", "every hour".
 * - `{deadline}` is the narrower "in / within / by" part of `{when}`: a fix promised "by 3pm" is a promise,
 *   while "restored at 14:05" is usually a timestamp.
 * - `{clock}` is a bare clock time with an optional zone: "14:30 UTC", "3pm".
 * - Lists marked "composed" are not whole phrases: the rubric joins one phrase of each list in turn, as
 *   separate words (what was done: doer + deed, or remedy + auxiliary + applied; blame: cause + `{gap}` + up
 *   to three qualifiers + party, unless an "own thing" follows the party).
 */

/** Phrases per rubric check. Longer phrases win where matches overlap, so evidence quotes the fullest wording. */
export const RUBRIC_WORDS = {
  /** Check 1: the post says which of the four Statuspage phases it is in. */
  phase: [
    'investigating', 'looking into', 'identified', 'found the cause', 'found the root cause', 'root cause',
    'monitoring', 'watching', 'keeping an eye on', 'resolved', 'fixed', 'restored', 'fully recovered',
    'back to normal',
  ],
  /**
   * Check 2: impact as customers feel it — what they can't do, who is affected, what is slow or failing.
   * No bare "error": "human error" must not earn an impact point.
   */
  impact: [
    'unable to', 'not able to', 'cannot', 'failing', 'fails', 'failed to', 'failures', 'errors', 'an error',
    'errors when', 'error when', 'error message', 'error messages', 'error rate', 'error rates', 'unavailable',
    'not available', 'not loading', 'not working', 'slow', 'slower than usual', 'slowness', 'delayed', 'delays',
    'degraded', 'intermittent', 'timing out', 'timeouts', 'outage',
    'some customers', 'some users', 'customers', 'users', 'orders', 'payments', 'checkout', 'check out',
    'log in', 'login', 'logins', 'sign in', 'logging in', 'signing in',
  ],
  /** Check 3: what the team is doing right now. Naming a partner you work with is action, not blame. */
  action: [
    'we are rolling back', 'rolling back', 'rolled back', 'reverting', 'reverted', 'we are working',
    'working on', 'working to', 'working with', 'our engineers are', 'our engineers have', 'our team is',
    'our team has', 'we have failed over', 'failed over', 'failing over', 'switched over', 'we are restoring',
    'restoring', 'we have restored', 'deploying a fix', 'deployed a fix', 'applying a fix', 'applied a fix',
    'implemented a fix', 'implementing a fix', 'we are investigating', 'we are monitoring',
    'we have identified', 'we have disabled', 'we have paused', 'adding capacity', 'added capacity',
    'rerouting', 'rerouted', 'mitigating', 'mitigated', 'reprocessing', 'we are contacting', 'we are fixing',
  ],
  /**
   * Check 3, composed, final post only: what was done counts as what we are doing. It is one of a `doers` phrase right
   * before a `deeds` phrase ("we restored", "our team has moved"), a `remedies` phrase, an `auxiliaries`
   * phrase and an `applied` phrase ("the fix has been deployed"), or a `followUps` phrase ("we will publish").
   * Bare outcomes ("fixed", "service was restored") only name the phase, and deploying or releasing counts
   * only with a fix, because "we deployed a change" is usually how the incident began.
   */
  actionDone: {
    doers: [
      'we', 'we have', 'we have now', 'we have also', 'we then', 'we also', 'we quickly', 'our engineers',
      'our engineers have', 'our team', 'our team has', 'the team', 'the team has', 'engineers', 'engineers have',
    ],
    deeds: [
      'restored', 'rolled back', 'reverted', 'moved', 'migrated', 'recovered', 'repaired', 'replaced', 'fixed',
      'resolved', 'applied', 'rolled out', 'rerouted', 'redirected', 'routed', 'switched', 'failed over',
      'shifted', 'added', 'increased', 'scaled', 'disabled', 'turned off', 'removed', 'patched', 'rebuilt',
      'restarted', 'reprocessed', 'replayed', 'refunded', 'credited', 'contacted', 'corrected', 'cleared',
      'implemented', 'put in place', 'identified', 'isolated', 'blocked', 'upgraded', 'paused', 'mitigated',
      'worked with', 'deployed a fix', 'deployed the fix', 'shipped a fix', 'shipped the fix', 'released a fix',
      'released the fix',
    ],
    remedies: [
      'fix', 'patch', 'hotfix', 'workaround', 'mitigation', 'rollback', 'traffic', 'failover', 'check', 'checks',
      'safeguard', 'safeguards', 'capacity', 'orders', 'payments',
    ],
    auxiliaries: ['has been', 'have been', 'has now been', 'have now been', 'was', 'were'],
    applied: [
      'deployed', 'applied', 'rolled out', 'released', 'shipped', 'implemented', 'put in place', 'added',
      'moved', 'rerouted', 'redirected', 'shifted', 'failed over', 'switched over', 'rolled back', 'reverted',
      'reprocessed', 'replayed', 'refunded', 'increased',
    ],
    followUps: [
      'we will publish', 'we will share', 'we will send', 'we will follow up', 'we are preparing',
      'we will prepare', 'we are writing', 'we will write', 'we will review', 'we are reviewing',
      'we will be reviewing', 'we will contact', 'we will reach out', 'we will refund', 'we will credit',
    ],
  },
  /**
   * Check 4: when the next update comes. Every phrase needs an update word and a time: "soon" is not a time.
   * A bare "update" takes only a future time ("in 30 minutes", "by 15:00"), because "a config update at 09:10"
   * is a timestamp. For the final post the next update is the incident report, so promising one counts.
   */
  nextUpdate: [
    'next update {gap} {when}', 'next update: {clock}', 'another update {gap} {when}', 'further update {gap} {when}',
    'update again {gap} {when}', 'we will {gap} update {gap} {when}', 'update {gap} {deadline}',
    'updates {gap} {when}', 'post again {gap} {when}', 'report back {gap} {when}', 'check back {gap} {when}',
    'more information {gap} {when}', 'more details {gap} {when}', 'share more {gap} {when}',
    'let you know {gap} {when}', 'keep you posted {gap} {when}', 'keep you updated {gap} {when}',
    'incident report {gap} {when}', 'postmortem {gap} {when}', 'post mortem {gap} {when}',
    'incident review {gap} {when}', 'root cause analysis {gap} {when}', 'write up {gap} {when}',
  ],
  /** Check 5: ownership or apology. */
  ownership: [
    'we are sorry', 'we are so sorry', 'we are very sorry', 'we are deeply sorry', 'sorry for', 'sorry about',
    'we apologise', 'we sincerely apologise', 'we deeply apologise', 'apologise for', 'our apologies',
    'apologies for', 'our responsibility', 'this is our responsibility', 'we take full responsibility',
    'we take responsibility', 'we own this', 'our mistake', 'our error', 'our fault', 'it is ours',
    'this is ours', 'this is on us', 'that is on us', 'we let you down', 'we regret',
  ],
  /**
   * Check 6: blame-shifting said outright. Matches right after a negation ("not the vendor's fault — it's
   * ours", "this is not a vendor issue") are skipped by the rubric, so only list the shifting form here.
   */
  blame: [
    "vendor's fault", "provider's fault", "supplier's fault", "partner's fault", 'their fault',
    'not our fault', 'is not our fault', 'was not our fault', 'not our responsibility', 'not our problem',
    'not our issue', 'not our mistake',
    'not on our side', 'not on our end', 'on their end', 'on their side', 'not caused by us',
    'nothing to do with us', 'beyond our control', 'outside our control', 'out of our control',
    'out of our hands', 'third party issue', 'vendor issue', 'provider issue', 'upstream issue',
    'third party problem', 'vendor problem', 'provider problem',
  ],
  /**
   * Check 6, composed: a cause ("due to"), up to four words of the same clause, up to three
   * `blameQualifiers` and a party: "due to an outage at our database provider", "caused by a failure at our
   * upstream cloud vendor".
   */
  blameCauses: ['caused by', 'due to', 'because of', 'the result of', 'the fault of', 'blame'],
  /** Check 6, composed: words that narrow a party down without changing who it is: "upstream cloud vendor". */
  blameQualifiers: [
    'database', 'db', 'data', 'upstream', 'cloud', 'hosting', 'payment', 'payments', 'dns', 'email', 'sms',
    'cdn', 'network', 'networking', 'storage', 'infrastructure', 'infra', 'managed', 'external', 'outside',
    'third party', 'service', 'software', 'hardware', 'datacenter', 'data center', 'identity', 'auth',
    'telecom', 'carrier', 'messaging', 'shipping', 'logistics', 'main', 'primary', 'key', 'largest', 'biggest',
  ],
  blameParties: [
    'provider', 'providers', 'vendor', 'vendors', 'supplier', 'suppliers', 'third party', 'third parties',
    'cloud provider', 'hosting provider', 'payment provider', 'payments provider', 'dns provider',
    'partner', 'partners', 'isp', 'aws', 'amazon web services', 'azure', 'google cloud', 'gcp', 'cloudflare',
  ],
  /**
   * Check 6, composed: a party followed by one of these is our own thing, not blame: "due to a bug in our
   * payment provider integration".
   */
  blameOwnThings: [
    'integration', 'integrations', 'client', 'sdk', 'library', 'configuration', 'config', 'settings',
    'account', 'credentials', 'certificate', 'connection', 'connector', 'adapter', 'code', 'migration',
  ],
  /** Check 6, composed: a party followed by a verdict ("the upstream provider is to blame"). */
  blameVerdicts: ['is to blame', 'are to blame', 'was to blame', 'were to blame', 'is at fault', 'was at fault'],
  /** Check 7: scapegoating a person instead of the system that let the mistake through. */
  humanError: [
    'human error', 'operator error', 'employee error', 'staff error', 'user error', 'engineer error',
    'engineer made a mistake', 'engineers made a mistake', 'employee made a mistake',
    'team member made a mistake', 'mistake by one of our engineers', 'mistake by an engineer',
    'mistake made by one of our engineers', 'mistake made by an engineer', 'mistake by an employee',
    'an engineer accidentally', 'one of our engineers accidentally', 'an employee accidentally',
    'fat finger', 'fat fingered',
  ],
  /**
   * Check 8: internal jargon customers don't understand. Hostnames and IP addresses are found by shape
   * (see {@link INTERNAL_HOSTS}). "The primary" is listed only in contexts where it means a database, so
   * "the primary symptom" stays fine.
   */
  jargon: [
    '5xx', '4xx', 'http 5xx', 'p99', 'p95', 'p50', 'oom', 'oomkilled', 'oom killed', 'k8s', 'kubernetes',
    'pod', 'pods', 'replica lag', 'replication lag', 'replica', 'replicas', 'read replica',
    'failover to the secondary', 'to the secondary', 'the secondary database', 'on the primary',
    'to the primary', 'from the primary', 'the primary database', 'the primary db', 'the primary node',
    'the primary instance', 'the primary cluster', 'primary database', 'primary db', 'rds', 'aurora',
    'bgp', 'dns ttl', 'ttl', 'shard', 'shards', 'write quorum', 'quorum', 'crashloopbackoff', 'sev0',
    'sev1', 'sev2', 'sev 0', 'sev 1', 'sev 2', 'etcd', 'connection pool', 'thread pool', 'gc pause',
    'heap', 'ec2', 'availability zone', 'canary', 'mttr', 'runbook', 'pagerduty', 'on call engineer',
  ],
  /**
   * Check 9: a promised fix time: fix wording plus a deadline. Matches right after a {@link PAST_MARKERS} word
   * are skipped, so "was resolved within 20 minutes" in the final post is not a promise.
   */
  fixPromise: [
    'fixed {gap} {deadline}', 'resolved {gap} {deadline}', 'be fixed {gap} {deadline}',
    'be resolved {gap} {deadline}', 'be restored {gap} {deadline}', 'be back {gap} {deadline}',
    'be back up {gap} {deadline}', 'be back online {gap} {deadline}', 'be up and running {gap} {deadline}',
    'be working again {gap} {deadline}', 'be operational {gap} {deadline}', 'be available again {gap} {deadline}',
    'fix {gap} {deadline}', 'resolve {gap} {deadline}', 'restore {gap} {deadline}', 'repair {gap} {deadline}',
    'recover {gap} {deadline}', 'have it fixed {gap} {deadline}', 'have this fixed {gap} {deadline}',
    'have it resolved {gap} {deadline}', 'have this resolved {gap} {deadline}', 'back up {deadline}',
    'back online {deadline}',
    'eta for the fix', 'eta for a fix', 'eta for resolution', 'eta to resolution', 'fix eta',
    'estimated time to resolution', 'expected resolution time', 'estimated resolution time',
  ],
  /** Check 10 (final post only): says whether data was lost, either way. */
  dataLoss: [
    'no data was lost', 'no data has been lost', 'no data loss', 'no data', 'no customer data',
    'no customer data was affected', 'no customer data was lost', 'data loss', 'data was lost',
    'data were lost', 'lost data', 'not lost', 'were lost', 'was lost', 'been lost', 'have been recovered',
    'has been recovered', 'were recovered', 'was recovered', 'data is safe', 'data was safe',
    'data is intact', 'data remains intact', 'data was not affected', 'data was unaffected',
  ],
} as const;

/** Spellings that mean the same thing: contractions and UK/US spellings. Each group matches as one. */
export const EQUIVALENT_FORMS: readonly (readonly string[])[] = [
  ['we are', "we're"], ['we have', "we've"], ['we will', "we'll"], ['it is', "it's"], ['that is', "that's"],
  ['is not', "isn't"], ['are not', "aren't"], ['was not', "wasn't"], ['do not', "don't"],
  ['cannot', "can't", 'can not'], ['will not', "won't"],
  ['apologise', 'apologize'], ['apologised', 'apologized'], ['apologising', 'apologizing'],
];

/** A match right after one of these words (within a few words, same clause) is a negation: "not the vendor's fault". */
export const NEGATORS: readonly string[] = ['not', 'no', 'never', 'nor', 'cannot', 'neither'];

/** The word right before a fix phrase that makes it a report of the past: "was resolved", "we fixed". */
export const PAST_MARKERS: readonly string[] = ['was', 'were', 'been', 'has', 'have', 'had', 'we', 'they'];

/** `{gap}` never crosses these: "restore service and update you in 30 minutes" is an update, not a fix promise. */
export const GAP_STOP_WORDS: readonly string[] = [
  'and', 'but', 'or', 'so', 'then', 'was', 'were', 'been', 'update', 'updates',
];

/** Vocabulary for `{when}`, `{deadline}` and `{clock}`. */
export const TIME_WORDS = {
  numbers: [
    'a', 'an', 'one', 'two', 'three', 'four', 'five', 'ten', 'fifteen', 'twenty', 'thirty', 'forty five',
    'sixty', 'ninety', 'a few', 'a couple of', 'half an',
  ],
  units: [
    'minutes', 'minute', 'mins', 'min', 'hours', 'hour', 'hrs', 'hr', 'days', 'day', 'business days', 'working days',
  ],
  weekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  zones: ['utc', 'gmt', 'bst', 'cet', 'cest', 'est', 'edt', 'pst', 'pdt', 'et', 'pt', 'ist', 'aest'],
} as const;

/** Shapes of internal hostnames. */
export const INTERNAL_HOSTS = {
  /** Private DNS suffixes: `orders-db.internal`, `build.corp`. */
  suffixes: ['internal', 'local', 'corp', 'lan', 'intranet'],
  /** A hyphenated name with one of these parts is an internal service name: `orders-db`, `worker-12`. */
  segments: [
    'db', 'prod', 'production', 'staging', 'stg', 'dev', 'qa', 'redis', 'pg', 'postgres', 'mysql', 'mongo',
    'kafka', 'rds', 'k8s', 'ec2', 'lb', 'elb', 'alb', 'worker', 'node', 'srv', 'host', 'vm', 'cache',
  ],
} as const;
