import type { ApiErrorBody, SaveScenarioResponse, ScenarioSource, StudioInfo } from '../../../shared/protocol/messages';
import type { ScenarioProblem } from '../../../shared/scenario/problems';
import { api, ApiError } from '../net/http';

/** The header the admin key travels in (server/http/studio.ts). */
const ADMIN_KEY_HEADER = 'x-firedrill-admin-key';

/** A refused save, with the server's words and (for an invalid file) its problems. */
export class SaveError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string, readonly problems: ScenarioProblem[] = []) {
    super(message);
  }
}

export const studioApi = {
  info: () => api<StudioInfo>('/api/studio'),
  /** A scenario's file; a server with an admin key wants it (the key from this tab, if any, is sent). */
  source: (id: string) => {
    const key = studioStorage.adminKey();
    return api<ScenarioSource>(`/api/scenarios/${encodeURIComponent(id)}/source`, key ? { headers: { [ADMIN_KEY_HEADER]: key } } : undefined);
  },
  async save(id: string, text: string, adminKey: string): Promise<SaveScenarioResponse> {
    let response: Response;
    try {
      response = await fetch(`/api/scenarios/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json', [ADMIN_KEY_HEADER]: adminKey },
        body: JSON.stringify({ text }),
      });
    } catch {
      throw new SaveError(0, 'Cannot reach the Firedrill server. Check your connection and try again; your text is kept in this browser.');
    }
    const body = (await response.json().catch(() => undefined)) as SaveScenarioResponse | ApiErrorBody | undefined;
    if (response.ok && body && !('error' in body)) return body;
    const error = body && 'error' in body ? body.error : undefined;
    throw new SaveError(response.status, error?.message ?? `The server answered ${response.status}.`, error?.code, error?.problems);
  },
};

/** The studio's draft and admin key, kept in the browser. */
const DRAFT = 'firedrill.studio.draft';
const ADMIN_KEY = 'firedrill.studio.admin-key';

function tryStorage<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}

export const studioStorage = {
  /** The text being edited: kept across reloads in this browser, never sent anywhere until saved. */
  draft: () => tryStorage(() => localStorage.getItem(DRAFT) ?? undefined, undefined),
  setDraft: (text: string) => tryStorage(() => localStorage.setItem(DRAFT, text), undefined),
  /** The admin key, for this tab only (like facilitator keys). */
  adminKey: () => tryStorage(() => sessionStorage.getItem(ADMIN_KEY) ?? '', ''),
  setAdminKey: (key: string) => tryStorage(() => (key ? sessionStorage.setItem(ADMIN_KEY, key) : sessionStorage.removeItem(ADMIN_KEY)), undefined),
};

/** Offers `text` as a file download. */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** True for a refusal that a (right) admin key would turn into an answer. */
export function needsKey(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}
