import { isEvaluatorCommand, isFacilitatorCommand } from '../../shared/drill/commands';
import { onlyFacilitatorMessage } from '../../shared/drill/rules';
import {
  CommandRequest, JoinRequest, ResyncRequest, RotateKeyRequest, type DrillView, type JoinResult, type RotateKeyResult,
} from '../../shared/protocol/messages';
import type { DrillRouter } from '../cluster/router';
import type { Limits } from '../cluster/limits';
import type { AppContext } from '../context';
import type { Joined, OpError, OpReply, SocketRef } from '../drills/ops';
import { addressKey, clientIp } from '../http/create-limit';
import { normalizeJoinCode } from '../ids';
import { describeZodError } from '../validation';
import { applyChange } from './edge';
import { waitWords } from './join-limit';
import type { RequestGate } from './request-gate';
import { answer, fail, type Respond } from './respond';
import type { AppServer, AppSocket } from './types';

/** Participants one drill takes by default (`FIREDRILL_MAX_PARTICIPANTS`). */
export const DEFAULT_MAX_PARTICIPANTS = 50;

/** An op's refusal as the socket protocol's reply. */
const refused = (error: OpError) => fail(error.code, error.message);

/**
 * The socket protocol of shared/protocol/messages.ts at the socket's own node: `drill:join`, `drill:command`,
 * `drill:resync`, `drill:rotate-key`, each validated with zod, limited (per socket, and failed joins per address)
 * and answered through its ack. What needs the drill goes to its owner (`DrillRouter`: this node, or another one);
 * what the socket is (its drill, identity and staff key, in `socket.data`) is kept here, where Socket.IO's
 * connection-state recovery keeps it. A socket is in at most one drill, as one identity; its commands go to that
 * drill only, as that identity.
 */
export class SocketHub {
  private closed = false;

  constructor(private readonly io: AppServer, private readonly ctx: AppContext, private readonly router: DrillRouter, private readonly limits: Limits, private readonly gate: RequestGate) {
    io.on('connection', (socket) => this.connected(socket));
  }

  close(): void {
    this.closed = true;
  }

  /**
   * A drill moved to this node or another one: every socket here that is in it is taken back by the new owner (with
   * a full view), so that clients carry on without a reload.
   */
  reattachAll(drillId: string): void {
    for (const socket of this.io.sockets.sockets.values()) {
      if (socket.data.drillId === drillId && socket.data.identity) this.reattach(socket, true);
    }
  }

  /** A change the drill's owner made to a socket connected here (merged seat, removed seat, replaced key). */
  apply(socketId: string, change: Parameters<typeof applyChange>[1]): void {
    applyChange(this.io.sockets.sockets.get(socketId), change);
  }

  private connected(socket: AppSocket): void {
    const guard = { take: () => this.limits.takeRequest(socket), rateLimit: this.limits.rateLimit, logger: this.ctx.logger, gate: this.gate };
    answer(socket, 'drill:join', guard, (payload, respond) => this.join(socket, payload, respond));
    answer(socket, 'drill:command', guard, (payload, respond) => this.command(socket, payload, respond));
    answer(socket, 'drill:resync', guard, (payload, respond) => this.resync(socket, payload, respond));
    answer(socket, 'drill:rotate-key', guard, (payload, respond) => this.rotateKey(socket, payload, respond));
    socket.on('disconnect', () => this.gone(socket));
    if (socket.recovered && socket.data.drillId && socket.data.identity) this.reattach(socket, false);
  }

  /** The socket as the owner is told about it. */
  private ref(socket: AppSocket): SocketRef {
    return {
      socketId: socket.id, node: this.ctx.node,
      ...(socket.data.identity ? { identity: socket.data.identity } : {}),
      ...(socket.data.keyHash ? { keyHash: socket.data.keyHash } : {}),
    };
  }

  /** Tells the owner and moves on (presence): a failure is logged, never answered. */
  private send(drillId: string, op: Parameters<DrillRouter['call']>[1]): void {
    this.router.call(drillId, op, () => undefined).catch((error: unknown) => this.ctx.logger.warn(`drill ${drillId}: ${op.op} not delivered: ${String(error)}`));
  }

  /** Asks the drill's owner to take the socket back (recovered connection, or a new owner); it may drop it. */
  private reattach(socket: AppSocket, fresh: boolean): void {
    const drillId = socket.data.drillId as string;
    this.router.call(drillId, { op: 'reattach', socket: this.ref(socket), fresh }, (reply) => {
      if (socket.data.drillId !== drillId) return;
      // Not served any more (quarantined, gone): the client's next request says so.
      if (!reply.ok) return;
      if (reply.data.identity === null) applyChange(socket, { kind: 'revoked', drillId });
      else socket.data.identity = reply.data.identity;
    }).catch((error: unknown) => {
      // Loading it needed a commit that failed; the client's next request (a resync) tries again.
      this.ctx.logger.warn(`socket ${socket.id}: drill ${drillId} could not take it back: ${String(error)}`);
    });
  }

  /** The client address a socket counts against (IPv6 per /64), as for drill creation. */
  private address(socket: AppSocket): string {
    return addressKey(clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], this.ctx.trustProxy));
  }

  private async join(socket: AppSocket, payload: unknown, respond: Respond<JoinResult>): Promise<void> {
    const parsed = JoinRequest.safeParse(payload);
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const request = parsed.data;
    const { registry, store } = this.ctx;
    const address = this.address(socket);
    /** A wrong code, token or key counts against the address, across all its sockets (and nodes). */
    const refuse = async (code: 'not-found' | 'unauthorized', message: string, what: string) => {
      await this.limits.joinFailed(address, what);
      respond(fail(code, message));
    };
    /** What the owner answered: the socket enters the drill (leaving any other), or the refusal is counted. */
    const joined = (drillId: string, unknown: () => Promise<void>) => (reply: OpReply<'join' | 'rejoin' | 'join-staff'>) => {
      if (!reply.ok) {
        if (reply.error.unknown) return void unknown().catch(() => undefined);
        if (reply.error.failedJoin) return void refuse(reply.error.code as 'unauthorized', reply.error.message, reply.error.failedJoin).catch(() => undefined);
        return respond(refused(reply.error));
      }
      const { view, token } = reply.data as Joined;
      this.enter(socket, drillId, reply.data as Joined);
      respond({ ok: true, data: { view, ...(token ? { token } : {}) } });
    };

    if (request.as === 'participant') {
      // Join codes are short: guessing them is slowed down per address (docs/operations.md, "Join codes").
      const wait = await this.limits.joinWait(address);
      if (wait > 0) return respond(fail('rate-limited', `Too many wrong join codes from your network. Try again in ${waitWords(wait)}, and check the code with your facilitator.`));
      const notOpen = async () => {
        const code = normalizeJoinCode(request.code);
        const ended = await store.findLatestDrillByJoinCode(code);
        if (ended?.status === 'ended') {
          return respond(fail('not-running', `The drill with the code ${code} ("${ended.title}") has ended, so joining is closed. If you took part, open it from the browser you joined with to read the scorecard.`));
        }
        return refuse('not-found', `No drill is open with the code ${request.code}. Check the code with your facilitator.`, 'a wrong join code');
      };
      const drillId = await registry.idByJoinCode(request.code);
      if (drillId === undefined) return notOpen();
      return this.router.call(drillId, { op: 'join', socket: this.ref(socket), name: request.name, ...(request.token ? { token: request.token } : {}) }, joined(drillId, notOpen));
    }

    const drillId = request.drillId;
    const unknownDrill = () => refuse('not-found', `There is no drill "${drillId}". Check the link you were given.`, 'an unknown drill');
    if (request.as === 'rejoin') {
      return this.router.call(drillId, { op: 'rejoin', socket: this.ref(socket), token: request.token }, joined(drillId, unknownDrill));
    }
    return this.router.call(drillId, { op: 'join-staff', socket: this.ref(socket), role: request.as, key: request.key }, joined(drillId, unknownDrill));
  }

  /** The socket is now in `drillId` as the owner says; its previous drill (if another) is told it left. */
  private enter(socket: AppSocket, drillId: string, joined: Joined): void {
    const previous = socket.data.drillId;
    socket.data.drillId = drillId;
    socket.data.identity = joined.identity;
    socket.data.keyHash = joined.keyHash;
    if (previous && previous !== drillId) this.send(previous, { op: 'detach', socketId: socket.id, why: 'left' });
    // The socket went away while its join was on the way (waiting its turn, or at the owner): its disconnect found it
    // in no drill, so the owner hears of it now, or the seat would show someone online who is not there.
    if (socket.disconnected) this.gone(socket);
  }

  /** The socket disconnected: the owner of its drill keeps its place for the recovery window. */
  private gone(socket: AppSocket): void {
    const drillId = socket.data.drillId;
    if (this.closed || !drillId) return;
    this.send(drillId, { op: 'detach', socketId: socket.id, why: 'disconnected' });
  }

  /**
   * A command, exactly once: its id is kept with the event it makes, so a retry with the same id (after a
   * timeout, a reconnect, a server restart, a new owner) is answered with the original seq and changes nothing.
   */
  private async command(socket: AppSocket, payload: unknown, respond: Respond<{ seq: number }>): Promise<void> {
    const { drillId, identity } = socket.data;
    if (!drillId || !identity) return respond(fail('unauthorized', 'Join a drill before sending commands.'));
    const parsed = CommandRequest.safeParse(payload);
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const { id, command } = parsed.data;
    // Powers are checked here, before the drill is touched; the core checks them again with its rules (which
    // also know whether the facilitator lets observers override scores just now).
    if (identity.kind === 'observer' && !isEvaluatorCommand(command.type)) return respond(fail('forbidden', 'Observers watch the drill; they cannot act in it.'));
    if (isFacilitatorCommand(command.type) && identity.kind !== 'facilitator') return respond(fail('forbidden', onlyFacilitatorMessage(command.type)));
    if (isEvaluatorCommand(command.type) && identity.kind === 'participant') {
      return respond(fail('forbidden', 'Only the facilitator (and observers the facilitator allows) can override scores.'));
    }
    await this.router.call(drillId, { op: 'command', socket: this.ref(socket), id, command }, (reply) => {
      if (reply.ok) return respond({ ok: true, data: reply.data });
      if (reply.error.unknown) return respond(fail('not-found', 'This drill is no longer available on the server.'));
      respond(refused(reply.error));
    });
  }

  /**
   * Replaces a staff link: a new key (answered only to this socket), the old one refused from now on, over HTTP and
   * sockets alike; sockets still using it are told and dropped. Logged as `staff.rotate-key` (without the key).
   */
  private async rotateKey(socket: AppSocket, payload: unknown, respond: Respond<RotateKeyResult>): Promise<void> {
    const parsed = RotateKeyRequest.safeParse(payload);
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const { drillId, identity } = socket.data;
    if (!drillId || !identity) return respond(fail('unauthorized', 'Join a drill before changing its links.'));
    if (identity.kind !== 'facilitator') return respond(fail('forbidden', 'Only the facilitator can replace the staff links.'));
    await this.router.call(drillId, { op: 'rotate-key', socket: this.ref(socket), role: parsed.data.role }, (reply) => {
      if (!reply.ok) return respond(reply.error.unknown ? fail('not-found', 'This drill is no longer available on the server.') : refused(reply.error));
      if (reply.data.role === 'facilitator' && socket.data.drillId === drillId) socket.data.keyHash = reply.data.keyHash;
      respond({ ok: true, data: { role: reply.data.role, key: reply.data.key } });
    });
  }

  /**
   * Always the full view: `since` is validated but ignored (docs/protocol.md, "Ordering, gaps and resync").
   * It stays in the request because the web client sends it.
   */
  private async resync(socket: AppSocket, payload: unknown, respond: Respond<DrillView>): Promise<void> {
    const parsed = ResyncRequest.safeParse(payload ?? {});
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const { drillId, identity } = socket.data;
    if (!drillId || !identity) return respond(fail('unauthorized', 'Join a drill before asking for its view.'));
    await this.router.call(drillId, { op: 'resync', socket: this.ref(socket) }, (reply) => {
      if (reply.ok) return respond({ ok: true, data: reply.data });
      respond(reply.error.unknown ? fail('unauthorized', 'Join a drill before asking for its view.') : refused(reply.error));
    });
  }
}
