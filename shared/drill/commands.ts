import { z } from 'zod';
import { ReceivedAlert } from '../alerts/alert';
import { Channel, Declaration, Id, PostChannel, Severity } from '../scenario/schema';
import { isBlank, optionalUserText, userText } from '../text';
import { ACTION_PRIORITIES, ACTION_STATUSES, dueDateProblem } from './action-items';

/** Limits that keep one player from flooding a room; the server's payload cap sits above these. */
export const LIMITS = {
  name: 60,
  chat: 1000,
  status: 2000,
  page: 500,
  actionItem: 300,
  note: 1000,
  injectTitle: 200,
  injectBody: 2000,
  maxSpeed: 60,
  /** Roles (or `all`) one ad-hoc inject may be addressed to. */
  targets: 32,
  due: 40,
  /** Why a decider chose an option (optional). */
  decisionReason: 500,
  /** Why a declaration is withdrawn (required). */
  retractReason: 500,
  /** An evaluator's reason for overriding a score (required). */
  overrideNote: 1000,
  /** What a fault receiver's failure is logged with (its error, trimmed). */
  faultError: 500,
  /** The JSON a dry run logs as what would have been sent. */
  faultBody: 64 * 1024,
} as const;

/** The fields of an action item an update may change. */
export const ACTION_ITEM_FIELDS = ['text', 'owner', 'due', 'priority', 'status', 'finding'] as const;

/** A blank string (a cleared form field) read as `to`. */
const blankTo = <T,>(to: T) => (value: unknown) => (typeof value === 'string' && isBlank(value) ? to : value);

/** Text a person typed: NFC, trimmed, not blank (invisible characters do not count), well-formed (shared/text.ts). */
const text = userText;

export const STATUS_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const StatusPhase = z.enum(STATUS_PHASES);
export type StatusPhase = (typeof STATUS_PHASES)[number];

/** A due date: a real calendar date, YYYY-MM-DD (trimmed). */
export const DueDate = z
  .string({ message: 'A due date must be text like 2026-03-31' })
  .trim()
  .superRefine((text, ctx) => {
    const problem = dueDateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A finding's id (`Finding.id` of the scorecard, e.g. `objective:first-status`, `rubric:no-blame`): stable across
 * runs of the same scenario, so an item can say which finding it answers.
 */
export const FindingId = z
  .string({ message: 'A finding id must be text' })
  .max(120, { message: 'A finding id is at most 120 characters' })
  .regex(/^[a-z][a-z0-9-]*(:[A-Za-z0-9._-]+)*$/, { message: 'That is not a finding id (like "objective:first-status"); pick the finding from the list.' });

/** The id of an action item: the seq of the `action-item.add` event that created it, as text ("14"). */
export const ActionItemId = z.string({ message: 'An action item id must be text' }).regex(/^[1-9]\d{0,9}$/, { message: 'An action item id is the number of the item, like "14".' });

/** Actions any participant may take (some, like role.assign, need the IC role; see rules.ts). */
export const TeamCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('role.claim'), role: Id }),
  z.strictObject({ type: z.literal('role.assign'), role: Id, participantId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('role.release'), role: Id }),
  z.strictObject({ type: z.literal('inject.ack'), injectId: z.string().min(1).max(120) }),
  z.strictObject({ type: z.literal('chat.post'), text: text(LIMITS.chat, 'A message') }),
  z.strictObject({ type: z.literal('status.post'), phase: StatusPhase, text: text(LIMITS.status, 'A status update') }),
  z.strictObject({ type: z.literal('contact.page'), contact: Id, message: text(LIMITS.page, 'A page message') }),
  z.strictObject({ type: z.literal('severity.set'), severity: Severity }),
  z.strictObject({ type: z.literal('incident.declare'), status: Declaration }),
  z.strictObject({
    type: z.literal('action-item.add'),
    text: text(LIMITS.actionItem, 'An action item'),
    owner: text(LIMITS.name, 'An owner'),
    /** A calendar date, YYYY-MM-DD (blank: none). Drills logged before v2 may hold free text here. */
    due: z.preprocess(blankTo(undefined), DueDate.optional()),
    /** Absent: medium. */
    priority: z.enum(ACTION_PRIORITIES, { message: 'A priority is high, medium or low' }).optional(),
    /** Absent: open. */
    status: z.enum(ACTION_STATUSES, { message: 'A status is open, in-progress or done' }).optional(),
    /** The finding of the scorecard this item answers (`Finding.id`). */
    finding: z.preprocess(blankTo(undefined), FindingId.optional()),
  }),
  /**
   * Changes an action item (`id`: the seq of its `action-item.add`): only the fields given, at least one; `due`
   * and `finding` take null to clear. Appended as an event: the item's earlier values stay in the log.
   */
  z
    .strictObject({
      type: z.literal('action-item.update'),
      id: ActionItemId,
      text: text(LIMITS.actionItem, 'An action item').optional(),
      owner: text(LIMITS.name, 'An owner').optional(),
      due: z.preprocess(blankTo(null), DueDate.nullable().optional()),
      priority: z.enum(ACTION_PRIORITIES, { message: 'A priority is high, medium or low' }).optional(),
      status: z.enum(ACTION_STATUSES, { message: 'A status is open, in-progress or done' }).optional(),
      finding: z.preprocess(blankTo(null), FindingId.nullable().optional()),
    })
    .refine((c) => ACTION_ITEM_FIELDS.some((field) => c[field] !== undefined), {
      message: 'Say what to change: text, owner, due, priority, status or finding.',
    }),
  /** Takes a role whose holder has been away (offline past the grace period; see presence.ts): a handover. */
  z.strictObject({ type: z.literal('role.takeover'), role: Id, from: z.string().min(1).max(64) }),
  z.strictObject({
    type: z.literal('decision.make'),
    injectId: z.string().min(1).max(120),
    option: Id,
    reason: z.string().trim().max(LIMITS.decisionReason, { message: `A reason is too long (at most ${LIMITS.decisionReason} characters)` }).optional(),
  }),
  z.strictObject({ type: z.literal('incident.retract'), status: Declaration, reason: text(LIMITS.retractReason, 'A reason for the retraction') }),
]);
export type TeamCommand = z.output<typeof TeamCommand>;

/** Commands only the facilitator may give. */
export const FacilitatorCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('drill.start') }),
  z.strictObject({ type: z.literal('drill.pause') }),
  z.strictObject({ type: z.literal('drill.resume') }),
  z.strictObject({ type: z.literal('drill.end') }),
  z.strictObject({ type: z.literal('drill.speed'), speed: z.number().min(1).max(LIMITS.maxSpeed) }),
  z.strictObject({
    type: z.literal('inject.send'),
    // Each target once: a list of the same role many times is one target.
    to: z
      .array(z.union([z.literal('all'), Id]))
      .min(1)
      .max(LIMITS.targets, { message: `An inject goes to at most ${LIMITS.targets} roles` })
      .transform((to) => [...new Set(to)])
      .default(['all']),
    channel: Channel.default('chat'),
    from: optionalUserText(LIMITS.name, 'The sender'),
    title: text(LIMITS.injectTitle, 'An inject title'),
    body: optionalUserText(LIMITS.injectBody, 'The inject body'),
    ack: z.boolean().default(false),
  }),
  z.strictObject({ type: z.literal('note.add'), text: text(LIMITS.note, 'A note'), ref: z.number().int().positive().optional() }),
  // Managing the roster (the facilitator's console): a seat is renamed, removed (its token stops working), or
  // merged into another seat of the same person (roles move over; its token then opens the other seat).
  z.strictObject({ type: z.literal('participant.rename'), participantId: z.string().min(1).max(64), name: text(LIMITS.name, 'A display name') }),
  z.strictObject({ type: z.literal('participant.remove'), participantId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('participant.merge'), participantId: z.string().min(1).max(64), into: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('evaluators.set'), observers: z.boolean() }),
  // A live game day's faults (docs/game-day.md): nothing is sent to a chaos tool before the facilitator confirms.
  /** Sends a proposed fault to its webhook (`dryRun`: only logs what would be sent). Again after a failed send. */
  z.strictObject({ type: z.literal('fault.confirm'), faultId: z.string().min(1).max(64), dryRun: z.boolean().default(false) }),
  /** Stops a fault: before it was sent, nothing is sent; after, its abort payload goes to the same webhook. */
  z.strictObject({ type: z.literal('fault.abort'), faultId: z.string().min(1).max(64) }),
]);
export type FacilitatorCommand = z.output<typeof FacilitatorCommand>;

/** Ratings an evaluator may give an objective: the HSEEP scale, or N/A (does not count). */
export const OVERRIDE_RATINGS = ['P', 'S', 'M', 'U', 'N/A'] as const;

/** What an override is about: one objective of the scorecard, or one rubric check of one post. */
export const OverrideTarget = z.union([
  z.strictObject({ objective: Id }),
  z.strictObject({ post: z.number().int().positive(), check: Id.max(64) }),
]);
export type OverrideTarget = z.output<typeof OverrideTarget>;

/** The evaluator's value: a rating for an objective, passed or not for a check; null clears an earlier override. */
export const OverrideValue = z.union([z.strictObject({ rating: z.enum(OVERRIDE_RATINGS) }), z.strictObject({ passed: z.boolean() })]).nullable();
export type OverrideValue = z.output<typeof OverrideValue>;

/**
 * Commands of the evaluators: the facilitator always, observers while the facilitator allows it
 * (`evaluators.set`). Accepted in every drill status, also after the end.
 */
export const EvaluatorCommand = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('score.override'), target: OverrideTarget, value: OverrideValue, note: text(LIMITS.overrideNote, 'A note') })
    .refine((c) => c.value === null || ('objective' in c.target ? 'rating' in c.value : 'passed' in c.value), {
      message: 'An objective takes a value like { rating: "S" }; a rubric check takes { passed: true } or { passed: false }.',
      path: ['value'],
    }),
]);
export type EvaluatorCommand = z.output<typeof EvaluatorCommand>;

/** Joining is an input too: it puts a name on the roster of the event log. The server picks the id. */
export const JoinCommand = z.strictObject({
  type: z.literal('participant.join'),
  participantId: z.string().min(1).max(64),
  name: text(LIMITS.name, 'A display name'),
});
export type JoinCommand = z.output<typeof JoinCommand>;

/**
 * What the server says about presence, in the system's name: a participant has been offline longer than the
 * take-over grace period (their roles may be taken over), or is back. Presence is server knowledge; logging
 * these makes a take-over replay exactly (docs/architecture.md, "Presence and take-over").
 */
export const SystemCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('participant.away'), participantId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('participant.back'), participantId: z.string().min(1).max(64) }),
  /**
   * A real alert from monitoring (`POST /api/drills/:id/alerts`), carried as received: the log is the truth, and a
   * replay reads it from here (docs/game-day.md).
   */
  z.strictObject({ type: z.literal('alert.receive'), alert: ReceivedAlert }),
  /** What became of one attempt to send a fault's start or abort to its webhook (or of a dry run). */
  z.strictObject({
    type: z.literal('fault.delivery'),
    faultId: z.string().min(1).max(64),
    action: z.enum(['start', 'abort']),
    /**
     * `delivered`: the receiver answered 2xx; `retrying`: it failed and will be tried again; `failed`: given up;
     * `dry-run`: logged, not sent; `cancelled`: an abort came before the start was tried again.
     */
    outcome: z.enum(['delivered', 'retrying', 'failed', 'dry-run', 'cancelled']),
    attempt: z.number().int().min(0).max(100),
    /** The receiver's HTTP status (0 or absent: no answer). */
    status: z.number().int().min(0).max(999).optional(),
    error: z.string().max(LIMITS.faultError).optional(),
    /** Which webhook, recognisable but never usable ("chaos.example.com/…/run"). */
    target: z.string().max(300).optional(),
    /** The JSON body: logged for a dry run (what would have been sent). */
    body: z.string().max(LIMITS.faultBody).optional(),
  }),
]);
export type SystemCommand = z.output<typeof SystemCommand>;
export const SYSTEM_COMMAND_TYPES = SystemCommand.options.map((o) => o.shape.type.value) as SystemCommand['type'][];

/**
 * A staff link was rotated: logged for the record (which link, by the facilitator); the new key itself is never
 * in the log. Sent with its own socket event (`drill:rotate-key`), never as a `drill:command`.
 */
export const StaffKeyCommand = z.strictObject({ type: z.literal('staff.rotate-key'), role: z.enum(['facilitator', 'observer']) });
export type StaffKeyCommand = z.output<typeof StaffKeyCommand>;

/**
 * The facilitator made a new alert ingest token for the drill (`issue`, the old one stops working) or revoked it:
 * logged for the record through the HTTP API (docs/game-day.md); the token itself is never in the log.
 */
export const AlertTokenCommand = z.strictObject({ type: z.literal('alerts.token'), action: z.enum(['issue', 'revoke']) });
export type AlertTokenCommand = z.output<typeof AlertTokenCommand>;

export type DrillCommand = TeamCommand | FacilitatorCommand | EvaluatorCommand | JoinCommand | SystemCommand | StaffKeyCommand | AlertTokenCommand;
export type TeamCommandType = TeamCommand['type'];
export type FacilitatorCommandType = FacilitatorCommand['type'];
export type EvaluatorCommandType = EvaluatorCommand['type'];

export const TEAM_COMMAND_TYPES = TeamCommand.options.map((o) => o.shape.type.value) as TeamCommandType[];
export const FACILITATOR_COMMAND_TYPES = FacilitatorCommand.options.map((o) => o.shape.type.value) as FacilitatorCommandType[];
export const EVALUATOR_COMMAND_TYPES = EvaluatorCommand.options.map((o) => o.shape.type.value) as EvaluatorCommandType[];

export function isFacilitatorCommand(type: string): type is FacilitatorCommandType {
  return (FACILITATOR_COMMAND_TYPES as string[]).includes(type);
}

export function isEvaluatorCommand(type: string): type is EvaluatorCommandType {
  return (EVALUATOR_COMMAND_TYPES as string[]).includes(type);
}

/** Who did something. Observers act only as evaluators (`score.override`, when the facilitator allows it). */
export type Actor = { kind: 'participant'; id: string } | { kind: 'facilitator' } | { kind: 'observer' } | { kind: 'system' };

export { PostChannel };
