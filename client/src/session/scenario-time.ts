import { parseDuration } from '../../../shared/duration';

/** A public scenario's duration in ms (its `duration` string), or Infinity if it is somehow unreadable. */
export function scenarioDurationMs(duration: string): number {
  return parseDuration(duration) ?? Number.POSITIVE_INFINITY;
}
