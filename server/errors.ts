import type { ErrorCode } from '../shared/protocol/messages';

/**
 * A failure with words meant for the person who made the request: socket handlers answer it as
 * `{code, message}` and HTTP routes likewise, whatever layer threw it (the store's failed commit is one).
 * Anything else that is thrown is a bug: logged, and answered with a generic `internal`.
 */
export class ServiceError extends Error {
  constructor(readonly code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceError';
  }
}
