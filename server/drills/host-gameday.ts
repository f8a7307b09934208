import type { ReceivedAlert } from '../../shared/alerts/alert';
import { ServiceError } from '../errors';
import { alertToken, alertTokenMatches } from '../gameday/alert-tokens';
import type { Logger } from '../log';
import type { SecretBox } from '../outbound/secret-box';
import type { LiveDrill } from './live-drill';
import { opFail, type OpOf, type OpReply } from './ops';

/** What a refused alert request is told: the token is not (or no longer) the one in force. */
const WRONG_TOKEN = 'That alert token does not open this drill (it may have been replaced or revoked); ask the facilitator for the current one.';

/** A refusal of the drill core as an HTTP-ready op error (409: the drill is not running, or the request conflicts). */
const refusedBy = (error: { code: string; message: string }) =>
  opFail(error.code === 'not-running' ? 'not-running' : 'conflict', error.message, { status: 409 });

/**
 * The owner's side of a live game day's HTTP routes (docs/game-day.md): alert ingest and the alert token. The routes
 * (server/http/gameday.ts) reach any node; these run on the drill's owner, in its queue, so that a token issued or
 * revoked a moment ago is already in force, and alerts are logged in the drill's order.
 */
export class GameDayOps {
  constructor(private readonly box: SecretBox, private readonly logger: Logger) {}

  async run(live: LiveDrill, op: OpOf<'alert-auth' | 'alerts' | 'alert-token'>, respond: (reply: OpReply) => void): Promise<void> {
    switch (op.op) {
      case 'alert-auth':
        return void (await live.read(
          () => alertTokenMatches(this.box, live.id, live.state, op.token),
          (matches) => respond(matches ? { ok: true, data: null } : opFail('unauthorized', WRONG_TOKEN, { status: 401 })),
        ));
      case 'alerts': return this.alerts(live, op.token, op.alerts, respond);
      case 'alert-token': return this.token(live, op.action, respond);
    }
  }

  /** Repeats (Alertmanager sends a group's alerts again at every group_interval) are skipped; the rest is taken whole or not at all. */
  private async alerts(live: LiveDrill, token: string, alerts: ReceivedAlert[], respond: (reply: OpReply) => void): Promise<void> {
    await live.exclusive(
      (turn) => {
        if (!alertTokenMatches(this.box, live.id, turn.state, token)) return opFail('unauthorized', WRONG_TOKEN, { status: 401 });
        const seen = new Map(Object.entries(turn.state.alerts).map(([fp, a]) => [fp, a.status]));
        const fresh: ReceivedAlert[] = [];
        for (const alert of alerts) {
          if (seen.get(alert.fingerprint) === alert.status) continue;
          seen.set(alert.fingerprint, alert.status);
          fresh.push(alert);
        }
        // Checked before anything is logged: a request is taken whole or not at all.
        const first = fresh[0] && turn.check({ type: 'alert.receive', alert: fresh[0] }, { kind: 'system' });
        if (first) return refusedBy(first);
        const injects: string[] = [];
        for (const alert of fresh) {
          const result = turn.submit({ type: 'alert.receive', alert }, { kind: 'system' });
          // Thrown inside the turn: nothing of the request is kept.
          if (!result.ok) throw new ServiceError(result.error.code === 'not-running' ? 'not-running' : 'conflict', result.error.message);
          for (const e of result.events) if (e.type === 'inject.delivered') injects.push(e.injectId);
        }
        return { ok: true as const, data: { received: fresh.length, duplicates: alerts.length - fresh.length, injects } };
      },
      respond,
    );
  }

  private async token(live: LiveDrill, action: 'status' | 'issue' | 'revoke', respond: (reply: OpReply) => void): Promise<void> {
    if (action === 'status') {
      return void (await live.read(() => live.state.alertToken, (current) => respond({ ok: true, data: { active: current !== null, ...(current ? { issuedAt: current.t } : {}) } })));
    }
    if (action === 'issue') {
      return void (await live.exclusive(
        (turn) => turn.submit({ type: 'alerts.token', action: 'issue' }, { kind: 'facilitator' }),
        (result) => {
          if (!result.ok) return respond(refusedBy(result.error));
          this.logger.info(`drill ${live.id}: alert token issued (#${result.event.seq})`);
          respond({ ok: true, data: { active: true, issuedAt: result.event.t, token: alertToken(this.box, live.id, result.event.seq) } });
        },
      ));
    }
    await live.exclusive(
      (turn) => (turn.state.alertToken ? turn.submit({ type: 'alerts.token', action: 'revoke' }, { kind: 'facilitator' }) : undefined),
      (result) => {
        if (result && !result.ok) return respond(refusedBy(result.error));
        if (result) this.logger.info(`drill ${live.id}: alert token revoked`);
        respond({ ok: true, data: { active: false } });
      },
    );
  }
}
