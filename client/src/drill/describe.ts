import type { DrillEvent } from '../../../shared/drill/events';
import type { DrillState } from '../../../shared/drill/state';
import type { PublicScenario } from '../../../shared/protocol/messages';
import { actorName, contactName, roleName } from './names';

export interface Described { icon: string; text: string; kind: string }

/**
 * One log event in a sentence, for the facilitator's live log. Telemetry points return undefined (too noisy).
 * Decisions are told with the inject's title and the option's label; declarations that came before the story was
 * fixed say so (staff state only).
 */
export function describeEvent(event: DrillEvent, scenario: PublicScenario, state: Pick<DrillState, 'participants'> & Partial<Pick<DrillState, 'injects' | 'declarations'>>): Described | undefined {
  const who = actorName(state, event.by);
  const name = (id: string) => state.participants[id]?.name ?? 'someone';
  const inject = (id: string) => state.injects?.findLast((i) => i.injectId === id);
  const title = (id: string) => inject(id)?.title ?? id;
  const option = (injectId: string, id: string) => inject(injectId)?.decision?.options.find((o) => o.id === id)?.label ?? id;
  switch (event.type) {
    case 'participant.join': return { icon: 'role', kind: 'role', text: `${event.name} joined` };
    case 'role.claim': return { icon: 'role', kind: 'role', text: `${who} took ${roleName(scenario, event.role)}` };
    case 'role.assign': return { icon: 'role', kind: 'role', text: `${who} assigned ${roleName(scenario, event.role)} to ${state.participants[event.participantId]?.name ?? 'someone'}` };
    case 'role.release': return { icon: 'role', kind: 'role', text: `${who} released ${roleName(scenario, event.role)}` };
    case 'inject.ack': return { icon: 'check', kind: 'ack', text: `${who} acknowledged “${event.injectId}”` };
    case 'chat.post': return { icon: 'war-room', kind: 'war-room', text: `${who} in the war room: ${event.text}` };
    case 'status.post': return { icon: 'status-page', kind: 'status-page', text: `${who} posted (${event.phase}): ${event.text}` };
    case 'contact.page': return { icon: 'page', kind: 'page', text: `${who} paged ${contactName(scenario, event.contact)}: ${event.message}` };
    case 'contact.replied': return { icon: 'reply', kind: 'reply', text: `${contactName(scenario, event.contact)} replied: ${event.text}` };
    case 'severity.set': return { icon: 'flag', kind: 'severity', text: `${who} set severity to ${event.severity}` };
    case 'incident.declare': {
      const premature = state.declarations?.find((d) => d.seq === event.seq)?.premature;
      return { icon: 'flag', kind: 'declare', text: `${who} declared the incident ${event.status}${premature ? ' — premature: the story had not got there yet' : ''}` };
    }
    case 'incident.retract': return { icon: 'flag', kind: 'declare', text: `${who} retracted the ${event.status} declaration: “${event.reason}”` };
    case 'decision.make': return { icon: 'check', kind: 'decision', text: `${who} decided “${option(event.injectId, event.option)}” on “${title(event.injectId)}”${event.reason ? `: “${event.reason}”` : ''}` };
    case 'decision.closed': return { icon: 'state', kind: 'decision', text: `The call “${title(event.injectId)}” is closed: the story moved on` };
    case 'score.override': {
      const target = 'objective' in event.target ? `objective “${event.target.objective}”` : `check “${event.target.check}” of post #${event.target.post}`;
      const did = event.value === null ? `cleared the override of ${target}`
        : 'rating' in event.value ? `rated ${target} ${event.value.rating}` : `marked ${target} as ${event.value.passed ? 'passed' : 'failed'}`;
      return { icon: 'note', kind: 'note', text: `${who} ${did} — ${event.note}` };
    }
    case 'evaluators.set': return { icon: 'note', kind: 'note', text: event.observers ? 'Observers may now override scores' : 'Observers may no longer override scores' };
    case 'action-item.add': return { icon: 'action', kind: 'action-item', text: `${who} added an action item for ${event.owner}: ${event.text}` };
    case 'note.add': return { icon: 'note', kind: 'note', text: `Observation: ${event.text}` };
    case 'inject.send': return undefined; // the inject.delivered that follows says it better
    case 'inject.delivered': {
      if (event.channel === 'telemetry' && !event.title) return undefined;
      const to = event.to.includes('all') ? '' : ` → ${event.to.map((r) => roleName(scenario, r)).join(', ')}`;
      return { icon: event.channel, kind: 'inject', text: `${event.adhoc ? 'Ad-hoc inject' : 'Inject'}${to}: ${event.title ?? event.injectId}` };
    }
    case 'telemetry.point': return undefined;
    case 'state.entered': return { icon: 'state', kind: 'state', text: `Scenario entered “${event.state}”` };
    case 'drill.start': return { icon: 'flag', kind: 'drill', text: 'Drill started' };
    case 'drill.pause': return { icon: 'flag', kind: 'drill', text: 'Drill paused' };
    case 'drill.resume': return { icon: 'flag', kind: 'drill', text: 'Drill resumed' };
    case 'drill.speed': return { icon: 'flag', kind: 'drill', text: `Speed set to ×${event.speed}` };
    case 'drill.end': return undefined;
    case 'drill.ended': return { icon: 'flag', kind: 'drill', text: `Drill ended (${event.reason})` };
    case 'role.takeover': return { icon: 'role', kind: 'role', text: `${who} took over ${roleName(scenario, event.role)} from ${name(event.from)} (away)` };
    case 'participant.rename': return { icon: 'role', kind: 'role', text: `Renamed a participant to ${event.name}` };
    case 'participant.remove': return { icon: 'role', kind: 'role', text: `Removed ${name(event.participantId)} from the roster` };
    case 'participant.merge': return { icon: 'role', kind: 'role', text: `Merged ${name(event.participantId)}'s second seat into ${name(event.into)}` };
    case 'participant.away': return { icon: 'role', kind: 'presence', text: `${name(event.participantId)} has been offline a while: their roles can be taken over` };
    case 'participant.back': return { icon: 'role', kind: 'presence', text: `${name(event.participantId)} is back` };
    case 'staff.rotate-key': return { icon: 'flag', kind: 'drill', text: `The ${event.role} link was replaced; the old one no longer works` };
  }
}
