import { z } from 'zod';
import { isDuration, MAX_DURATION_MS, parseDuration } from '../duration';
import { isStartsAt } from '../story-time';

/**
 * Scenario format v1 as a zod schema: the single source of truth for validation, TypeScript types and the
 * generated JSON Schema (scenarios/scenario.schema.json). Objects are strict so that a typo'd key is an error.
 */

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export const CHANNELS = ['pager', 'chat', 'email', 'support', 'social', 'news', 'vendor', 'telemetry'] as const;
export const POST_CHANNELS = ['war-room', 'status-page'] as const;
export const DECLARATIONS = ['mitigated', 'resolved'] as const;
/** HSEEP ratings an author gives a decision option (the scorecard's own scale). */
export const DECISION_RATINGS = ['P', 'S', 'M', 'U'] as const;
/** Where a real alert shows up in the room (docs/game-day.md). */
export const ALERT_CHANNELS = ['pager', 'telemetry'] as const;
/** An alert is firing or resolved, as Alertmanager says. */
export const ALERT_STATUSES = ['firing', 'resolved'] as const;

export type Severity = (typeof SEVERITIES)[number];
export type InjectChannel = (typeof CHANNELS)[number];
export type PostChannel = (typeof POST_CHANNELS)[number];
export type Declaration = (typeof DECLARATIONS)[number];
export type DecisionRating = (typeof DECISION_RATINGS)[number];
export type AlertChannel = (typeof ALERT_CHANNELS)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];

const ID = /^[a-z0-9][a-z0-9-]*$/;
export const Id = z.string().regex(ID, { message: 'ids are lower-case kebab-case, like "vendor-support"' });

export const Duration = z
  .string({ message: 'durations are strings like "45s", "5m" or "1h30m"' })
  .refine(isDuration, { message: 'is not a duration; write it like "45s", "5m" or "1h30m"' })
  // Drills are hours long; a longer value is a typo, and real timers cannot wait past ~24.8 days anyway.
  .refine((text) => (parseDuration(text) ?? 0) <= MAX_DURATION_MS, { message: 'is longer than 24h, the longest a drill or a delay in it may be' })
  .describe('A duration like "45s", "5m" or "1h30m", at most 24h.');

export const Severity = z.enum(SEVERITIES);
export const Channel = z.enum(CHANNELS);
export const PostChannel = z.enum(POST_CHANNELS);
export const Declaration = z.enum(DECLARATIONS);
export const DecisionRating = z.enum(DECISION_RATINGS);
export const AlertStatus = z.enum(ALERT_STATUSES);

/**
 * Alert labels to compare with, label name → value (`{ alertname: HighErrorRate, service: checkout }`). Label
 * names are checked by the validator (Prometheus' `[a-zA-Z_][a-zA-Z0-9_]*`), so that a bad one gets a message in words.
 */
export const LabelMatch = z.record(z.string(), z.string());

/** Marker in the message of a bad `starts-at`, so issues.ts can quote the value. */
export const STARTS_AT_MESSAGE = 'is not a story time; write it like "18:40" or "Fri 18:40"';
export const StartsAt = z
  .string({ message: 'starts-at is text like "18:40" or "Fri 18:40"' })
  .refine(isStartsAt, { message: STARTS_AT_MESSAGE })
  .describe('The story clock at the start of the drill: "HH:MM" (24-hour), optionally a weekday first ("Fri 18:40").');

/** A fact about everything the team has done since the drill began. */
export type Condition =
  | { escalated: string }
  | { replied: string }
  | { posted: PostChannel }
  | { 'role-filled': string }
  | { 'handed-over': string }
  | { acked: string }
  | { declared: Declaration }
  | { decided: { inject: string; option?: string } }
  | { alerted: { rule?: string; match?: Record<string, string>; status?: AlertStatus } }
  | { premature: Declaration }
  | { severity: Severity }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ escalated: Id.describe('The team has paged this contact.') }),
    z.strictObject({ replied: Id.describe("This contact's reply has arrived.") }),
    z.strictObject({ posted: PostChannel.describe('The team has posted on this channel.') }),
    z.strictObject({ 'role-filled': Id.describe('Someone holds this role.') }),
    z.strictObject({ 'handed-over': Id.describe('Since the drill started, this role has passed from one participant to another.') }),
    z.strictObject({ acked: Id.describe('This inject has been acknowledged.') }),
    z.strictObject({ declared: Declaration.describe('The team has declared this (and not retracted it).') }),
    z.strictObject({
      decided: z
        .strictObject({
          inject: Id.describe('A decision inject.'),
          option: Id.optional().describe('One of its options; without it, any choice counts.'),
        })
        .describe('The team has made this decision (this option is its current choice).'),
    }),
    z.strictObject({
      alerted: z
        .strictObject({
          rule: Id.optional().describe('An alert rule id (the `alerts:` section): an alert that rule routed.'),
          match: LabelMatch.optional().describe('Labels the alert has, with exactly these values: { alertname: HighErrorRate }.'),
          status: AlertStatus.optional().describe('firing: such an alert fires now; resolved: such alerts came and none fires now. Without it: one has fired.'),
        })
        .describe('A real alert came in from monitoring (docs/game-day.md); name a rule, labels to match, or both.'),
    }),
    z.strictObject({ premature: Declaration.describe('A declaration of this, made before the story reached a `fixed` state of that level, stands.') }),
    z.strictObject({ severity: Severity.describe('The incident is at this severity.') }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

export const Role = z.strictObject({
  id: Id,
  name: z.string().min(1),
  required: z.boolean().default(false),
  description: z.string().optional(),
});

export const Contact = z.strictObject({
  id: Id,
  name: z.string().min(1),
  title: z.string().optional().describe('Their job, e.g. "DBA on call".'),
  responds: Duration.describe('Their reply arrives this long after they are paged.'),
  reply: z.string().optional().describe('What they say when they answer a page.'),
  useful: z.boolean().optional().describe('Paging them is sensible even when no objective or transition needs it (not a noise page).'),
});

export const Telemetry = z.strictObject({
  id: Id,
  title: z.string().min(1),
  unit: z.string().optional(),
});

export const Measure = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ack'), inject: Id }),
  z.strictObject({ kind: z.literal('role-filled'), role: Id }),
  z.strictObject({ kind: z.literal('roles-filled') }),
  z.strictObject({ kind: z.literal('first-post'), channel: PostChannel }),
  z.strictObject({ kind: z.literal('cadence'), channel: PostChannel }),
  z.strictObject({ kind: z.literal('escalated'), contact: Id }),
  z.strictObject({ kind: z.literal('declared'), status: Declaration }),
  z.strictObject({ kind: z.literal('reached'), state: Id }),
  z.strictObject({ kind: z.literal('rubric'), channel: PostChannel }),
  z.strictObject({ kind: z.literal('decision'), inject: Id.describe('A decision inject.') }),
  z.strictObject({ kind: z.literal('alert-ack'), rule: Id.describe('An alert rule id: the first real alert it routed, to its acknowledgement.') }),
]);
export type Measure = z.output<typeof Measure>;
export type MeasureKind = Measure['kind'];

export const Objective = z.strictObject({
  id: Id,
  title: z.string().optional(),
  measure: Measure,
  target: z.union([Duration, z.number()]).describe('A duration from drill start, or 0–100 for `rubric`.'),
  weight: z.number().positive().default(1),
});

export const DecisionOption = z.strictObject({
  id: Id.describe('Used in `decided` conditions.'),
  label: z.string().min(1).describe('What the team sees on the button: "Fail over to the standby now".'),
  rating: DecisionRating.describe('How good a call it is: P, S, M or U (shown on the scorecard, never to the team during the drill).'),
  why: z.string().min(1).describe("The author's reason for the rating, for the debrief."),
});

export const Decision = z.strictObject({
  options: z
    .array(DecisionOption)
    .min(2, { message: 'a decision needs at least two options' })
    .describe('The choices the addressed roles have; ids unique within the decision.'),
});

export const Inject = z.strictObject({
  id: Id.optional().describe('Needed when an objective or condition refers to this inject.'),
  at: Duration.default('0s').describe('When, after its state is entered.'),
  to: z.array(z.union([z.literal('all'), Id])).min(1).default(['all']).describe('Role ids, or all.'),
  channel: Channel.default('chat'),
  from: z.string().optional(),
  title: z.string().min(1).optional(),
  body: z.string().optional(),
  ack: z.boolean().default(false).describe('The team must acknowledge it.'),
  decision: Decision.optional().describe('A call the addressed roles must make; the inject needs an id.'),
  telemetry: z
    .record(Id, z.array(z.number()).min(1))
    .optional()
    .describe('Values appended to telemetry series, one point at a time over the following minute.'),
});

export const OnTransition = z.strictObject({ when: Condition, goto: Id });
export const AfterTransition = z.strictObject({
  in: Duration.describe('After the state was entered.'),
  unless: Condition.optional().describe('The transition is skipped when this holds by then.'),
  goto: Id,
});

/**
 * A fault a chaos tool starts when the story enters the state (a live game day, docs/game-day.md). It is only
 * proposed: the facilitator confirms it in the console before anything is sent, and can abort it. The webhook's
 * URL and secret are the server's configuration, never part of a scenario file.
 */
export const Fault = z.strictObject({
  webhook: Id.describe('The name of a fault webhook configured on the server (FIREDRILL_FAULTS_FILE).'),
  title: z.string().min(1).optional().describe('What the facilitator confirms, in words: "Add 800 ms latency to checkout-db for 15 minutes".'),
  payload: z.record(z.string(), z.unknown()).default({}).describe('JSON the chaos tool receives to start the fault.'),
  abort: z.record(z.string(), z.unknown()).optional().describe('JSON the chaos tool receives to stop it; default: the start payload again (the envelope says "abort").'),
});

export const State = z.strictObject({
  description: z.string().optional(),
  injects: z.array(Inject).default([]),
  on: z.array(OnTransition).default([]),
  after: z.array(AfterTransition).default([]),
  fixed: Declaration.optional().describe('In this state the service is actually mitigated / resolved (resolved implies mitigated). Not on a final state.'),
  fault: Fault.optional().describe('A live game day: a fault proposed to the facilitator when the state is entered, sent to a chaos tool once confirmed.'),
  final: z.boolean().default(false),
});

/**
 * The facts of a story the communication rubric knows how to check. A fixed vocabulary: the rubric has a
 * phrase list per fact (shared/scoring/rubric-facts.ts), so a new key needs new rubric code, not only data.
 */
export const FACT_KEYS = ['data-lost', 'customers-charged', 'personal-data-exposed', 'card-data-exposed', 'attack'] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/** The truth of the story; the rubric flags status posts that contradict it. A missing fact is not stated. */
export const Facts = z.strictObject({
  'data-lost': z.boolean().optional().describe('Customer data was permanently lost.'),
  'customers-charged': z.boolean().optional().describe('Customers were actually charged wrongly (for example twice).'),
  'personal-data-exposed': z.boolean().optional().describe('Personal data reached someone unauthorised.'),
  'card-data-exposed': z.boolean().optional().describe('Payment card data was exposed.'),
  'attack': z.boolean().optional().describe('A malicious actor caused the incident or is part of it.'),
}).describe('The truth of the story: the rubric flags status posts that contradict a stated fact.');

/** One of the scenario's own names (a host, a service, a console) that customers would not understand. */
export const InternalTerm = z.string().trim().min(2, { message: 'an internal term needs at least 2 characters' }).max(80);

export const Powers = z.strictObject({
  declare: z.array(Id).min(1).default(['ic']).describe('Roles that may declare and retract mitigated/resolved (the facilitator always may).'),
  severity: z.array(Id).min(1).default(['ic']).describe('Roles that may change the severity (the facilitator always may).'),
  'take-over-after': Duration.default('5m').describe("A role whose holder has been offline this long may be taken over."),
});

/**
 * How a real alert reaches the team: the first rule whose labels match routes it (docs/game-day.md). An alert no
 * rule matches is kept in the log and shown to the facilitator only.
 */
export const AlertRule = z.strictObject({
  id: Id.describe('Used in `alerted: { rule: … }` conditions and `alert-ack` objectives.'),
  match: LabelMatch.optional().describe('Labels the alert must have, with exactly these values: { alertname: HighErrorRate }.'),
  'match-re': LabelMatch.optional().describe('Labels whose values must match these regular expressions, whole value (as in Alertmanager): { service: "checkout|payments" }.'),
  to: z.array(z.union([z.literal('all'), Id])).min(1).default(['all']).describe('Role ids, or all.'),
  channel: z.enum(ALERT_CHANNELS).default('pager').describe('pager (a page on the on-call phone) or telemetry (a dashboard alert).'),
  ack: z.boolean().default(true).describe('The team must acknowledge it (default true: a real page is acknowledged).'),
  from: z.string().min(1).optional().describe('Who it is from; default the alert\'s source ("Alertmanager").'),
});

export const Scenario = z.strictObject({
  id: Id,
  version: z.literal(1, { message: 'this Firedrill reads scenario format version 1' }),
  title: z.string().min(1),
  summary: z.string().min(1),
  briefing: z.string().optional().describe('Read to the team in the lobby before the drill starts.'),
  'starts-at': StartsAt.optional(),
  severity: Severity,
  duration: Duration.describe('The drill ends at the latest then.'),
  tags: z.array(z.string()).default([]),
  'internal-terms': z.array(InternalTerm).default([])
    .describe('This scenario\'s own jargon (hosts, services, consoles): the rubric flags it in status posts.'),
  facts: Facts.default({}),
  roles: z.array(Role).min(1),
  powers: Powers.optional().describe('Who may declare, retract and change severity; default: the incident commander (ic).'),
  contacts: z.array(Contact).default([]),
  telemetry: z.array(Telemetry).default([]),
  objectives: z.array(Objective).default([]),
  alerts: z.array(AlertRule).default([]).describe('Live game day: how real alerts from monitoring reach the team (docs/game-day.md).'),
  initial: Id,
  states: z.record(Id, State),
});

export type Role = z.output<typeof Role>;
export type Contact = z.output<typeof Contact>;
export type Telemetry = z.output<typeof Telemetry>;
export type Objective = z.output<typeof Objective>;
export type Inject = z.output<typeof Inject>;
export type DecisionOption = z.output<typeof DecisionOption>;
export type Decision = z.output<typeof Decision>;
export type Powers = z.output<typeof Powers>;
export type AlertRule = z.output<typeof AlertRule>;
export type Fault = z.output<typeof Fault>;
export type State = z.output<typeof State>;
export type OnTransition = z.output<typeof OnTransition>;
export type AfterTransition = z.output<typeof AfterTransition>;
export type Facts = z.output<typeof Facts>;
export type Scenario = z.output<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** The scenario's JSON Schema, for editor completion (`# yaml-language-server: $schema=...`). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://firedrill.dev/scenario.schema.json', title: 'Firedrill scenario (format v1)' };
}
