import type { CommandRequest, Reply } from '../../../shared/protocol/messages';

export type Command = CommandRequest['command'];
export type CommandReply = Reply<{ seq: number }>;

/** What the transport answers when no reply came in time: the command may or may not have been kept. */
export interface Unanswered { ok: false; unanswered: true; error: { code: 'internal'; message: string } }

export const UNANSWERED_MESSAGE = 'The server did not answer in time. Check the connection badge and try again.';

export function unanswered(): Unanswered {
  return { ok: false, unanswered: true, error: { code: 'internal', message: UNANSWERED_MESSAGE } };
}

export function isUnanswered(reply: CommandReply | Unanswered): reply is Unanswered {
  return 'unanswered' in reply;
}

export interface CommandLink {
  /** Sends one attempt and resolves with the server's reply, or `unanswered()` after the ack timeout. */
  send(request: { id: string; command: Command }): Promise<CommandReply | Unanswered>;
  /** Resolves once the session is joined and live (at once when it is): after a reconnect, after the rejoin. */
  live(): Promise<void>;
}

export interface SenderOptions {
  /** A fresh command id; default 128 random bits, base64url. */
  newId?: () => string;
  /** How long a command keeps being retried before the person is told (ms); default 2 minutes. */
  deadlineMs?: number;
  now?: () => number;
  /** Waits `ms` (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
}

const GAVE_UP = 'The server did not answer. Your action may or may not have been kept; sending it again is safe, it will not be applied twice.';

/**
 * Sends commands exactly once. Every command gets a fresh id; when no answer comes (ack timeout), the socket
 * was down (the server may have restarted: the session joins again first), or the server could not save, the
 * same command is sent again **with the same id**, so the server answers it with the first result instead of
 * applying it twice (docs/protocol.md, "Command ids and retries"). After `deadlineMs` the person is told; if
 * they send the very same command again, it keeps its id, so even that cannot land twice.
 */
export function createCommandSender(link: CommandLink, options: SenderOptions = {}): (command: Command) => Promise<CommandReply> {
  const newId = options.newId ?? randomId;
  const deadlineMs = options.deadlineMs ?? 120_000;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Commands whose fate is unknown (we gave up waiting), by content: a resend keeps the id. */
  const open = new Map<string, string>();

  return async (command) => {
    const key = stableJson(command);
    const id = open.get(key) ?? newId();
    open.set(key, id);
    const started = now();
    for (let attempt = 0; ; attempt++) {
      if (!(await within(link.live(), deadlineMs - (now() - started)))) return { ok: false, error: { code: 'internal', message: GAVE_UP } };
      const reply = await link.send({ id, command });
      const again = retryable(reply);
      if (!again) {
        open.delete(key);
        return reply as CommandReply;
      }
      if (now() - started >= deadlineMs) return { ok: false, error: { code: 'internal', message: GAVE_UP } };
      // A lost answer is retried at once the first time (the wait was the timeout), then with a growing pause; a
      // refusal to save or a busy server always after a pause.
      if (again === 'later' || attempt > 0) await sleep(Math.min(8000, (again === 'later' ? 500 : 100) * 2 ** attempt));
    }
  };
}

/** Whether `promise` settles within `ms` (a session that never comes back must not hold a button forever). */
async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), Math.max(0, ms)); });
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a reply means "send it again with the same id", and when. */
function retryable(reply: CommandReply | Unanswered): false | 'now' | 'later' {
  if (isUnanswered(reply)) return 'now';
  if (reply.ok) return false;
  switch (reply.error.code) {
    case 'unauthorized': return 'now'; // sent before the session had joined again (after a restart): `live()` waits
    case 'internal': return 'later'; // the server could not save; nothing was kept
    case 'rate-limited': return 'later';
    default: return false;
  }
}

/** 128 random bits as base64url; `crypto.getRandomValues` also works outside secure contexts (plain http on a LAN). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}
