import { socketTransport, type DrillTransport } from '../session/transport';
import { seats, lastName } from '../net/storage';
import { TEXT_LIMITS } from '../drill/constants';

/** Join codes look like K7P-M2Q (no 0/O, 1/I); mirrors JOIN_CODE in shared/protocol/messages.ts. */
export const JOIN_CODE = /^[A-HJ-NP-Z2-9]{3}-?[A-HJ-NP-Z2-9]{3}$/;

/** Upper-cases and inserts the dash, so "k7pm2q" and "K7P M2Q" both work. */
export function normalizeCode(input: string): string {
  const raw = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return raw.length === 6 ? `${raw.slice(0, 3)}-${raw.slice(3)}` : input.trim().toUpperCase();
}

/** Longest display name the server takes. */
const NAME_LIMIT = TEXT_LIMITS.name;

/** What is wrong with a display name, in words: empty, or longer than the roster can show. */
export function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Tell the team your name (it shows on the roster).';
  if (trimmed.length > NAME_LIMIT) return `A name can be at most ${NAME_LIMIT} characters; this one has ${trimmed.length}. Shorten it (a first name is fine).`;
  return undefined;
}

/** What is wrong with a code before we bother the server, in words. */
export function codeProblem(code: string): string | undefined {
  if (!code.trim()) return 'Enter the join code your facilitator shared.';
  if (!JOIN_CODE.test(normalizeCode(code))) return 'A join code has six letters and digits, like K7P-M2Q.';
  return undefined;
}

const CONNECT_TIMEOUT_MS = 8000;

function waitUntilUp(transport: DrillTransport): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('Cannot reach the Firedrill server. Check your connection and try again.'));
    }, CONNECT_TIMEOUT_MS);
    const stop = transport.subscribe((signal) => {
      if (signal.type !== 'UP') return;
      clearTimeout(timer);
      stop();
      resolve();
    });
    transport.connect();
  });
}

/**
 * Joins a drill by code as a new participant and keeps the seat (token) for this drill, so the room page can
 * rejoin with it now and after any reload. Throws an Error carrying the server's message when refused.
 */
export async function joinByCode(code: string, name: string, options: { token?: string; transport?: DrillTransport } = {}): Promise<{ drillId: string }> {
  const transport = options.transport ?? socketTransport();
  const joinCode = normalizeCode(code);
  try {
    await waitUntilUp(transport);
    const reply = await transport.join({ as: 'participant', code: joinCode, name: name.trim(), ...(options.token ? { token: options.token } : {}) });
    if (!reply.ok) throw new Error(reply.error.message);
    const { view, token } = reply.data;
    if (!token) throw new Error('The server did not hand out a seat token; try joining again.');
    const participantId = view.identity.kind === 'participant' ? view.identity.participantId : undefined;
    seats.set(view.drillId, { token, name: view.identity.kind === 'participant' ? view.identity.name : name.trim(), participantId, joinCode, title: view.title });
    lastName.set(name.trim());
    return { drillId: view.drillId };
  } finally {
    transport.close();
  }
}
