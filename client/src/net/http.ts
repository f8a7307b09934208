import type { CreateDrillRequest, CreateDrillResponse, DrillSummary, OutboundStatus, PublicStatus, ScenarioSummary } from '../../../shared/protocol/messages';
import type { DrillEvent } from '../../../shared/drill/events';

/** An HTTP failure with the server's own words, to show next to whatever caused it. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string) {
    super(message);
  }
}

/** Fetches JSON from the API; a non-2xx answer becomes an ApiError carrying the server's message. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}), ...init?.headers } });
  } catch {
    throw new ApiError(0, 'Cannot reach the Firedrill server. Check your connection and try again.');
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = errorOf(body);
    throw new ApiError(response.status, error?.message ?? `The server answered ${response.status} ${response.statusText}.`, error?.code);
  }
  // Both `{ok:true,data}` envelopes and bare bodies are accepted, so the client does not depend on the choice.
  if (body && typeof body === 'object' && 'ok' in body && 'data' in body) return (body as { data: T }).data;
  return body as T;
}

function errorOf(body: unknown): { message?: string; code?: string } | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { error?: unknown; message?: unknown };
  if (b.error && typeof b.error === 'object') return b.error as { message?: string; code?: string };
  if (typeof b.error === 'string') return { message: b.error };
  if (typeof b.message === 'string') return { message: b.message };
  return undefined;
}

const withKey = (path: string, key?: string) => (key ? `${path}?key=${encodeURIComponent(key)}` : path);

/** A participant's seat token travels in this header, never in the address (addresses end up in server logs). */
export const seatHeaders = (token: string) => ({ 'x-firedrill-token': token });

/** Fetches text (the Markdown report) with headers; a non-2xx answer becomes an ApiError like `api`'s. */
export async function fetchText(path: string, headers: Record<string, string>): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    throw new ApiError(0, 'Cannot reach the Firedrill server. Check your connection and try again.');
  }
  const text = await response.text();
  if (response.ok) return text;
  let error: { message?: string; code?: string } | undefined;
  try {
    error = errorOf(JSON.parse(text));
  } catch {
    error = undefined;
  }
  throw new ApiError(response.status, error?.message ?? `The server answered ${response.status} ${response.statusText}.`, error?.code);
}

/** What the console sends to set up the webhook. */
export interface OutboundSettings { url?: string; channels: string[]; format: 'auto' | 'slack' | 'json'; newSecret?: boolean }
const outboundPath = (drillId: string) => `/api/drills/${encodeURIComponent(drillId)}/outbound`;

export const http = {
  scenarios: () => api<ScenarioSummary[]>('/api/scenarios'),
  createDrill: (request: CreateDrillRequest) => api<CreateDrillResponse>('/api/drills', { method: 'POST', body: JSON.stringify(request) }),
  drill: (drillId: string, key?: string) => api<DrillSummary>(withKey(`/api/drills/${encodeURIComponent(drillId)}`, key)),
  events: (drillId: string, key: string) => api<DrillEvent[] | { events: DrillEvent[] }>(withKey(`/api/drills/${encodeURIComponent(drillId)}/events`, key))
    .then((body) => (Array.isArray(body) ? body : body.events)),
  scorecardUrl: (drillId: string, key: string) => withKey(`/api/drills/${encodeURIComponent(drillId)}/scorecard`, key),
  reportUrl: (drillId: string, key: string) => withKey(`/api/drills/${encodeURIComponent(drillId)}/report.md`, key),
  runsUrl: (scenarioId: string) => `/api/scenarios/${encodeURIComponent(scenarioId)}/runs`,
  /** The drill's outbound webhook (facilitator key in the header: never in an address). */
  outbound: (drillId: string, key: string) => api<OutboundStatus>(outboundPath(drillId), { headers: { 'x-firedrill-key': key }, cache: 'no-store' }),
  setOutbound: (drillId: string, key: string, body: OutboundSettings) =>
    api<{ status: OutboundStatus; signingSecret?: string }>(outboundPath(drillId), { method: 'PUT', headers: { 'x-firedrill-key': key }, body: JSON.stringify(body) }),
  removeOutbound: (drillId: string, key: string) => api<OutboundStatus>(outboundPath(drillId), { method: 'DELETE', headers: { 'x-firedrill-key': key } }),
  testOutbound: (drillId: string, key: string) => api<OutboundStatus>(`${outboundPath(drillId)}/test`, { method: 'POST', headers: { 'x-firedrill-key': key } }),
  /** A live game day (docs/game-day.md): a new alert ingest token (shown once), revoking it, the fault webhooks. */
  issueAlertToken: (drillId: string, key: string) =>
    api<{ token: string; url: string; issuedAt: number }>(`/api/drills/${encodeURIComponent(drillId)}/alerts/token`, { method: 'POST', headers: { 'x-firedrill-key': key } }),
  revokeAlertToken: (drillId: string, key: string) =>
    api<{ active: false }>(`/api/drills/${encodeURIComponent(drillId)}/alerts/token`, { method: 'DELETE', headers: { 'x-firedrill-key': key } }),
  faultWebhooks: (drillId: string, key: string) =>
    api<{ webhooks: { name: string; target: string }[] }>(`/api/drills/${encodeURIComponent(drillId)}/faults/webhooks`, { headers: { 'x-firedrill-key': key }, cache: 'no-store' }),
  /** The public status page: no seat or key. */
  status: (drillId: string) => api<PublicStatus>(`/api/drills/${encodeURIComponent(drillId)}/status`, { cache: 'no-store' }),
};
