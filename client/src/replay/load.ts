import type { DrillEvent } from '../../../shared/drill/events';
import type { DrillView } from '../../../shared/protocol/messages';
import { ApiError, api, http } from '../net/http';

/** What a replay is made of: the staff view (for the scenario in full and the drill's title) and the whole log. */
export interface ReplayData { view: DrillView & { script: NonNullable<DrillView['script']> }; events: DrillEvent[] }

/**
 * Loads a drill for its replay with a facilitator or observer key: the replay can show every viewpoint, staff's
 * included, so it needs what the event log needs (`GET /api/drills/:id/events` is staff only).
 */
export async function loadReplay(drillId: string, key: string): Promise<ReplayData> {
  const [details, events] = await Promise.all([
    api<{ view?: DrillView }>(`/api/drills/${encodeURIComponent(drillId)}?key=${encodeURIComponent(key)}`),
    http.events(drillId, key),
  ]);
  const { view } = details;
  if (!view?.script) throw new ApiError(403, 'This key does not open the replay. Use the facilitator or observer link of this drill.');
  return { view: { ...view, script: view.script }, events: [...events].sort((a, b) => a.seq - b.seq) };
}
