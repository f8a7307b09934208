import type { DrillView } from '../../../shared/protocol/messages';
import { compareRuns, score, type RunComparison, type Scorecard } from '../../../shared/scoring';
import { ApiError, api, fetchText, http, seatHeaders } from '../net/http';

/** What opens a scorecard: a staff key (any time), or a participant's seat token (once the drill has ended). */
export type ScorecardAccess = { as: 'staff'; key: string } | { as: 'participant'; token: string };

const reportPath = (drillId: string) => `/api/drills/${encodeURIComponent(drillId)}/report.md`;
const scorecardPath = (drillId: string) => `/api/drills/${encodeURIComponent(drillId)}/scorecard`;

/** The scorecard for a staff key or a participant's seat (the token goes in a header, never in the address). */
export function loadScorecardFor(drillId: string, access: ScorecardAccess): Promise<Scorecard> {
  if (access.as === 'staff') return loadScorecard(drillId, access.key);
  return api<Scorecard>(scorecardPath(drillId), { headers: seatHeaders(access.token) });
}

/** An export (`report.md`, `report.html`, `timeline.csv`) for a participant's seat; staff download them with their key. */
export function loadSeatReport(drillId: string, token: string, path = 'report.md'): Promise<string> {
  return fetchText(path === 'report.md' ? reportPath(drillId) : `/api/drills/${encodeURIComponent(drillId)}/${path}`, seatHeaders(token));
}

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
 * comparison so the chart can mark it; other runs (and every run, without a key) stay anonymous.
 */
export async function loadRuns(scenarioId: string, drillId: string, key?: string): Promise<RunComparison | undefined> {
  try {
    const body = await api<unknown>(key ? `${http.runsUrl(scenarioId)}?drill=${encodeURIComponent(drillId)}&key=${encodeURIComponent(key)}` : http.runsUrl(scenarioId));
    if (Array.isArray(body)) return compareRuns(body as Scorecard[]);
    if (body && typeof body === 'object' && 'objectives' in body && 'runs' in body) return body as RunComparison;
    if (body && typeof body === 'object' && 'scorecards' in body) return compareRuns((body as { scorecards: Scorecard[] }).scorecards);
    return undefined;
  } catch {
    return undefined;
  }
}
