import { timingSafeEqual } from 'node:crypto';
import type { DrillState } from '../../shared/drill/state';
import type { SecretBox } from '../outbound/secret-box';

/** Alert ingest tokens start with this, so a leaked one is recognisable in a secret scanner. */
export const TOKEN_PREFIX = 'fdat_';

/**
 * A drill's alert ingest token (docs/game-day.md). It is not stored anywhere: the server derives it from the
 * drill id, the seq of the `alerts.token` issue in the drill's log and its own secret key. So the log and the
 * database never hold it, a restart keeps it working (with the same FIREDRILL_SECRET_KEY or secret.key), a new
 * issue retires the old token and a revoke retires it for good.
 */
export function alertToken(box: SecretBox, drillId: string, issueSeq: number): string {
  return `${TOKEN_PREFIX}${box.derive(`alert-token:${drillId}:${issueSeq}`).toString('base64url')}`;
}

/** Whether `presented` is the drill's token in force (constant-time compare). */
export function alertTokenMatches(box: SecretBox, drillId: string, state: Pick<DrillState, 'alertToken'>, presented: string): boolean {
  if (!state.alertToken) return false;
  const expected = Buffer.from(alertToken(box, drillId, state.alertToken.seq));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The token an ingest request presents: `Authorization: Bearer <token>` (Alertmanager's `http_config.authorization`)
 * or the password of HTTP basic auth (Alertmanager's `basic_auth`, any user name). Never a query parameter: URLs
 * end up in logs.
 */
export function presentedAlertToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme, value] = authorization.trim().split(/\s+/, 2);
  if (!value) return undefined;
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}
