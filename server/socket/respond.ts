import type { ClientToServerEvents, ErrorCode, Reply } from '../../shared/protocol/messages';
import { ServiceError } from '../errors';
import type { Logger } from '../log';
import type { RateLimit } from './rate-limit';
import type { RequestGate } from './request-gate';
import type { AppSocket } from './types';

/** Largest request payload a handler looks at, as JSON characters; Socket.IO's own cap sits above it. */
export const MAX_REQUEST_CHARS = 16 * 1024;

export const fail = (code: ErrorCode, message: string): Reply<never> => ({ ok: false, error: { code, message } });

export type Respond<T> = (reply: Reply<T>) => void;

/** A client→server event of the protocol. */
export type RequestEvent = keyof ClientToServerEvents;
/** What a successful reply to `E` carries, as `ClientToServerEvents` declares its ack. */
export type ReplyData<E extends RequestEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Reply<infer T> ? T : never;

interface Guard {
  /** Counts the request against the socket's allowance: whether it may go ahead (in Redis with several nodes). */
  take: () => boolean | Promise<boolean>;
  rateLimit: RateLimit;
  logger: Logger;
  /** Where an allowed request waits its turn during a burst (request-gate.ts). */
  gate: RequestGate;
}

/**
 * Registers a client→server event that always answers through its ack, whatever arrives: a missing or
 * non-function ack, a payload of the wrong type, an oversized payload, a flood, a handler that throws (a
 * `ServiceError`, such as a commit that failed, is answered with its own code and words).
 * An allowed request runs at once, or during a burst after the requests before it (`guard.gate`).
 * The handler gets the raw payload (it validates it with zod) and a `respond` typed by the event's ack in
 * `ClientToServerEvents`, so a handler cannot answer with the wrong shape; `respond` answers once.
 */
export function answer<E extends RequestEvent>(
  socket: AppSocket,
  event: E,
  guard: Guard,
  handler: (payload: unknown, respond: Respond<ReplyData<E>>) => void | Promise<void>,
): void {
  // Whatever the client sent: the typed listener's arguments are not trusted, only validated below.
  const listener = (...args: unknown[]): void => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
    let answered = false;
    const respond: Respond<ReplyData<E>> = (reply) => {
      if (answered) return;
      answered = true;
      try {
        ack?.(reply);
      } catch (error) {
        guard.logger.warn(`socket ${socket.id}: ack for ${event} failed: ${String(error)}`);
      }
    };
    const allowed = guard.take();
    const admit = () => guard.gate.run(() => go(args[0], respond));
    if (allowed === true) return admit();
    if (allowed === false) return tooMany(respond);
    allowed.then((ok) => (ok ? admit() : tooMany(respond)), (error: unknown) => {
      guard.logger.error(`socket ${socket.id}: the request limit could not be checked: ${String(error)}`);
      respond(fail('internal', 'The server could not check this request just now; try again.'));
    });
  };
  const tooMany = (respond: Respond<ReplyData<E>>) =>
    respond(fail('rate-limited', `Too many requests: at most ${guard.rateLimit.perSecond} a second. Wait a moment and try again.`));
  const go = (payload: unknown, respond: Respond<ReplyData<E>>): void => {
    let size = 0;
    try {
      size = JSON.stringify(payload ?? null).length;
    } catch {
      return respond(fail('invalid', 'The request is not plain JSON.'));
    }
    if (size > MAX_REQUEST_CHARS) return respond(fail('too-large', `The request is too large (at most ${MAX_REQUEST_CHARS} characters).`));
    Promise.resolve()
      .then(() => handler(payload, respond))
      .catch((error: unknown) => {
        // Meant for the requester (e.g. the store rolled the batch back: nothing of the request was kept or told).
        if (error instanceof ServiceError) return respond(fail(error.code, error.message));
        guard.logger.error(`socket ${socket.id}: ${event} failed: ${(error as Error).stack ?? String(error)}`);
        respond(fail('internal', 'The server could not do that; it has been logged. Try again, or resync.'));
      });
  };
  const name: RequestEvent = event;
  socket.on(name, listener);
}
