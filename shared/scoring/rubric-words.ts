/**
 * The words the communication rubric reads by: what a post must say (this file), the mistakes it must not
 * make (`./rubric-words-mistakes`) and the facts it must not contradict (`./rubric-words-facts`). Data only:
 * the rubric compiles these lists once (`./rubric-phrases` describes the phrase syntax), so tuning the
 * vocabulary never touches the logic. Everything is lower case.
 */

/** Spellings that mean the same thing: contractions and UK/US spellings. Each group matches as one. */
export const EQUIVALENT_FORMS: readonly (readonly string[])[] = [
  ['we are', "we're"], ['we have', "we've"], ['we will', "we'll"], ['it is', "it's"], ['that is', "that's"],
  ['is not', "isn't"], ['are not', "aren't"], ['was not', "wasn't"], ['were not', "weren't"], ['do not', "don't"],
  ['does not', "doesn't"], ['did not', "didn't"], ['have not', "haven't"], ['has not', "hasn't"],
  ['cannot', "can't", 'can not'], ['will not', "won't"], ['could not', "couldn't"],
  ['apologise', 'apologize'], ['apologised', 'apologized'], ['apologising', 'apologizing'],
];

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

// --- Reading clauses ---------------------------------------------------------------------------------------

/** Words that negate what follows them in their clause ("not", and every "…n't" word). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'nor', 'neither', 'cannot', 'none', 'nobody', 'nothing', 'without',
]);

/**
 * Words that may stand between a negation and what it negates: "not THE vendor's fault", "was not CAUSED BY
 * human error". Any other word ends the negation's reach ("not SURE yet, likely human error").
 */
export const BRIDGE_WORDS: ReadonlySet<string> = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', "it's", 'it', 'this', 'that', 'these', 'those',
  'the', 'a', 'an', 'any', 'caused', 'by', 'due', 'to', 'because', 'of', 'result', 'from', 'at', 'all', 'in',
  'fact', 'actually', 'really', 'do', 'does', 'did', 'have', 'has', 'had', 'one', 'single',
]);

/** "and" / "so" start a new clause when a subject follows: "This is our problem | and we are working on it". */
export const CLAUSE_JOINERS: ReadonlySet<string> = new Set(['and', 'so', 'or', 'then', 'but', 'because', 'while', 'although', 'though', 'whereas', 'however', 'which']);
export const CLAUSE_SUBJECTS: ReadonlySet<string> = new Set([
  'we', "we're", "we've", "we'll", 'i', 'you', 'it', "it's", 'this', 'they', 'our', 'that', 'there', 'some',
  'customers', 'users', 'no', 'nobody', 'none', 'all', 'every', 'the', 'a', 'an', 'your', 'everything', 'nothing',
]);

// --- Check: phase -----------------------------------------------------------------------------------------

/** The post names its phase in words. */
export const PHASE_WORDS: readonly string[] = [
  'investigating', 'looking into', 'identified', 'found the cause', 'found the root cause', 'root cause',
  'monitoring', 'watching', 'keeping an eye on', 'resolved', 'fixed', 'restored', 'fully recovered',
  'back to normal',
];

// --- Check: impact in customer terms ------------------------------------------------------------------------

/**
 * Who and what customers know: a clause about impact names one of these (after hostnames and the scenario's
 * internal terms are blanked out, so "orders" in `orders-db` counts for nothing).
 */
export const CUSTOMER_WORDS: readonly string[] = [
  'customer', 'customers', "customer's", "customers'", 'user', 'users', 'you', 'your', 'anyone', 'everyone',
  'some of you', 'people', 'shoppers', 'buyers', 'merchants', 'clinics', 'practices', 'hospitals', 'depots',
  'couriers', 'drivers', 'stores', 'shops', 'teams', 'businesses', 'accounts', 'account', 'clients', 'members',
  'subscribers', 'visitors', 'patients', 'airlines', 'partners', 'sellers', 'designers', 'nothing', 'nobody',
  'no one', 'everything', 'depot', 'clinic', 'practice', 'hospital', 'store', 'shop', 'merchant', 'business',
  'courier', 'driver', 'airline', 'plant', 'site', 'sites',
  'checkout', 'check out', 'orders', 'order', 'payments', 'payment', 'card payments', 'cards', 'purchases',
  'basket', 'cart', 'login', 'logins', 'log in', 'logging in', 'sign in', 'signing in', 'site', 'website',
  'web site', 'app', 'apps', 'application', 'our service', 'the service', 'your service', 'service is',
  'service was', 'service has', 'service will', 'our services', 'all services', 'all our services', 'services are',
  'product', 'our platform', 'the platform', 'files', 'file',
  'uploads', 'upload', 'downloads', 'exports', 'export', 'images', 'thumbnails', 'pages', 'page', 'dashboard',
  'dashboards', 'invoices', 'invoice', 'invoicing', 'labels', 'label', 'label printing', 'tracking', 'parcels',
  'deliveries', 'records', 'patient records', 'appointments', 'bookings', 'booking', 'payouts', 'payout',
  'settlement', 'settlements', 'transfers', 'posts', 'scheduled posts', 'messages', 'emails', 'email',
  'notifications', 'api', 'integrations', 'integration', 'search', 'workspace', 'workspaces', 'boards',
  'board', 'projects', 'tasks', 'comments', 'attachments', 'tills', 'portal', 'customer portal', 'deploys',
  'releases', 'vat', 'production', 'plants', 'shipments', 'data', 'features', 'feature',
  'scheduling', 'publishing', 'social accounts', 'storefront', 'shop', 'store',
];

/** What is wrong, as customers feel it. */
export const TROUBLE_WORDS: readonly string[] = [
  'cannot', 'unable to', 'not able to', 'could not', 'may not be able to', 'not be able to', 'will not',
  'failing', 'fail', 'fails', 'failed', 'failure', 'failures', 'errors', 'error', 'an error', 'down', 'offline',
  'unavailable', 'not available', 'outage', 'disrupted', 'disruption', 'degraded', 'slow', 'slower', 'slowly',
  'slowness', 'delayed', 'delay', 'delays', 'stuck', 'broken', 'blank', 'missing', 'not working',
  'stopped working', 'not loading', 'not load', 'not opening', 'not open', 'timing out', 'time out', 'timeouts',
  'interrupted', 'affected', 'affecting', 'impacted', 'impacting', 'problems', 'problem', 'issues', 'trouble',
  'difficulties', 'intermittent', 'pending', 'wrong', 'incorrect', 'spam', 'scam', 'not sent', 'not printing',
  'not going out', 'late', 'unsettled', 'suspended', 'paused', 'lost', 'gone', 'disconnected', 'dark',
  'no access', 'lost access', 'cash only', 'on paper', 'stopped', 'halted', 'closed', 'gone wrong', 'go wrong',
  'not going through', 'not go through', 'will not go through', 'spinning', 'not printing', 'unwanted',
  'unauthorised', 'unauthorized', 'did not write', 'not written by', 'scam', 'fake', 'fraudulent', 'misused',
  'misuse', 'suspicious', 'unusual', 'fraud', 'stolen', 'exposed', 'compromised', 'leaked', 'hacked',
  'stopping', 'stopped from', 'prevented from', 'preventing', 'blocked', 'blocking', 'keeping',
  'encrypted',
];

/** Service is back, as customers feel it (monitoring and resolved posts describe impact this way). */
export const RESTORED_WORDS: readonly string[] = [
  'working again', 'working normally', 'works again', 'works normally', 'work again', 'work normally',
  'work as normal', 'work as usual', 'back to normal', 'back online',
  'back up', 'restored', 'available again', 'recovered', 'resumed', 'can {gap2} again', 'open again', 'operating normally',
  'fully operational', 'normal', 'as usual', 'caught up', 'processed', 'completed', 'reconnected',
  'printing', 'open', 'working', 'fixed', 'resolved', 'live', 'going through', 'go through', 'flowing',
  'can be opened', 'can be used', 'can be loaded', 'can be saved', 'can be uploaded', 'can be printed',
  'can be placed', 'can be accessed', 'can be sent', 'can be completed', 'loads', 'load', 'able to {gap2} again',
  'connected', 'connect again', 'online again', 'up again', 'on time', 'arrive', 'arriving', 'go out', 'went out',
  'back in production', 'back in service', 'in service', 'up to date', 'current again', 'back in full', 'trading',
  'safe again', 'safely', 'normally', 'recovering', 'coming back', 'returning to normal', 'improving',
  'on schedule', 'on track', 'back on track',
];

// --- Check: what we are doing -------------------------------------------------------------------------------

/** Who "we" are when the subject is not "we": "our engineers are…", "the team has…". */
export const TEAM_WORDS: ReadonlySet<string> = new Set([
  'team', 'teams', 'engineers', 'engineering', 'staff', 'people', 'crew', 'responders', 'specialists',
  'experts', 'technicians', 'colleagues', 'support',
]);

/** Verbs in "-ing" after "we are" that say how we feel or what we see, not what we do. */
export const NOT_ACTIONS: ReadonlySet<string> = new Set([
  'seeing', 'experiencing', 'having', 'hoping', 'expecting', 'receiving', 'getting', 'hearing', 'feeling',
  'waiting', 'being', 'doing', 'sorry', 'aware', 'committed', 'going', 'continuing', 'trying', 'looking',
  'sharing', 'posting', 'updating', 'apologising', 'apologizing', 'telling', 'saying', 'thinking', 'wondering',
  'noticing', 'observing', 'finding', 'starting', 'beginning', 'affecting', 'causing', 'resulting', 'leaving',
  'meaning', 'impacting', 'facing',
]);

/** "Looking into it" counts; "looking at options" and bare "looking" do not. "Going to" and "continuing to" read on. */
export const READ_ON = new Map<string, readonly string[] | 'object'>([
  ['looking', ['into', 'at']],
  ['going', ['to']],
  ['continuing', 'object'],
  ['trying', ['to']],
]);

/** Words in "-ing" that are not verbs; a clause starting with one is not a subjectless action ("Nothing…"). */
export const ING_NOUNS: ReadonlySet<string> = new Set([
  'nothing', 'something', 'anything', 'everything', 'morning', 'evening', 'during', 'ceiling', 'thing',
  'things', 'string', 'spring', 'king', 'ring', 'meeting', 'building', 'setting', 'settings', 'booking',
  'bookings', 'pricing', 'warning', 'logging', 'ping', 'pending', 'incoming', 'outgoing', 'ongoing',
  'remaining', 'following', 'including', 'according', 'regarding', 'concerning', 'wording', 'timing',
  'funding', 'training', 'sibling', 'scheduling', 'publishing', 'printing', 'invoicing', 'tracking',
  'processing', 'shipping', 'engineering',
]);

/**
 * What we did, after "we" in the simple past: "we restored", "we switched". A closed list, because "we
 * deployed a change" and "we ran a script" are usually how an incident began, not what was done about it.
 */
export const DEEDS: readonly string[] = [
  'restored', 'rolled back', 'reverted', 'moved', 'migrated', 'recovered', 'repaired', 'replaced', 'fixed',
  'resolved', 'applied', 'rolled out', 'rerouted', 'redirected', 'routed', 'switched', 'failed over',
  'shifted', 'added', 'increased', 'scaled', 'disabled', 'turned off', 'switched off', 'patched', 'rebuilt',
  'restarted', 'reprocessed', 'replayed', 'refunded', 'credited', 'contacted', 'corrected', 'cleared',
  'implemented', 'put in place', 'identified', 'isolated', 'blocked', 'upgraded', 'paused', 'mitigated',
  'worked with', 'deployed a fix', 'deployed the fix', 'shipped a fix', 'shipped the fix', 'released a fix',
  'released the fix', 'revoked', 'rotated', 'reset', 'reconnected', 'reinstalled', 'recabled', 'stopped',
  'contained', 'shut down', 'took', 'cut off', 'notified', 'engaged', 'called', 'brought in', 'confirmed',
  'completed', 'finished', 'emailed', 'wrote to', 'removed', 'secured', 'froze', 'halted',
  'suspended', 'traced', 'found', 'located', 'preserved', 'informed', 'reported', 'escalated', 'paged',
  'set up', 'sent', 'reached out', 'asked', 'hired', 'retained', 'kept',
];

/** After "we have" / "we've": participles that say what we saw or got, not what we did. */
export const NOT_DEEDS: ReadonlySet<string> = new Set([
  'seen', 'received', 'had', 'been', 'heard', 'noticed', 'experienced', 'felt', 'got', 'gotten', 'observed',
  'learned', 'learnt', 'become', 'lost', 'deployed', 'made', 'caused', 'broken', 'changed',
]);

/** After "we will": telling customers is the next update, not an action. */
export const TELLING: ReadonlySet<string> = new Set([
  'update', 'post', 'share', 'provide', 'let', 'keep', 'give', 'be', 'have', 'continue', 'follow', 'report',
  'inform', 'notify', 'communicate', 'announce', 'get',
]);

/** "A fix IS BEING deployed", "the integration HAS BEEN disabled": passive forms of doing something. */
export const PASSIVE_DEEDS_EXCLUDED: ReadonlySet<string> = new Set([
  'affected', 'impacted', 'delayed', 'lost', 'deleted', 'caused', 'reported', 'seen', 'experienced',
  'charged', 'exposed', 'accessed', 'stolen', 'compromised', 'told', 'asked', 'made', 'given', 'done',
]);

/** "…while we respond to the attack": what we do, in the present, after these. */
export const PRESENT_DOING = {
  doers: ['while we', 'whilst we', 'as we', 'until we', 'we now', 'we currently', 'we are now', 'and we'],
  deeds: [
    'respond', 'work to', 'work on', 'work with', 'work through', 'investigate', 'restore', 'recover', 'rebuild',
    'contain', 'fix', 'repair', 'move', 'switch', 'roll back', 'clean up', 'bring', 'reconnect', 'replace',
    'reinstall', 'restart', 'rotate', 'revoke', 'isolate', 'review', 'check', 'contact', 'verify',
  ],
};

/** Follow-ups that count as action in the final post. */
export const FOLLOW_UPS: readonly string[] = [
  'we will publish', 'we will share', 'we will send', 'we will follow up', 'we are preparing',
  'we will prepare', 'we are writing', 'we will write', 'we will review', 'we are reviewing',
  'we will be reviewing', 'we will contact', 'we will reach out', 'we will refund', 'we will credit',
  'we will be contacting', 'we will email', 'we will notify',
];

/** Short forms that say we are acting: "we're on it", "a rollback is under way". */
export const ON_IT: readonly string[] = [
  'we are on it', 'we are on this', 'our team is on it', 'our engineers are on it', 'we are on the case',
  'we have all hands on', 'all hands on deck',
];
export const WORK_UNDER_WAY = {
  works: [
    'rollback', 'roll back', 'failover', 'fail over', 'fix', 'restore', 'restoration', 'recovery', 'investigation',
    'repair', 'repairs', 'migration', 'clean up', 'cleanup', 'work', 'switchover', 'switch over', 'rebuild',
    'restart', 'reinstall', 'recabling', 'replacement', 'containment', 'rotation', 'reprocessing', 'replay',
  ],
  states: ['in progress', 'underway', 'under way', 'ongoing', 'is in progress', 'is underway', 'is under way', 'is ongoing', 'has started', 'has begun', 'now in progress', 'is now in progress', 'is now under way'],
};

// --- Check: next update -------------------------------------------------------------------------------------

/**
 * When the next update comes. Every phrase needs an update word and a time: "soon" is not a time. A bare
 * "update" takes only a future time ("in 30 minutes", "by 15:00"), because "a config update at 09:10" is a
 * timestamp.
 */
export const NEXT_UPDATE: readonly string[] = [
  'next update {gap} {when}', 'next update: {clock}', 'next update {clock}', 'another update {gap} {when}',
  'further update {gap} {when}', 'update again {gap} {when}', 'we will {gap} update {gap} {when}',
  'update {gap} {deadline}', 'updates {gap} {when}', 'post again {gap} {when}', 'report back {gap} {when}',
  'check back {gap} {when}', 'more information {gap} {when}', 'more details {gap} {when}',
  'share more {gap} {when}', 'let you know {gap} {when}', 'keep you posted {gap} {when}',
  'keep you updated {gap} {when}', 'hear from us again {gap} {when}', 'next update will follow {gap} {when}',
];

// --- Check: ownership -------------------------------------------------------------------------------------

/** An apology or owning the failure. Negated matches ("this is not our fault") never count. */
export const OWNERSHIP: readonly string[] = [
  'we are sorry', 'we are so sorry', 'we are very sorry', 'we are deeply sorry', 'we are truly sorry',
  'we are really sorry', 'i am sorry', "i'm sorry", 'sorry for', 'sorry about', 'sorry that', 'sorry to', 'sorry',
  'sorry again', 'apologies again',
  'we apologise', 'we sincerely apologise', 'we deeply apologise', 'we truly apologise', 'apologise for',
  'apologise to', 'our apologies', 'my apologies', 'sincere apologies', 'apologies for', 'apologies to',
  'we regret', 'we let you down', 'we have let you down',
  'our responsibility', 'our mistake', 'our error', 'our fault', 'our problem', 'our failure', 'our doing',
  'this is on us', 'that is on us', 'it is on us', 'is on us', 'was on us', 'this one is on us', 'all on us',
  'entirely on us', 'it is ours', 'this is ours', "it's on us", 'we own this', 'we own it', 'we own the',
  'we take full responsibility', 'we take responsibility', 'we take ownership', 'we accept responsibility',
  'we are responsible', 'we are fully responsible', 'we are to blame', 'we made a mistake', 'we got this wrong',
  'we got it wrong', 'we caused', 'we broke', 'a change we made', 'the change we made', 'a mistake we made',
  'we should have', 'we did not catch', 'we failed to', 'we fell short', 'our systems let', 'our process let',
  'our checks did not', 'our safeguards did not', 'our tooling let', 'our playbook let', 'we allowed',
  'we missed', 'we did not have', 'we had not', 'we never tested',
];

/** Owning the system that failed: "our deploy checks let a bad change through", "our backups had failed". */
export const OWN_SYSTEMS = {
  ours: [
    'our checks', 'our safeguards', 'our tests', 'our testing', 'our tooling', 'our tools', 'our process',
    'our processes', 'our systems', 'our system', 'our monitoring', 'our alerting', 'our alerts', 'our backups',
    'our design', 'our setup', 'our plan', 'our plans', 'our playbook', 'our runbook', 'our review',
    'our deploy checks', 'our deployment checks', 'our change process', 'our configuration', 'our records',
    'our recovery plan', 'our disaster recovery plan', 'our own records', 'our own systems', 'our own tooling',
  ],
  failed: [
    'let', 'allowed', 'failed', 'did not', 'missed', 'should have', 'had failed', 'had been failing',
    'were not', 'was not', 'relied on', 'labelled', 'marked',
  ],
};

/**
 * Apologies that do not own anything: "sorry if you were inconvenienced", "sorry for any inconvenience this
 * MAY have caused" still counts; only the conditional "if" form does not.
 */
export const CONDITIONAL_APOLOGY: readonly string[] = [
  'sorry if', 'apologise if', 'apologies if', 'apologise to anyone who felt', 'sorry to anyone who felt',
  'regret if', 'sorry you feel', 'sorry that you feel',
];

// --- Check: plain writing ------------------------------------------------------------------------------------

/**
 * The rubric's own vocabulary: a sentence made only of these (and no verb) is a cue word dropped in for
 * points ("Sorry. Impact. Fix. Update."), not a statement.
 */
export const CUE_WORDS: ReadonlySet<string> = new Set([
  'sorry', 'apologies', 'apology', 'apologise', 'apologize', 'impact', 'impacted', 'fix', 'fixed', 'fixing',
  'update', 'updates', 'updated', 'investigating', 'identified', 'monitoring', 'resolved', 'responsibility',
  'ownership', 'accountability', 'accountable', 'our', 'we', 'us', 'it', 'on', 'working', 'work', 'next',
  'status', 'incident', 'issue', 'outage', 'action', 'actions', 'eta', 'customers', 'users', 'seriously',
  'serious', 'priority', 'transparency', 'trust', 'root', 'cause', 'mitigation', 'mitigated', 'full', 'fully',
  'team', 'engineers', 'restored', 'investigation', 'monitor', 'sincerely', 'deeply', 'very', 'so', 'truly',
  'soon', 'now', 'thanks', 'patience', 'own', 'mistake', 'fault', 'blame', 'responsible', 'safe', 'data',
  'customer', 'user', 'regret', 'care', 'committed', 'commitment',
]);

/** Sentences that are complete without a verb in status-page English. */
export const VERBLESS_IDIOMS: readonly string[] = [
  'next update', 'update', 'updates', 'sorry for', 'sorry about', 'sorry to', 'apologies for', 'our apologies',
  'thank you', 'thanks', 'more soon', 'more to follow', 'updates to follow', 'details to follow',
  'no further updates', 'impact', 'status', 'what happened', 'what we are doing', 'what you can do',
  'what to expect', 'current status', 'affected', 'investigating', 'identified', 'monitoring', 'resolved',
  'update on', 'good news',
];

/**
 * Words that make a sentence a statement. A rough test, on purpose: the rubric only needs to tell
 * "Checkout is failing for some customers" from "Checkout. Failing. Customers."
 */
export const VERB_HINTS: ReadonlySet<string> = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'do', 'does', 'did', 'can',
  'could', 'will', 'would', 'should', 'may', 'might', 'must', 'shall', 'cannot', "can't", "won't", "isn't",
  "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "haven't", "hasn't", "we're", "we've", "we'll",
  "it's", "that's", "there's", "you're", "they're", "i'm", 'need', 'needs', 'know', 'knows', 'see', 'sees',
  'work', 'works', 'go', 'goes', 'take', 'takes', 'apologise', 'apologize', 'regret', 'expect', 'expects',
  'own', 'run', 'runs', 'keep', 'keeps', 'open', 'opens', 'load', 'loads', 'fail', 'fails', 'remain',
  'remains', 'continue', 'continues', 'believe', 'think', 'ask', 'let', 'get', 'gets', 'come', 'comes',
  'make', 'makes', 'show', 'shows', 'print', 'prints', 'pay', 'send', 'sends', 'thank', 'appreciate', 'try',
  'check', 'contact', 'use', 'uses', 'happen', 'happens', 'lost', 'gone', 'down', 'back', 'fixed', 'resolved',
  'underway', 'ongoing', 'progress', 'offline', 'unavailable', 'again',
]);
