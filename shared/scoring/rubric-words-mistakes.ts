/**
 * The mistakes the rubric takes points for, as words: shifting blame onto a third party, blaming a person,
 * over-promising, false reassurance and jargon. Data only (see `./rubric-words` for the phrase syntax).
 * Negation and hedging are handled by the rubric, not here: list the blaming form ("vendor's fault"), and
 * "not the vendor's fault" is let through while "likely the vendor's fault" is not.
 */

// --- Blame on a third party ---------------------------------------------------------------------------------

/** Blame-shifting said outright. */
export const BLAME: readonly string[] = [
  "vendor's fault", "provider's fault", "supplier's fault", "partner's fault", "bank's fault", 'their fault',
  "contractor's fault", "someone else's fault", 'not our fault', 'not our responsibility', 'not our problem',
  'not our issue', 'not our mistake', 'not our doing', 'not on our side', 'not on our end', 'on their end',
  'on their side', 'not caused by us', 'nothing to do with us', 'beyond our control', 'outside our control',
  'out of our control', 'out of our hands', 'third party issue', 'vendor issue', 'provider issue',
  'upstream issue', 'supplier issue', 'partner issue', 'third party problem', 'vendor problem',
  'provider problem', 'bank side', "on the bank's side", 'their outage', 'their mistake', 'their error',
  'their problem', 'their issue', 'their systems', 'their platform', 'their breach', 'fault lies with',
  'blame lies with', 'blame rests with', 'responsibility lies with', 'it was not us', 'it is not us',
  'not something we caused', 'through no fault of our own', 'no fault of ours', 'we are not responsible',
  'we are not to blame', 'let down by', 'let us down', 'failed us', 'dropped the ball',
  'we were not responsible', 'not our systems', 'on their part', 'their network', 'their infrastructure',
  'their storage', 'their servers', 'their software', 'their side', 'their end',
];

/** Composed: a cause, up to four words of the same clause, qualifiers and a party ("due to an outage at our provider"). */
export const BLAME_CAUSES: readonly string[] = [
  'caused by', 'due to', 'because of', 'the result of', 'a result of', 'the fault of', 'blame', 'blamed on',
  'stems from', 'stemmed from', 'originated with', 'originated at', 'traced to', 'down to', 'thanks to',
];

/** Composed: words that narrow a party down without changing who it is: "upstream cloud vendor". */
export const BLAME_QUALIFIERS: readonly string[] = [
  'database', 'db', 'data', 'upstream', 'cloud', 'hosting', 'payment', 'payments', 'dns', 'email', 'sms',
  'cdn', 'network', 'networking', 'storage', 'infrastructure', 'infra', 'managed', 'external', 'outside',
  'third party', 'service', 'software', 'hardware', 'identity', 'auth', 'telecom', 'carrier', 'messaging',
  'shipping', 'logistics', 'main', 'primary', 'key', 'largest', 'biggest', 'ci', 'integration', 'marketplace',
  'pos', 'point of sale', 'till', 'colocation', 'colo', 'facilities', 'acquiring', 'remote support', 'our',
  'the', 'their', 'its', 'a', 'an',
];

/** Composed: who the blame lands on. */
export const BLAME_PARTIES: readonly string[] = [
  'provider', 'providers', 'vendor', 'vendors', 'supplier', 'suppliers', 'third party', 'third parties',
  'partner', 'partners', 'isp', 'aws', 'amazon web services', 'azure', 'google cloud', 'gcp', 'cloudflare',
  'bank', 'contractor', 'contractors', 'remote hands', 'processor', 'acquirer', 'landlord', 'host',
];

/** Composed: a party followed by one of these is our own thing: "a bug in our payment provider integration". */
export const BLAME_OWN_THINGS: readonly string[] = [
  'integration', 'integrations', 'client', 'sdk', 'library', 'configuration', 'config', 'settings',
  'account', 'credentials', 'certificate', 'connection', 'connector', 'adapter', 'code', 'migration',
  'support', 'relationship', 'contract', 'setup',
];

/** Composed: a party followed by a verdict ("the upstream provider is to blame"). */
export const BLAME_VERDICTS: readonly string[] = [
  'is to blame', 'are to blame', 'was to blame', 'were to blame', 'is at fault', 'was at fault', 'are at fault',
  'is responsible for', 'was responsible for', 'were responsible for', 'caused this', 'caused the outage',
  'caused the problem', 'caused the incident', 'let us down', 'failed us', 'dropped the ball',
];

/** Composed: a trouble placed on their side: "a fault on their network", "an outage at their data centre". */
export const THEIR_PLACES: readonly string[] = ['on their', 'in their', 'with their', 'at their', 'within their', 'on the vendor', 'on the provider'];
/** Someone else's person ("Northgate's technician") who did something wrong is blame twice over. */
export const PERSON_NOUNS: readonly string[] = [
  'technician', 'technicians', 'engineer', 'engineers', 'employee', 'employees', 'contractor', 'staff', 'team',
  'operator', 'developer', 'admin', 'administrator',
];

/** Composed with a named party ("due to a breach AT Cinder", "Tillcraft's fault") or their place (above). */
export const BLAME_TROUBLES: readonly string[] = [
  'problem', 'issue', 'failure', 'outage', 'incident', 'breach', 'error', 'fault', 'bug', 'mistake',
  'security incident', 'compromise', 'hack', 'attack', 'power failure', 'storage failure', 'failed update',
];
export const POSSESSED_FAULTS: readonly string[] = [
  'fault', 'mistake', 'error', 'outage', 'breach', 'failure', 'problem', 'issue', 'negligence', 'side', 'end',
];

// --- Blaming a person ----------------------------------------------------------------------------------------

/** "Human error" and its relatives: a person, not the system that let the mistake through. */
export const HUMAN_ERROR: readonly string[] = [
  'human error', 'human mistake', 'operator error', 'operator mistake', 'employee error', 'staff error',
  'user error', 'engineer error', 'technician error', 'contractor error', 'manual error', 'individual error',
  'personal error', 'fat finger', 'fat fingered', 'fat fingering', "someone's mistake", "somebody's mistake",
  "an engineer's mistake", "an employee's mistake", "a technician's mistake", 'negligence', 'carelessness',
  'careless', 'incompetence', 'rogue employee', 'a typo by', 'typo made by', 'mistake by one of our',
  'mistake made by one of our', 'mistake by an', 'mistake made by an', 'error by one of our', 'error by an',
  'mistake by a', 'mistake by the', 'error by the', 'error on the part of', 'mistake on the part of',
];

/** Composed: who (a person or a team of ours) … */
export const PERSONS: readonly string[] = [
  'engineer', 'an engineer', 'one of our engineers', 'a member of our team', 'a member of the team',
  'a team member', 'an employee', 'one of our employees', 'a staff member', 'a member of staff',
  'a technician', 'the technician', 'their technician', 'a contractor', 'the contractor', 'an operator',
  'the operator', 'an administrator', 'an admin', 'a developer', 'one of our developers', 'a new hire',
  'an intern', 'a colleague', 'someone', 'somebody', 'a person', 'an individual', 'the on call engineer',
  'our on call engineer', 'a dba', 'the dba', 'a sysadmin', 'a worker', 'the engineer', 'the employee',
  'he', 'she', 'a junior engineer', 'a senior engineer', 'an sre', 'the night shift', 'the ops team',
  'the operations team', 'the storage team', 'the network team', 'the networking team', 'the support team',
  'the database team', 'the platform team', 'the security team', 'the it team', 'the dev team',
  'the development team', 'the sales team', 'the finance team', 'the infrastructure team', 'the release team',
  'our ops team', 'our operations team', 'our storage team', 'our network team', 'our it team',
  'our security team', 'our database team', 'our dev team', 'our night shift', 'the store systems team',
];

/** Composed: … did something wrong. */
export const MISTAKES: readonly string[] = [
  'typed the wrong', 'typed a wrong', 'typed in the wrong', 'mistyped', 'ran the wrong', 'ran a wrong',
  'ran the command on the wrong', 'pulled the wrong', 'removed the wrong', 'deleted the wrong',
  'clicked the wrong', 'pressed the wrong', 'pushed the wrong', 'entered the wrong', 'executed the wrong',
  'chose the wrong', 'picked the wrong', 'accidentally', 'mistakenly', 'by mistake', 'made a mistake',
  'made an error', 'made a typo', 'fat fingered', 'misconfigured', 'forgot to', 'failed to follow',
  'did not follow', 'ignored the', 'misread', 'mislabelled', 'mislabeled', 'messed up', 'screwed up',
  'botched', 'caused the outage', 'caused this outage', 'caused the incident', 'caused this', 'took down',
  'brought down', 'broke', 'was careless', 'was negligent', 'did not check',
  'should have known', 'should have checked', 'approved it without', 'typed', 'deleted', 'wiped', 'pulled',
  'unplugged', 'left {gap} exposed', 'left {gap} open', 'left {gap} unpatched', 'left {gap} unprotected',
  'left {gap} switched off', 'left {gap} on silent',
];

/** Naming or punishing someone. */
export const PUNISHMENT: readonly string[] = [
  'has been let go', 'was let go', 'will be let go', 'have let him go', 'have let her go', 'have let them go',
  'has been fired', 'was fired', 'will be fired', 'has been sacked', 'was sacked', 'has been dismissed',
  'was dismissed', 'will be dismissed', 'has been disciplined', 'will be disciplined', 'disciplinary action',
  'is being disciplined', 'will be held accountable', 'hold them accountable',
  'hold him accountable', 'hold her accountable', 'face consequences', 'no longer works here',
  'no longer works for us', 'no longer with us', 'no longer with the company', 'the person responsible',
  'the engineer responsible', 'the employee responsible', 'the technician responsible',
  'the contractor responsible', 'the individual responsible', 'those responsible', 'whoever did this',
  'removed from the team', 'suspended pending', 'will not be using them again', 'stop working with them',
];

// --- Over-promising ----------------------------------------------------------------------------------------

/** Promises nobody can keep: it will never happen again, it is guaranteed. */
export const NEVER_AGAIN: readonly string[] = [
  'never happen again', 'will never happen again', 'will not happen again', 'not happen again',
  'does not happen again', 'cannot happen again', 'will not recur', 'will not be repeated',
  'never happens again', 'never recur', 'not recur', 'never be repeated', 'never see this again',
  'never again', 'make sure this never', 'make sure it never', 'ensure this never', 'ensure it never',
  'ensure that this never', 'ensure this cannot', 'ensure this does not happen again',
  'ensure this will not happen again', 'ensure it does not happen again', 'ensure that it does not happen again',
  'ensure that this does not happen again', 'prevent this from ever happening again', 'never ever',
  'the last time this', 'never have to worry',
];
export const GUARANTEES: readonly string[] = [
  'we guarantee', 'i guarantee', 'guarantee that', 'guaranteed', 'rest assured', '100% sure', '100% certain',
  '100% guaranteed', '100% safe', '100% secure', '100% reliable', 'completely eliminated',
  'fully eliminated', 'eliminated the risk', 'eliminated any risk', 'zero risk', 'bulletproof', 'will never fail',
  'will always work',
];

/** A time promised for the fix: fix wording plus a deadline (not the next update). */
export const FIX_ETAS: readonly string[] = [
  'fixed {gap} {deadline}', 'resolved {gap} {deadline}', 'be fixed {gap} {deadline}', 'be resolved {gap} {deadline}',
  'be restored {gap} {deadline}', 'be back {gap} {deadline}', 'back up {gap2} {deadline}', 'back online {gap2} {deadline}',
  'back to normal {gap2} {deadline}', 'be up and running {gap} {deadline}', 'up and running again {gap2} {deadline}',
  'be working again {gap} {deadline}', 'working again {deadline}', 'be operational {gap} {deadline}',
  'be available again {gap} {deadline}', 'be live {gap2} {deadline}', 'be deployed {gap2} {deadline}',
  'ship {gap2} {deadline}', 'be shipped {gap2} {deadline}', 'fix {gap} {deadline}', 'resolve {gap} {deadline}',
  'restore {gap} {deadline}', 'repair {gap} {deadline}', 'recover {gap} {deadline}', 'have it fixed {gap} {deadline}',
  'have this fixed {gap} {deadline}', 'have it resolved {gap} {deadline}', 'have this resolved {gap} {deadline}',
  'recovery {gap2} {deadline}', 'restoration {gap2} {deadline}', 'resolution {gap2} {deadline}',
  'be back at {clock}', 'be restored at {clock}', 'be fixed at {clock}', 'back by {clock}', 'sorted {gap} {deadline}',
  'sorted out {gap} {deadline}',
  'eta for the fix', 'eta for a fix', 'eta for resolution', 'eta to resolution', 'fix eta', 'eta is {clock}',
  'eta: {clock}', 'eta of {gap2} minutes', 'eta of {gap2} hour', 'eta {clock}', 'estimated time to resolution',
  'expected resolution time', 'estimated resolution time', 'expected to be back', 'expected back',
];

/** The word right before a fix phrase that makes it a report of the past: "was resolved", "we fixed". */
export const PAST_MARKERS: ReadonlySet<string> = new Set(['was', 'were', 'been', 'has', 'have', 'had', 'we', 'they', 'got']);

/** "We cannot PROMISE it will never happen again": a negated one of these before a promise withdraws it. */
export const DISCLAIMERS: ReadonlySet<string> = new Set([
  'promise', 'guarantee', 'say', 'claim', 'pretend', 'commit', 'give', 'put', 'offer', 'predict', 'estimate',
  'provide', 'know', 'sure', 'certain', 'confirm', 'want', 'going', 'able', 'share', 'have',
]);

// --- False reassurance -------------------------------------------------------------------------------------

/** Telling customers not to worry, or dressing the incident up as something routine. */
export const REASSURANCE: readonly string[] = [
  'nothing to worry about', 'no need to worry', 'no need for concern', 'no need to be concerned',
  'no need to panic', "don't worry", 'do not worry', 'no cause for concern', 'no cause for alarm',
  'no reason to worry', 'no reason for concern', 'nothing to be concerned about', 'there is no risk',
  'no risk to you', 'no risk to your', 'no risk to customers', 'no risk whatsoever', 'absolutely no risk',
  'completely safe', 'totally safe', 'perfectly safe', 'entirely safe', 'absolutely safe', 'completely secure',
  'totally secure', 'fully secure', 'no customers were affected', 'no customers are affected',
  'no customers have been affected', 'no customer impact', 'no impact to customers', 'no impact on customers',
  'no users were affected', 'no users are affected', 'no user impact', 'nobody was affected',
  'nobody is affected', 'no one was affected', 'no one is affected', 'only a handful', 'a tiny number',
  'tiny fraction', 'negligible', 'minor glitch', 'minor hiccup', 'minor blip', 'small glitch', 'small hiccup',
  'brief glitch', 'brief hiccup', 'brief blip', 'temporary glitch', 'temporary blip', 'slight hiccup',
  'technical hiccup', 'minor inconvenience', 'a blip', 'maintenance issue', 'brief maintenance',
  'planned systems upgrade', 'planned system upgrade', 'planned upgrade', 'scheduled upgrade',
  'systems upgrade', 'system upgrade', 'upgrading our systems', 'upgrading systems', 'planned maintenance',
  'scheduled maintenance', 'routine maintenance', 'routine update', 'a minor issue', 'just a glitch',
];

/** "During planned maintenance overnight, a switch was removed" is context, not a cover story. */
export const CONTEXT_BEFORE_MAINTENANCE: ReadonlySet<string> = new Set(['during', 'in', 'after', 'before', 'of', 'our', 'last', "night's", 'window']);

/** Reassurance that is only false while the incident is open. */
export const OPEN_INCIDENT_REASSURANCE: readonly string[] = [
  'all systems operational', 'all systems are operational', 'all systems go', 'everything is fine',
  'everything is working normally', 'everything is normal', 'business as usual',
  'everything is operating normally', 'no known issues',
];

// --- Jargon ------------------------------------------------------------------------------------------------

/**
 * Internal jargon customers don't understand. Hostnames, IPs, status codes and internal acronyms are found
 * by shape (see {@link INTERNAL_HOSTS} and the rubric's jargon module). "The primary" is listed only in
 * contexts where it means a database, so "the primary symptom" stays fine.
 */
export const JARGON: readonly string[] = [
  '5xx', '4xx', 'http 5xx', 'p99', 'p95', 'p90', 'p50', 'oom', 'oomkilled', 'oom killed', 'k8s', 'kubernetes',
  'pod', 'pods', 'replica lag', 'replication lag', 'replica', 'replicas', 'read replica', 'replication',
  'failover to the secondary', 'to the secondary', 'the secondary database', 'on the primary',
  'to the primary', 'from the primary', 'the primary database', 'the primary db', 'the primary node',
  'the primary instance', 'the primary cluster', 'primary database', 'primary db', 'rds', 'aurora',
  'bgp', 'dns ttl', 'ttl', 'shard', 'shards', 'write quorum', 'quorum', 'crashloopbackoff', 'sev0', 'sev1',
  'sev2', 'sev3', 'sev 0', 'sev 1', 'sev 2', 'etcd', 'connection pool', 'thread pool', 'gc pause', 'heap',
  'ec2', 'availability zone', 'canary', 'mttr', 'mttd', 'runbook', 'playbook', 'pagerduty', 'on call engineer',
  'oncall', 'jvm', 'sigkill', 'kill 9', 'segfault', 'stack trace', 'deadlock', 'race condition', 'split brain',
  'write ahead log', 'wal', 'postmaster', 'load balancer', 'vpc', 'subnet', 'nat gateway', 'security group',
  'iam', 'oauth', 'oauth token', 'oauth tokens', 'tls handshake', 'container registry', 'storage bucket',
  's3 bucket', 'kafka', 'redis', 'postgres', 'postgresql', 'mysql', 'mongodb', 'elasticsearch', 'nginx',
  'haproxy', 'grafana', 'datadog', 'prometheus', 'splunk', 'war room', 'edr', 'siem', 'exfiltration',
  'lateral movement', 'smb', 'rdp', 'domain admin', 'domain admins', 'active directory', 'hmi', 'erp', 'scada',
  'hypervisor', 'vm', 'vms', 'virtual machine', 'raid', 'storage controller', 'write cache', 'transfer switch',
  'vlan', 'uplink', 'uplinks', 'aggregation switch', 'ci pipeline', 'ci pipelines', 'deploy key', 'cron job',
  'config flag', 'feature flag', 'rollout percentage', 'bad gateway',
  'gateway timeout', 'internal server error', 'p1', 'p0', 'p2', 'rca', 'ioc', 'c2 server', 'dns exfiltration',
];

/** Shapes of internal hostnames. */
export const INTERNAL_HOSTS = {
  /** Private DNS suffixes: `orders-db.internal`, `build.corp`. */
  suffixes: ['internal', 'local', 'corp', 'lan', 'intranet'],
  /** A hyphenated name with one of these parts is an internal service name: `orders-db`, `worker-12`. */
  segments: [
    'db', 'prod', 'production', 'staging', 'stg', 'dev', 'qa', 'redis', 'pg', 'postgres', 'mysql', 'mongo',
    'kafka', 'rds', 'k8s', 'ec2', 'lb', 'elb', 'alb', 'worker', 'node', 'srv', 'host', 'vm', 'cache', 'api',
    'svc', 'gateway', 'agg', 'cluster', 'queue',
  ],
} as const;

/** Words with digits that are not hostnames: file formats and the like. */
export const DIGIT_WORDS_ALLOWED: ReadonlySet<string> = new Set([
  'mp3', 'mp4', 'h264', 'h265', 'ipv4', 'ipv6', 'utf8', 'utf-8', 'x86', 'x64', 'arm64', 'md5', 'sha1',
  'sha256', 'web3', 'covid19', 'covid-19', 'win10', 'win11', 'ios17', 'usb3', 'wi-fi6', 'i18n', 'sso2',
]);

/** Capitalised abbreviations customers know; any other in capitals is treated as internal. */
export const ACRONYMS_ALLOWED: ReadonlySet<string> = new Set([
  'utc', 'gmt', 'bst', 'cet', 'cest', 'est', 'edt', 'pst', 'pdt', 'et', 'pt', 'ist', 'aest', 'am', 'pm', 'ok',
  'us', 'uk', 'eu', 'usa', 'vat', 'faq', 'faqs', 'ceo', 'cfo', 'cto', 'coo', 'ciso', 'it', 'pdf', 'csv', 'api',
  'apis', 'sms', 'url', 'pin', 'atm', 'id', 'ids', 'tv', 'pc', 'vpn', 'sso', 'mfa', '2fa', 'gdpr', 'eta', 'hr',
  'ai', 'www', 'ios', 'usb', 'gps', 'nhs', 'fbi', 'ico', 'ncsc', 'llc', 'ltd', 'inc', 'plc', 'asap', 'fyi', 'ps',
  'nb', 'q1', 'q2', 'q3', 'q4', 'a4', 'a3', 'a5', 'g7', 'vip', 'diy', 'tl', 'i', 'a', 'we', 'no', 'is', 'all',
  'now', 'not', 'new', 'our', 'and', 'the', 'are', 'for', 'you', 'yes', 'an', 'to', 'of', 'on', 'in', 'at',
  'by', 'or', 'if', 'be', 'do', 'so', 'up', 'go', 'me', 'my', 'he', 'she', 'dm', 'pr', 'amp', 'ux', 'ui',
  'sla', 'usd', 'gbp', 'eur', 'btc', 'sku', 'skus', 'po', 'ach', 'iban', 'bic', 'swift', 'ach', 'ai',
]);
