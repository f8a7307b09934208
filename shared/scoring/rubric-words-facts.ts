/**
 * How posts talk about the facts a scenario can state (`facts:` in the scenario file). For each fact: what a
 * claim is about (topics), the words that say the fact holds and those that say it does not. The rubric
 * reads a claim's polarity from its clause (`./rubric-facts`): "No data was lost" denies data loss, "we do
 * not yet know whether any data was lost" claims nothing, "everything since 17:10 is gone" asserts it.
 */
import type { FactKey } from '../scenario/schema';

export interface FactWords {
  /** What a claim is about; a predicate needs one of these in its clause. Empty: the predicate is enough. */
  topics: readonly string[];
  /** Words saying the fact holds ("were lost"); negated ("were not lost") they deny it. */
  holds: readonly string[];
  /** Words saying the fact does not hold ("is safe"); negated they assert it. */
  holdsNot: readonly string[];
  /** Words saying it does not hold only with "all" / "every" / "fully" in the clause ("all orders were recovered"). */
  holdsNotWithAll: readonly string[];
  /** Words too vague asserted ("data was affected") that still deny when negated ("no data was affected"). */
  deniedOnly: readonly string[];
  /** For facts whose words are too loose to negate: the phrases that deny it. Negating `holds` then denies nothing. */
  denials?: readonly string[];
  /** How an explanation names the fact: [when it holds, when it does not]. */
  says: readonly [string, string];
}

const EXPOSED = [
  'exposed', 'was accessed', 'were accessed', 'been accessed', 'accessed by', 'accessed without', 'stolen',
  'taken by', 'leaked', 'compromised', 'viewed by', 'downloaded by', 'copied by', 'exfiltrated', 'breached',
  'seen by', 'obtained by', 'fell into', 'in the hands of', 'at risk', 'scraped', 'captured by', 'read by',
  'shared with', 'unauthorised access to', 'unauthorized access to',
];

export const FACT_WORDS: Record<FactKey, FactWords> = {
  'data-lost': {
    topics: [
      'data', 'customer data', 'your data', 'user data', 'files', 'your files', 'work', 'your work', 'orders',
      'order', 'records', 'comments', 'tasks', 'uploads', 'attachments', 'information', 'projects', 'boards',
      'workspaces', 'workspace', 'content', 'messages', 'transactions', 'payments', 'invoices', 'nothing',
      'everything', 'anything', 'all of it', 'none of it', 'changes', 'history', 'backups', 'payment', 'file',
      'record', 'comment', 'task', 'upload', 'invoice', 'message', 'transaction', 'parcel', 'booking', 'bookings',
    ],
    holds: [
      'lost', 'been lost', 'deleted', 'gone', 'wiped', 'erased', 'destroyed', 'unrecoverable', 'not recoverable',
      'could not be recovered', 'cannot be recovered', 'could not be restored', 'cannot be restored',
      'data loss', 'loss of data', 'lost data', 'permanently removed', 'missing for good',
    ],
    holdsNot: ['safe', 'intact', 'unaffected', 'preserved', 'accounted for', 'fully recovered', 'fully restored', 'recovered in full', 'restored in full'],
    holdsNotWithAll: ['recovered', 'restored', 'processed', 'replayed', 'completed', 'saved'],
    deniedOnly: ['affected', 'touched', 'impacted'],
    says: ['data was lost', 'no data was lost'],
  },
  'customers-charged': {
    topics: [],
    holds: [
      'charged twice', 'charged two times', 'double charged', 'double charge', 'double charges', 'charged double',
      'billed twice', 'duplicate charge', 'duplicate charges', 'duplicate payment', 'duplicate payments',
      'charged more than once', 'overcharged', 'charged the wrong amount', 'charged incorrectly',
      'wrongly charged', 'incorrectly charged', 'charged in error', 'taken twice', 'debited twice', 'paid twice',
    ],
    holdsNot: ['charged once', 'charged only once', 'only one will be charged', 'only one charge', 'only one payment will be taken'],
    holdsNotWithAll: [],
    deniedOnly: ['charged', 'billed', 'debited', 'taken from your account'],
    says: ['customers were charged wrongly', 'nobody was charged wrongly'],
  },
  'personal-data-exposed': {
    topics: [
      'personal data', 'personal information', 'personal details', 'customer data', 'customer information',
      'customer details', 'account details', 'account information', 'your data', 'your information',
      'your details', 'names', 'email addresses', 'addresses', 'phone numbers', 'passwords', 'contact details',
      'hr files', 'hr records', 'employee data', 'staff data', 'employee records', 'staff records',
      'private messages', 'user data', 'data', 'information', 'personal',
    ],
    holds: EXPOSED,
    holdsNot: ['safe', 'secure', 'protected'],
    holdsNotWithAll: [],
    deniedOnly: ['affected', 'involved', 'impacted'],
    says: ['personal data was exposed', 'no personal data was exposed'],
  },
  'card-data-exposed': {
    topics: [
      'card data', 'card details', 'card numbers', 'card number', 'card information', 'payment card',
      'payment cards', 'cards', 'card', 'credit cards', 'debit cards', 'payment information', 'payment details',
      'payment data', 'card payments',
    ],
    holds: [...EXPOSED, 'used fraudulently', 'used for fraud', 'skimmed'],
    holdsNot: ['safe', 'secure', 'protected'],
    holdsNotWithAll: [],
    deniedOnly: ['affected', 'involved', 'impacted'],
    says: ['card data was exposed', 'no card data was exposed'],
  },
  'attack': {
    topics: [],
    holds: [
      'attack', 'attacked', 'attacks', 'cyberattack', 'cyber attack', 'hack', 'hacked', 'hacker', 'hackers',
      'hacking', 'attacker', 'attackers', 'criminal', 'criminals', 'malicious', 'malware', 'ransomware',
      'breach', 'breached', 'intrusion', 'intruder', 'intruders', 'compromised', 'unauthorised access',
      'unauthorized access', 'unauthorised party', 'unauthorized party', 'stolen credentials', 'stolen key',
      'spammers', 'scammers', 'threat actor', 'bad actor', 'extortion', 'ransom',
    ],
    holdsNot: [],
    holdsNotWithAll: [],
    deniedOnly: [],
    denials: [
      'not an attack', 'not a cyberattack', 'not a cyber attack', 'not a hack', 'not hacked', 'were not hacked',
      'was not hacked', 'no sign of an attack', 'no sign of attack', 'no signs of an attack', 'no sign of any attack',
      'no evidence of an attack', 'no evidence of any attack', 'no evidence of a breach', 'no evidence of malicious',
      'no indication of an attack', 'no indication of malicious', 'no malicious activity', 'not malicious',
      'not a security incident', 'not a security issue', 'no security issue', 'no security incident',
      'no breach', 'not a breach', 'no attack', 'nobody hacked', 'no one hacked', 'no hacking', 'no intrusion',
      'no one broke in', 'nobody broke in', 'purely technical', 'just a technical', 'only a technical',
      'not the result of an attack', 'not caused by an attack', 'not caused by a cyberattack',
    ],
    says: ['this incident involves an attack', 'no attack was involved'],
  },
};

/** Words that make a claim uncertain rather than a statement: "we are checking whether any data was lost". */
export const UNCERTAIN: ReadonlySet<string> = new Set([
  'whether', 'if', 'may', 'might', 'possibly', 'perhaps', 'unclear', 'unknown', 'unsure', 'could',
  'potentially', 'possible', 'suspect', 'checking', 'investigating', 'question', 'unconfirmed',
]);

/** What may stand between a negation and a fact's words: "we do NOT believe any customer data was lost". */
export const FACT_BRIDGES: ReadonlySet<string> = new Set([
  'believe', 'think', 'expect', 'evidence', 'sign', 'signs', 'indication', 'suggest', 'suggests', 'appears',
  'appear', 'seem', 'seems', 'so', 'far', 'reason', 'yet', 'ever', 'found', 'we', 'our', 'your', 'their',
  'customer', 'customers', 'personal', 'card', 'payment', 'user', 'of', 'orders', 'data', 'files', 'work',
  'information', 'details', 'will', 'would', 'actually', 'one', 'single', 'order', 'records', 'payments',
  'account', 'accounts', 'anyone', "anyone's", 'you', 'cards', 'number', 'numbers', 'permanently', 'been',
  'already', 'either', 'accessed', 'or',
]);

/** "lost access", "lost power", "gone through", "gone to the bank": not lost data. */
export const LOST_NOT_DATA: ReadonlySet<string> = new Set([
  'access', 'power', 'connection', 'connectivity', 'contact', 'track', 'time', 'sales', 'revenue', 'touch',
  'faith', 'trust', 'through', 'out', 'to', 'back', 'live', 'ahead', 'up', 'over', 'into', 'on', 'well', 'smoothly',
]);
