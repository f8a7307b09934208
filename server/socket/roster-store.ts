import type { DrillCommand } from '../../shared/drill/commands';
import type { Store } from '../store/store';

/**
 * Keeps a seat's stored record in step with an accepted roster command, in the same turn (and commit) as its
 * event: a removed seat's token opens nothing any more, a merged seat's token opens the seat it was merged into,
 * a renamed seat rejoins under its new name.
 */
export function rosterToStore(store: Store, drillId: string, command: DrillCommand): void {
  switch (command.type) {
    case 'participant.rename':
      return store.updateParticipant(drillId, command.participantId, { name: command.name });
    case 'participant.remove':
      return store.updateParticipant(drillId, command.participantId, { removed: true });
    case 'participant.merge':
      return store.updateParticipant(drillId, command.participantId, { mergedInto: command.into });
    default:
      return undefined;
  }
}
