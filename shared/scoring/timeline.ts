/**
 * The drill's timeline in plain sentences, for the scorecard page and the after-action report. Telemetry
 * points, joins and speed changes are left out: they are noise in a review.
 */
import type { DrillEvent } from '../drill/events';
import { scenarioInjects, type ScenarioInject } from '../scenario/model';
import { claimsTooEarly } from './metrics';
import { actorName, contactName, roleName, since, type DrillHistory } from './history';
import type { TimelineEntry, TimelineKind } from './types';

const ENDED: Record<'final' | 'duration' | 'facilitator', string> = {
  final: 'the scenario reached its end', duration: 'time ran out', facilitator: 'the facilitator ended it',
};

/** Notable events of the drill, in log order. */
export function timelineOf(history: DrillHistory): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const titles = new Map<string, string>();
  let scripted: Map<string, ScenarioInject> | undefined;
  const option = (injectId: string, id: string) =>
    (scripted ??= scenarioInjects(history.scenario)).get(injectId)?.decision?.options.find((o) => o.id === id)?.label ?? id;
  // Names as they were at each moment (a rename later on must not rewrite what the timeline said before it).
  const names = new Map<string, string>();
  for (const event of history.events) {
    const type = event.type;
    if (type === 'telemetry.point') continue; // the commonest event, and never in the timeline
    if (type === 'inject.delivered') titles.set(event.injectId, event.title ?? event.injectId);
    const entry = type.startsWith('participant.') || type === 'role.takeover' ? roster(history, event, names)
      : type.startsWith('fault.') ? fault(event) : describe(history, event, titles, option);
    if (type === 'participant.join' || type === 'participant.rename') names.set(event.participantId, event.name);
    if (!entry) continue;
    const at = since(history, event.t);
    const real = (type === 'inject.delivered' && event.alert !== undefined) || type === 'alert.resolved';
    // One shape per kind of line (no spread): a long log has tens of thousands of them.
    out.push(real ? { seq: event.seq, at, kind: entry[0], text: entry[1], real: true } : { seq: event.seq, at, kind: entry[0], text: entry[1] });
  }
  return out;
}

function describe(history: DrillHistory, event: DrillEvent, titles: Map<string, string>, option: (injectId: string, id: string) => string): [TimelineKind, string] | undefined {
  const { scenario, state } = history;
  const who = actorName(state, event.by);
  switch (event.type) {
    case 'drill.start': return ['drill', 'The drill started.'];
    case 'drill.pause': return ['drill', 'The facilitator paused the drill.'];
    case 'drill.resume': return ['drill', 'The facilitator resumed the drill.'];
    case 'drill.ended': return ['drill', `The drill ended: ${ENDED[event.reason]}.`];
    case 'inject.delivered': {
      if (!event.title) return undefined; // a bare telemetry inject: the dashboard moved
      const to = event.to.includes('all') ? '' : ` (to ${event.to.map((r) => roleName(scenario, r)).join(', ')})`;
      const from = event.from ? `${event.from}: ` : '';
      if (event.alert) {
        const routed = event.to.length === 0 ? ' (no alert rule matched: the facilitator only)' : to;
        return ['inject', `Real alert on ${event.channel}${routed} — ${from}"${event.title}"`];
      }
      return ['inject', `${event.adhoc ? 'Facilitator inject' : 'Inject'} on ${event.channel}${to} — ${from}"${event.title}"`];
    }
    case 'alert.resolved': return ['inject', `The real alert "${titles.get(event.injectId) ?? event.injectId}" resolved.`];
    case 'inject.ack': return ['ack', `${who} acknowledged "${titles.get(event.injectId) ?? event.injectId}".`];
    case 'role.claim': return event.by.kind === 'participant' ? ['role', `${who} took the ${roleName(scenario, event.role)} role.`] : undefined;
    case 'role.assign': return ['role', `${who} gave the ${roleName(scenario, event.role)} role to ${participantName(state, event.participantId)}.`];
    case 'role.release': return ['role', `${who} released the ${roleName(scenario, event.role)} role.`];
    case 'chat.post': return ['war-room', `War room, ${who}: ${event.text}`];
    case 'status.post': return ['status-page', `Status page (${event.phase}), ${who}: ${event.text}`];
    case 'contact.page': return ['page', `${who} paged ${contactName(scenario, event.contact)}: ${event.message}`];
    case 'contact.replied': return ['reply', `${contactName(scenario, event.contact)} replied: ${event.text}`];
    case 'severity.set': return ['severity', `${who} set the severity to ${event.severity}.`];
    case 'incident.declare': {
      const early = claimsTooEarly(history, event.status, event.seq);
      return ['declare', `${who} declared the incident ${event.status}${early ? ' — before the story got there (a premature all-clear)' : ''}.`];
    }
    case 'incident.retract': return ['retract', `${who} retracted the ${event.status} declaration: ${event.reason}`];
    case 'decision.make': {
      const title = titles.get(event.injectId) ?? event.injectId;
      return ['decision', `${who} chose "${option(event.injectId, event.option)}" on "${title}"${event.reason?.trim() ? `: ${event.reason.trim()}` : '.'}`];
    }
    case 'decision.closed': return ['decision', `The decision on "${titles.get(event.injectId) ?? event.injectId}" closed: the story moved on.`];
    case 'state.entered': {
      const description = scenario.states[event.state]?.description;
      return ['state', `The scenario entered "${event.state}"${description ? ` — ${description}` : '.'}`];
    }
    case 'note.add': return ['note', `Facilitator note: ${event.text}`];
    case 'action-item.add': return ['action-item', `Action item for ${event.owner}: ${event.text}`];
    default: return undefined;
  }
}

/** A participant's name now, or their id (a module function: a closure made per event costs more than the lookup). */
function participantName(state: DrillHistory['state'], id: string): string {
  return state.participants[id]?.name ?? id;
}

/** A live game day's faults: what the story proposed, what the facilitator did with it, what the receiver said. */
function fault(event: DrillEvent): [TimelineKind, string] | undefined {
  switch (event.type) {
    case 'fault.proposed': return ['fault', `Fault proposed: ${event.title ?? event.webhook} (webhook "${event.webhook}").`];
    case 'fault.confirm': return ['fault', `The facilitator confirmed ${event.faultId}${event.dryRun ? ' as a dry run (logged, not sent)' : ''}.`];
    case 'fault.abort': return ['fault', `The facilitator aborted ${event.faultId}.`];
    case 'fault.delivery': {
      if (event.outcome === 'retrying') return undefined; // the final outcome says enough
      const what = event.action === 'start' ? 'start' : 'abort';
      const answer = event.outcome === 'delivered' ? `was delivered${event.status ? ` (HTTP ${event.status})` : ''}`
        : event.outcome === 'dry-run' ? 'was logged as a dry run, not sent'
          : event.outcome === 'cancelled' ? 'was not sent again: the fault was aborted'
            : `failed after ${event.attempt} attempt${event.attempt === 1 ? '' : 's'}${event.error ? `: ${event.error}` : ''}`;
      return ['fault', `The ${what} of ${event.faultId} ${answer}.`];
    }
    default: return undefined;
  }
}

/** Roster changes and take-overs, with the names people had at the time. Joins and presence are left out. */
function roster(history: DrillHistory, event: DrillEvent, names: Map<string, string>): [TimelineKind, string] | undefined {
  const name = (id: string) => names.get(id) ?? history.state.participants[id]?.name ?? id;
  switch (event.type) {
    case 'participant.rename': return ['role', `The facilitator renamed ${name(event.participantId)} to ${event.name}.`];
    case 'participant.remove': return ['role', `The facilitator removed ${name(event.participantId)} from the drill.`];
    case 'participant.merge': return ['role', `The facilitator merged ${name(event.participantId)}'s second seat into ${name(event.into)}'s.`];
    case 'role.takeover': {
      const who = event.by.kind === 'participant' ? name(event.by.id) : actorName(history.state, event.by);
      return ['role', `${who} took over the ${roleName(history.scenario, event.role)} role from ${name(event.from)}, who was away.`];
    }
    default: return undefined;
  }
}
