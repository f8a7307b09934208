import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody, ErrorCode } from '../../shared/protocol/messages';
import type { OpError } from '../drills/ops';
import type { Logger } from '../log';

/** An error a route throws on purpose: it becomes `{error: {code, message}}` with this HTTP status. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: ErrorCode, message: string) {
    super(message);
  }
}

const body = (code: ErrorCode, message: string): ApiErrorBody => ({ error: { code, message } });

const STATUS: Record<ErrorCode, number> = {
  invalid: 400, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409, 'not-running': 409, 'too-large': 413,
  'rate-limited': 429, internal: 500, unavailable: 503,
};

/** The refusal of a drill's owner (server/drills/ops.ts) as an HTTP error. */
export function opError(error: OpError): ApiError {
  return new ApiError(error.status ?? STATUS[error.code] ?? 500, error.code, error.unknown ? 'There is no such drill. Check the link you were given.' : error.message);
}

/** For `/api/*` paths nothing answered. */
export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json(body('not-found', `There is no API endpoint ${req.method} ${req.originalUrl.split('?')[0]}.`));
};

/** Turns every error into a JSON body; never leaks a stack trace to the client. */
export function apiErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof ApiError) {
      res.status(error.status).json(body(error.code, error.message));
      return;
    }
    // body-parser's errors carry `type` and `status`.
    const parser = error as { type?: string; status?: number; limit?: number };
    if (parser.type === 'entity.too.large') {
      res.status(413).json(body('too-large', `The request body is too large (at most ${parser.limit} bytes).`));
      return;
    }
    if (parser.type === 'entity.parse.failed') {
      res.status(400).json(body('invalid', 'The request body is not valid JSON.'));
      return;
    }
    if (typeof parser.status === 'number' && parser.status >= 400 && parser.status < 500) {
      res.status(parser.status).json(body('invalid', (error as Error).message));
      return;
    }
    logger.error(`HTTP ${_req.method} ${_req.originalUrl}: ${(error as Error).stack ?? String(error)}`);
    res.status(500).json(body('internal', 'Something went wrong on the server; it has been logged.'));
  };
}

/**
 * A query parameter that counts something (`?after=12`): a whole number from 0, given once; undefined when
 * absent. Anything else (`abc`, `-5`, `1.5`, twice) is a 400 that says what is expected, never silently ignored.
 */
export function queryCount(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new ApiError(400, 'invalid', `?${name}= must be a whole number from 0 (a seq), given once.`);
  }
  return Number(value);
}
