import type { DrillView } from '../../../shared/protocol/messages';
import { compareRuns, score, type RunComparison, type Scorecard } from '../../../shared/scoring';
import { ApiError, api, http } from '../net/http';

/**
 * The scorecard from the server. When the server has no scorecard route (404 with no drill error) the page
 * scores the log itself with the same pure `score()`, from the staff view and the event log.
 */
export async function loadScorecard(drillId: string, key: string): Promise<Scorecard> {
  try {
    return await api<Scorecard>(http.scorecardUrl(drillId, key));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404 || error.code === 'not-found') throw error;
  }
  const details = await api<{ view?: DrillView }>(`/api/drills/${encodeURIComponent(drillId)}?key=${encodeURIComponent(key)}`);
  if (!details.view?.script) throw new ApiError(403, 'This link does not give access to the scorecard.');
  const events = await http.events(drillId, key);
  return score(details.view.script, events, { drillId });
}

/**
 * Earlier runs of the scenario, as a comparison. With the drill's key the server keeps this run's id in the
 * comparison so the chart can mark it; other runs stay anonymous.
 */
export async function loadRuns(scenarioId: string, drillId: string, key: string): Promise<RunComparison | undefined> {
  try {
    const body = await api<unknown>(`${http.runsUrl(scenarioId)}?drill=${encodeURIComponent(drillId)}&key=${encodeURIComponent(key)}`);
    if (Array.isArray(body)) return compareRuns(body as Scorecard[]);
    if (body && typeof body === 'object' && 'objectives' in body && 'runs' in body) return body as RunComparison;
    if (body && typeof body === 'object' && 'scorecards' in body) return compareRuns((body as { scorecards: Scorecard[] }).scorecards);
    return undefined;
  } catch {
    return undefined;
  }
}
