import { formatClock } from '../../shared/duration';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillState } from '../../shared/drill/state';
import type { Scenario } from '../../shared/scenario/schema';

/** What a drill can mirror to the team's chat, and what is on when the facilitator picks nothing. */
export const OUTBOUND_CHANNELS = ['injects', 'status-page', 'declarations', 'escalation', 'war-room', 'roles', 'drill'] as const;
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number];
export const DEFAULT_OUTBOUND_CHANNELS: OutboundChannel[] = ['injects', 'status-page', 'declarations', 'drill'];

/** One message for the team's chat: a line of text (Slack, Teams and most chats show it), Slack blocks, the facts. */
export interface OutboundMessage {
  channel: OutboundChannel | 'test';
  /** The event type, or `test`. */
  type: string;
  /** A stable id for the receiver to drop duplicates (a retried delivery carries the same one). */
  id: string;
  text: string;
  detail?: string;
  data: Record<string, unknown>;
  seq?: number;
  t?: number;
}

interface Context { drillId: string; title: string; scenario: Scenario; state: DrillState }

const PREFIX = '[DRILL]';

/**
 * The message for one log event, or undefined when the event is not mirrored: injects only when addressed to
 * everyone (a role's inbox stays with the role), no scenario internals, no facilitator notes, no telemetry points.
 */
export function messageFor(event: DrillEvent, ctx: Context): OutboundMessage | undefined {
  const who = event.by.kind === 'participant' ? ctx.state.participants[event.by.id]?.name ?? 'A participant' : event.by.kind === 'facilitator' ? 'The facilitator' : 'Firedrill';
  const role = (id: string) => ctx.scenario.roles.find((r) => r.id === id)?.name ?? id;
  const base = { type: event.type, id: `${ctx.drillId}:${event.seq}`, seq: event.seq, t: event.t };
  const make = (channel: OutboundChannel, text: string, data: Record<string, unknown>, detail?: string): OutboundMessage => ({ ...base, channel, text, data, ...(detail ? { detail } : {}) });
  switch (event.type) {
    case 'inject.delivered':
      if (!event.to.includes('all') || !event.title) return undefined;
      return make('injects', `${event.from ? `${event.from}: ` : ''}${event.title}`, { injectId: event.injectId, channel: event.channel, from: event.from, title: event.title, body: event.body, ack: event.ack }, event.body);
    case 'status.post':
      return make('status-page', `Status page (${event.phase}) by ${who}`, { phase: event.phase, text: event.text, author: who }, event.text);
    case 'incident.declare':
      return make('declarations', `${who} declared the incident ${event.status}.`, { status: event.status, by: who });
    case 'severity.set':
      return make('declarations', `${who} set the severity to ${event.severity}.`, { severity: event.severity, by: who });
    case 'contact.page': {
      const contact = ctx.scenario.contacts.find((c) => c.id === event.contact)?.name ?? event.contact;
      return make('escalation', `${who} paged ${contact}.`, { contact, message: event.message, by: who }, event.message);
    }
    case 'contact.replied': {
      const contact = ctx.scenario.contacts.find((c) => c.id === event.contact)?.name ?? event.contact;
      return make('escalation', `${contact} replied.`, { contact, text: event.text }, event.text);
    }
    case 'chat.post':
      return make('war-room', `${who} in the war room`, { text: event.text, author: who }, event.text);
    case 'role.claim':
      return event.by.kind === 'participant' ? make('roles', `${who} took ${role(event.role)}.`, { role: role(event.role), holder: who }) : undefined;
    case 'role.assign':
      return make('roles', `${who} gave ${role(event.role)} to ${ctx.state.participants[event.participantId]?.name ?? 'someone'}.`, { role: role(event.role), holder: ctx.state.participants[event.participantId]?.name });
    case 'role.takeover':
      return make('roles', `${who} took over ${role(event.role)} (its holder was away).`, { role: role(event.role), holder: who });
    case 'role.release':
      return make('roles', `${who} released ${role(event.role)}.`, { role: role(event.role) });
    case 'drill.start':
      return make('drill', `The drill "${ctx.title}" has started. This is an exercise.`, { status: 'running' });
    case 'drill.pause':
      return make('drill', 'The facilitator paused the drill.', { status: 'paused' });
    case 'drill.resume':
      return make('drill', 'The drill is running again.', { status: 'running' });
    case 'drill.ended':
      return make('drill', `The drill "${ctx.title}" has ended.`, { status: 'ended', reason: event.reason });
    default:
      return undefined;
  }
}

/** A message to check the webhook works, sent from the console. */
export function testMessage(drillId: string, title: string, at: number): OutboundMessage {
  return { channel: 'test', type: 'test', id: `${drillId}:test:${at}`, text: `Test message from the drill "${title}": this webhook works.`, data: {} };
}

/** Slack's escaping for text in messages: &, < and > only. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The JSON body. `slack`: exactly what a Slack incoming webhook takes (`text` and `blocks`). `json`: the same `text`
 * and `blocks` (many chats, Teams' too, show `text`) plus a `firedrill` object with the event's facts.
 */
export function payload(message: OutboundMessage, format: 'slack' | 'json', drill: { drillId: string; title: string }): string {
  const clock = message.t === undefined ? '' : ` · ${formatClock(message.t)}`;
  const text = `${PREFIX} ${message.text}`;
  const blocks: unknown[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${slackEscape(text)}*${message.detail ? `\n${slackEscape(truncate(message.detail, 2800))}` : ''}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(`Firedrill · ${drill.title}${clock} · an exercise, not a real incident`) }] },
  ];
  const fallback = message.detail ? `${text}\n${truncate(message.detail, 2800)}` : text;
  if (format === 'slack') return JSON.stringify({ text: fallback, blocks });
  return JSON.stringify({
    text: fallback,
    blocks,
    firedrill: {
      id: message.id, drillId: drill.drillId, drillTitle: drill.title, channel: message.channel, type: message.type,
      ...(message.seq !== undefined ? { seq: message.seq } : {}), ...(message.t !== undefined ? { t: message.t, clock: formatClock(message.t) } : {}),
      data: message.data,
    },
  });
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
