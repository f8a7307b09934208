import type { Writing } from './posts';

export const PROFILES = ['textbook', 'slow', 'silent', 'chaotic', 'declare-victory', 'keyword-stuffer', 'blame-shifter'] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * Teams that try to game the scorecard rather than play the drill: each is fast and competent at everything
 * the score measures except one thing it fakes. Scenario CI holds every one of them to at most
 * `THRESHOLDS.adversarial.max` (shared/simulate/separation.ts).
 */
export const ADVERSARIAL = ['declare-victory', 'keyword-stuffer', 'blame-shifter'] as const satisfies readonly Profile[];
export type AdversarialProfile = (typeof ADVERSARIAL)[number];

/** A span in minutes; the bot draws a point in it from the seeded generator. */
export type Span = readonly [min: number, max: number];

/**
 * How a bot team behaves. Every delay is drawn once, when the thing to do becomes known, so that a team
 * that knows its deadlines can pull a draw forward (`deadlineAware`) and nothing is drawn twice.
 */
export interface ProfileSpec {
  /** Minutes after the start until the incident commander role is claimed. */
  claimIc: Span;
  /** Minutes after the start until the other roles are claimed. */
  claimOthers: Span;
  /** Does anything after claiming roles. */
  acts: boolean;
  /** Minutes from an inject's arrival to its acknowledgement; `skipAck` is the chance it is never acked. */
  ack: Span;
  skipAck: number;
  /** Minutes from knowing a contact is needed to paging them. */
  page: Span;
  /** Page every contact, needed or not, and page some twice. */
  pageEveryone: boolean;
  /** First war-room message, and the gap between the next ones (minutes). */
  firstChat: Span;
  chatEvery: Span;
  /** First status-page post (minutes), and the gap to the next as a share of the cadence target. */
  firstStatus: Span;
  statusEvery: Span;
  writing: Writing;
  /** Minutes from the state that accepts a declaration (and the awaited replies) to declaring it. */
  declare: Span;
  /** Chance the team never declares the incident resolved. */
  skipResolve: number;
  /** Pull every draw forward to beat the scenario's objective targets and contingency timers. */
  deadlineAware: boolean;
  /** Do each action an objective measures at this multiple of its target instead (a team that runs late). */
  lateBy?: Span;
  /** Whatever the next state needs is done within the usual delay of it becoming the next step. */
  focused: boolean;
  /** Action items added at the hot wash, each with an owner. */
  actionItems: number;
  /** Claim every role in the lobby, before the clock starts (and then act as if that settled it). */
  lobbyClaims?: boolean;
  /**
   * Declare mitigated and resolved at these minutes whatever the story says (the declare-victory pattern);
   * without it the team declares when the story asks for it and the awaited replies are in.
   */
  declareAt?: { mitigated: Span; resolved: Span };
  /** At most this many status-page updates before the final one (the declare-victory team's two templates). */
  maxStatusPosts?: number;
}

const TEXTBOOK: ProfileSpec = {
  claimIc: [0.3, 1], claimOthers: [0.5, 2], acts: true, ack: [0.3, 1.2], skipAck: 0, page: [0.5, 2.5],
  pageEveryone: false, firstChat: [1, 2], chatEvery: [7, 11], firstStatus: [3, 6], statusEvery: [0.4, 0.6],
  writing: 'good', declare: [2, 5], skipResolve: 0, deadlineAware: true, focused: true, actionItems: 3,
};

export const PROFILE_SPECS: Record<Profile, ProfileSpec> = {
  textbook: TEXTBOOK,
  slow: {
    claimIc: [4, 7], claimOthers: [6, 12], acts: true, ack: [5, 10], skipAck: 0, page: [9, 15],
    pageEveryone: false, firstChat: [6, 10], chatEvery: [18, 25], firstStatus: [14, 20], statusEvery: [1.2, 1.5],
    writing: 'thin', declare: [7, 11], skipResolve: 0, deadlineAware: false, lateBy: [1.6, 2.6], focused: true, actionItems: 1,
  },
  silent: {
    claimIc: [3, 6], claimOthers: [4, 10], acts: false, ack: [0, 0], skipAck: 1, page: [0, 0],
    pageEveryone: false, firstChat: [0, 0], chatEvery: [0, 0], firstStatus: [0, 0], statusEvery: [0, 0],
    writing: 'thin', declare: [0, 0], skipResolve: 1, deadlineAware: false, focused: false, actionItems: 0,
  },
  chaotic: {
    claimIc: [18, 28], claimOthers: [1, 4], acts: true, ack: [6, 15], skipAck: 0.5, page: [5, 35],
    pageEveryone: true, firstChat: [0.5, 2], chatEvery: [15, 30], firstStatus: [22, 32], statusEvery: [1.5, 2],
    writing: 'blaming', declare: [15, 25], skipResolve: 0.5, deadlineAware: false, lateBy: [1.6, 3.5], focused: false, actionItems: 0,
  },
  /**
   * The issue #10 pattern: every role claimed in the lobby, the needed contacts paged at minute 1, mitigated
   * declared at 1.2 min before anyone replied or anything was fixed, two well-written template updates, resolved
   * at 4 min. Otherwise as quick as the textbook team (acks, decisions, war room, action items).
   */
  'declare-victory': {
    ...TEXTBOOK, claimIc: [0, 0], claimOthers: [0, 0], lobbyClaims: true, ack: [0.3, 0.6], page: [1, 1], firstChat: [0.5, 1],
    firstStatus: [1.8, 2.2], declareAt: { mitigated: [1.2, 1.2], resolved: [4, 4] }, maxStatusPosts: 1,
  },
  /** Textbook timing; every status post a string of cue words (sorry, impact, responsibility, next update). */
  'keyword-stuffer': { ...TEXTBOOK, writing: 'stuffed' },
  /** Textbook timing and well-formed posts that blame the vendor, "human error" or a person, and over-promise. */
  'blame-shifter': { ...TEXTBOOK, writing: 'shifting' },
};

export function isProfile(name: string): name is Profile {
  return (PROFILES as readonly string[]).includes(name);
}
