/**
 * The drill's timeline in plain sentences, for the scorecard page and the after-action report. Telemetry
 * points, joins and speed changes are left out: they are noise in a review.
 */
import type { StatusPhase } from '../drill/commands';
import type { DrillEvent } from '../drill/events';
import { scenarioInjects } from '../scenario/model';
import { claimsTooEarly } from './metrics';
import { actorName, contactName, roleName, since, type DrillHistory } from './history';
import type { TimelineEntry, TimelineKind } from './types';

const ENDED: Record<'final' | 'duration' | 'facilitator', string> = {
  final: 'the scenario reached its end', duration: 'time ran out', facilitator: 'the facilitator ended it',
};

/** The kind of line each event type that can appear in the timeline makes. */
const KIND_OF: Partial<Record<DrillEvent['type'], TimelineKind>> = {
  'drill.start': 'drill', 'drill.pause': 'drill', 'drill.resume': 'drill', 'drill.ended': 'drill',
  'inject.delivered': 'inject', 'alert.resolved': 'inject', 'inject.ack': 'ack',
  'role.claim': 'role', 'role.assign': 'role', 'role.release': 'role', 'role.takeover': 'role',
  'participant.rename': 'role', 'participant.remove': 'role', 'participant.merge': 'role',
  'chat.post': 'war-room', 'status.post': 'status-page', 'contact.page': 'page', 'contact.replied': 'reply',
  'severity.set': 'severity', 'incident.declare': 'declare', 'incident.retract': 'retract',
  'decision.make': 'decision', 'decision.closed': 'decision', 'state.entered': 'state', 'note.add': 'note',
  'action-item.add': 'action-item',
  'fault.proposed': 'fault', 'fault.confirm': 'fault', 'fault.abort': 'fault', 'fault.delivery': 'fault',
};

/** What one timeline needs while it describes the log's events in order. */
interface Describing {
  history: DrillHistory;
  /** Each inject's title, as last delivered. */
  titles: Map<string, string>;
  /** A decision option's label. */
  option: (injectId: string, id: string) => string;
  /**
   * The start of each post line ("War room, Ana: "), made once per channel, phase and author: a long log is
   * mostly posts, and each line is then one join of two strings instead of three.
   */
  heads: Map<string, Map<string, string>>;
}

/** Notable events of the drill, in log order. */
export function timelineOf(history: DrillHistory): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const ctx: Describing = {
    history, titles: new Map(), heads: new Map(),
    option: (injectId, id) => scenarioInjects(history.scenario).get(injectId)?.decision?.options.find((o) => o.id === id)?.label ?? id,
  };
  // Names as they were at each moment (a rename later on must not rewrite what the timeline said before it).
  const names = new Map<string, string>();
  const { events } = history;
  for (let i = 0; i < events.length; i++) { // indexed: see readHistory
    const event = events[i];
    const type = event.type;
    const kind = KIND_OF[type];
    if (type === 'inject.delivered') ctx.titles.set(event.injectId, event.title ?? event.injectId);
    const text = kind === undefined ? undefined
      : kind === 'role' && (type.startsWith('participant.') || type === 'role.takeover') ? roster(history, event, names)
        : kind === 'fault' ? fault(event) : describe(ctx, event);
    if (type === 'participant.join' || type === 'participant.rename') names.set(event.participantId, event.name);
    if (text === undefined || kind === undefined) continue;
    const at = since(history, event.t);
    const real = (type === 'inject.delivered' && event.alert !== undefined) || type === 'alert.resolved';
    // One shape per kind of line (no spread): a long log has tens of thousands of them.
    out.push(real ? { seq: event.seq, at, kind, text, real: true } : { seq: event.seq, at, kind, text });
  }
  return out;
}

/** One event's line. No closures in here: a function that makes one over its scope allocates that scope per call. */
function describe(ctx: Describing, event: DrillEvent): string | undefined {
  const { history, titles, option } = ctx;
  const { scenario, state } = history;
  switch (event.type) {
    // The commonest lines first, their start shared (see `Describing.heads`).
    case 'chat.post': return head(ctx, 'war-room', event.by) + event.text;
    case 'status.post': return head(ctx, event.phase, event.by) + event.text;
  }
  const who = actorName(state, event.by);
  switch (event.type) {
    case 'drill.start': return 'The drill started.';
    case 'drill.pause': return 'The facilitator paused the drill.';
    case 'drill.resume': return 'The facilitator resumed the drill.';
    case 'drill.ended': return `The drill ended: ${ENDED[event.reason]}.`;
    case 'inject.delivered': {
      if (!event.title) return undefined; // a bare telemetry inject: the dashboard moved
      const to = event.to.includes('all') ? '' : ` (to ${roleNames(scenario, event.to)})`;
      const from = event.from ? `${event.from}: ` : '';
      if (event.alert) {
        const routed = event.to.length === 0 ? ' (no alert rule matched: the facilitator only)' : to;
        return `Real alert on ${event.channel}${routed} — ${from}"${event.title}"`;
      }
      return `${event.adhoc ? 'Facilitator inject' : 'Inject'} on ${event.channel}${to} — ${from}"${event.title}"`;
    }
    case 'alert.resolved': return `The real alert "${titles.get(event.injectId) ?? event.injectId}" resolved.`;
    case 'inject.ack': return `${who} acknowledged "${titles.get(event.injectId) ?? event.injectId}".`;
    case 'role.claim': return event.by.kind === 'participant' ? `${who} took the ${roleName(scenario, event.role)} role.` : undefined;
    case 'role.assign': return `${who} gave the ${roleName(scenario, event.role)} role to ${participantName(state, event.participantId)}.`;
    case 'role.release': return `${who} released the ${roleName(scenario, event.role)} role.`;
    case 'contact.page': return `${who} paged ${contactName(scenario, event.contact)}: ${event.message}`;
    case 'contact.replied': return `${contactName(scenario, event.contact)} replied: ${event.text}`;
    case 'severity.set': return `${who} set the severity to ${event.severity}.`;
    case 'incident.declare': {
      const early = claimsTooEarly(history, event.status, event.seq);
      return `${who} declared the incident ${event.status}${early ? ' — before the story got there (a premature all-clear)' : ''}.`;
    }
    case 'incident.retract': return `${who} retracted the ${event.status} declaration: ${event.reason}`;
    case 'decision.make': {
      const title = titles.get(event.injectId) ?? event.injectId;
      return `${who} chose "${option(event.injectId, event.option)}" on "${title}"${event.reason?.trim() ? `: ${event.reason.trim()}` : '.'}`;
    }
    case 'decision.closed': return `The decision on "${titles.get(event.injectId) ?? event.injectId}" closed: the story moved on.`;
    case 'state.entered': {
      const description = scenario.states[event.state]?.description;
      return `The scenario entered "${event.state}"${description ? ` — ${description}` : '.'}`;
    }
    case 'note.add': return `Facilitator note: ${event.text}`;
    case 'action-item.add': return `Action item for ${event.owner}: ${event.text}`;
    default: return undefined;
  }
}

/**
 * "War room, <who>: " (`place` war-room) or "Status page (<phase>), <who>: " (`place` the phase), made once per
 * place and author of a timeline.
 */
function head(ctx: Describing, place: 'war-room' | StatusPhase, by: DrillEvent['by']): string {
  const who = actorName(ctx.history.state, by);
  let byWho = ctx.heads.get(place);
  if (!byWho) ctx.heads.set(place, (byWho = new Map()));
  let made = byWho.get(who);
  if (made === undefined) byWho.set(who, (made = `${place === 'war-room' ? 'War room' : `Status page (${place})`}, ${who}: `));
  return made;
}

/** Role names, comma-separated. */
function roleNames(scenario: DrillHistory['scenario'], roles: readonly string[]): string {
  return roles.map((r) => roleName(scenario, r)).join(', ');
}

/** A participant's name now, or their id (a module function: a closure made per event costs more than the lookup). */
function participantName(state: DrillHistory['state'], id: string): string {
  return state.participants[id]?.name ?? id;
}

/** A live game day's faults: what the story proposed, what the facilitator did with it, what the receiver said. */
function fault(event: DrillEvent): string | undefined {
  switch (event.type) {
    case 'fault.proposed': return `Fault proposed: ${event.title ?? event.webhook} (webhook "${event.webhook}").`;
    case 'fault.confirm': return `The facilitator confirmed ${event.faultId}${event.dryRun ? ' as a dry run (logged, not sent)' : ''}.`;
    case 'fault.abort': return `The facilitator aborted ${event.faultId}.`;
    case 'fault.delivery': {
      if (event.outcome === 'retrying') return undefined; // the final outcome says enough
      const what = event.action === 'start' ? 'start' : 'abort';
      const answer = event.outcome === 'delivered' ? `was delivered${event.status ? ` (HTTP ${event.status})` : ''}`
        : event.outcome === 'dry-run' ? 'was logged as a dry run, not sent'
          : event.outcome === 'cancelled' ? 'was not sent again: the fault was aborted'
            : `failed after ${event.attempt} attempt${event.attempt === 1 ? '' : 's'}${event.error ? `: ${event.error}` : ''}`;
      return `The ${what} of ${event.faultId} ${answer}.`;
    }
    default: return undefined;
  }
}

/** Roster changes and take-overs, with the names people had at the time. Joins and presence are left out. */
function roster(history: DrillHistory, event: DrillEvent, names: Map<string, string>): string | undefined {
  const name = (id: string) => names.get(id) ?? history.state.participants[id]?.name ?? id;
  switch (event.type) {
    case 'participant.rename': return `The facilitator renamed ${name(event.participantId)} to ${event.name}.`;
    case 'participant.remove': return `The facilitator removed ${name(event.participantId)} from the drill.`;
    case 'participant.merge': return `The facilitator merged ${name(event.participantId)}'s second seat into ${name(event.into)}'s.`;
    case 'role.takeover': {
      const who = event.by.kind === 'participant' ? name(event.by.id) : actorName(history.state, event.by);
      return `${who} took over the ${roleName(history.scenario, event.role)} role from ${name(event.from)}, who was away.`;
    }
    default: return undefined;
  }
}
