import type { EventMessage, TurnMessage } from './messages';

/**
 * The events of a `drill:turn`, one by one, each with the seq the socket was sent before it: the message's `prev`
 * for the first, then the event before it. A client folds them in this order (docs/protocol.md, "Ordering, gaps
 * and resync"). No zod here: the participant bundle imports it.
 */
export function turnEvents(turn: TurnMessage): EventMessage[] {
  let prev = turn.prev;
  return turn.events.map((event) => {
    const message = { event, prev };
    prev = event.seq;
    return message;
  });
}
