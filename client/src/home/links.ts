import type { CreateDrillResponse } from '../../../shared/protocol/messages';

/** The shareable addresses of a new drill. Keys travel in the link and are moved to sessionStorage on arrival. */
export function drillLinks(origin: string, drill: CreateDrillResponse) {
  const id = encodeURIComponent(drill.drillId);
  return {
    join: `${origin}/join/${drill.joinCode}`,
    facilitator: `${origin}/drill/${id}?key=${encodeURIComponent(drill.facilitatorKey)}&as=facilitator`,
    observer: `${origin}/drill/${id}?key=${encodeURIComponent(drill.observerKey)}&as=observer`,
  };
}
