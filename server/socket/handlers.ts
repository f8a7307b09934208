import { isEvaluatorCommand, isFacilitatorCommand, type Actor, type JoinCommand } from '../../shared/drill/commands';
import { onlyFacilitatorMessage } from '../../shared/drill/rules';
import {
  CommandRequest, JoinRequest, ResyncRequest, RotateKeyRequest, type DrillView, type Identity, type JoinResult, type RotateKeyResult,
} from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import type { LiveDrill } from '../drills/live-drill';
import { addressKey, clientIp } from '../http/create-limit';
import { hashSecret, normalizeJoinCode, secretMatches } from '../ids';
import { describeZodError } from '../validation';
import { DrillRoom, REMOVED_MESSAGE } from './drill-room';
import { FailedJoins, waitWords, type JoinLimit } from './join-limit';
import { rosterToStore } from './roster-store';
import { seatIdentity } from './seats';
import type { RateLimit } from './rate-limit';
import { answer, fail, type Respond } from './respond';
import type { AppServer, AppSocket } from './types';

/** Participants one drill takes by default (`FIREDRILL_MAX_PARTICIPANTS`). */
export const DEFAULT_MAX_PARTICIPANTS = 50;

export interface SocketOptions {
  rateLimit: RateLimit;
  /** How long a disconnected socket keeps its place in a drill (Socket.IO's recovery window + margin). */
  keepMs: number;
  /** Failed joins per client address before joins by code from it must wait. */
  joinLimit: JoinLimit;
  /** Participants one drill takes; joins beyond are refused. */
  maxParticipants: number;
}

/**
 * The socket protocol of shared/protocol/messages.ts: `drill:join`, `drill:command`, `drill:resync`, each
 * validated with zod and answered through its ack. A socket is in at most one drill, as one identity; its
 * commands go to that drill only, as that identity.
 */
export class SocketHub {
  private readonly rooms = new Map<string, DrillRoom>();
  private readonly failedJoins: FailedJoins;
  private closed = false;

  constructor(private readonly io: AppServer, private readonly ctx: AppContext, private readonly options: SocketOptions) {
    this.failedJoins = new FailedJoins(options.joinLimit, () => ctx.clock.now(), ctx.logger);
    io.on('connection', (socket) => this.connected(socket));
  }

  /** Participant ids with a connected socket in a drill. */
  online(drillId: string): string[] {
    return this.rooms.get(drillId)?.online() ?? [];
  }

  /** Whether any socket is in the drill (connected, or disconnected within its recovery window). */
  holds(drillId: string): boolean {
    return (this.rooms.get(drillId)?.size ?? 0) > 0;
  }

  close(): void {
    this.closed = true;
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  private room(live: LiveDrill): DrillRoom {
    let room = this.rooms.get(live.id);
    if (!room || room.live !== live) {
      room?.close();
      const created: DrillRoom = new DrillRoom(this.io, live, this.ctx.clock, this.options.keepMs, () => this.emptied(created), this.ctx.logger);
      room = created;
      this.rooms.set(live.id, room);
    }
    return room;
  }

  /** A room lost its last socket: drop it, and let the registry unload the drill if it has ended. */
  private emptied(room: DrillRoom): void {
    if (this.closed || this.rooms.get(room.live.id) !== room) return;
    room.close();
    this.rooms.delete(room.live.id);
    this.ctx.registry.released(room.live.id);
  }

  private connected(socket: AppSocket): void {
    const guard = { rateLimit: this.options.rateLimit, now: () => this.ctx.clock.now(), logger: this.ctx.logger };
    answer(socket, 'drill:join', guard, (payload, respond) => this.join(socket, payload, respond));
    answer(socket, 'drill:command', guard, (payload, respond) => this.command(socket, payload, respond));
    answer(socket, 'drill:resync', guard, (payload, respond) => this.resync(socket, payload, respond));
    answer(socket, 'drill:rotate-key', guard, (payload, respond) => this.rotateKey(socket, payload, respond));
    socket.on('disconnect', () => {
      if (this.closed || !socket.data.drillId) return;
      this.rooms.get(socket.data.drillId)?.disconnected(socket.id);
    });
    const { drillId, identity } = socket.data;
    if (socket.recovered && drillId && identity) {
      let live: LiveDrill | undefined;
      try {
        live = this.ctx.registry.get(drillId);
      } catch (error) {
        // Loading it needed a commit that failed; the client's next request (a resync) tries again.
        this.ctx.logger.warn(`socket ${socket.id}: drill ${drillId} could not be loaded for a recovered connection: ${String(error)}`);
      }
      if (live) void live.read(() => this.recover(socket, live, identity)).catch(() => undefined);
    }
  }

  /** The client address a socket counts against (IPv6 per /64), as for drill creation. */
  private address(socket: AppSocket): string {
    return addressKey(clientIp(socket.handshake.address, socket.handshake.headers['x-forwarded-for']));
  }

  /**
   * A recovered socket keeps its place only if its identity still holds: a removed seat or a replaced staff key
   * is told and dropped; a merged seat comes back as the seat it was merged into. Call inside the queue.
   */
  private recover(socket: AppSocket, live: LiveDrill, identity: Identity): void {
    const drop = (reason: 'removed' | 'key-rotated', message: string) => {
      socket.emit('drill:revoked', { reason, message });
      this.rooms.get(live.id)?.leave(socket);
      socket.data.drillId = undefined;
      socket.data.identity = undefined;
    };
    if (identity.kind === 'participant') {
      const seat = seatIdentity(live.state, identity.participantId);
      if (!seat.ok) return drop('removed', REMOVED_MESSAGE);
      if (seat.identity.participantId !== identity.participantId || seat.identity.name !== identity.name) {
        socket.data.identity = seat.identity;
        socket.emit('drill:view', this.room(live).attach(socket, seat.identity));
        return;
      }
    } else {
      const hash = identity.kind === 'facilitator' ? live.record.facilitatorKeyHash : live.record.observerKeyHash;
      if (socket.data.keyHash !== hash) return drop('key-rotated', `The ${identity.kind} link of this drill was replaced; ask the facilitator for the new one.`);
    }
    this.room(live).recovered(socket, identity);
  }

  private async join(socket: AppSocket, payload: unknown, respond: Respond<JoinResult>): Promise<void> {
    const parsed = JoinRequest.safeParse(payload);
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const request = parsed.data;
    const { registry, store, ids } = this.ctx;
    const address = this.address(socket);
    /** A wrong code, token or key counts against the address, across all its sockets. */
    const refuse = (code: 'not-found' | 'unauthorized', message: string, what: string) => {
      this.failedJoins.failed(address, what);
      respond(fail(code, message));
    };

    if (request.as === 'participant') {
      // Join codes are short: guessing them is slowed down per address (docs/operations.md, "Join codes").
      const wait = this.failedJoins.wait(address);
      if (wait > 0) return respond(fail('rate-limited', `Too many wrong join codes from your network. Try again in ${waitWords(wait)}, and check the code with your facilitator.`));
      const drillId = registry.idByJoinCode(request.code);
      const live = drillId === undefined ? undefined : registry.get(drillId);
      if (!live) {
        const refusal = drillId === undefined ? undefined : registry.refusal(drillId);
        if (refusal) return respond(fail(refusal.code, refusal.message));
        const code = normalizeJoinCode(request.code);
        const ended = store.findLatestDrillByJoinCode(code);
        if (ended?.status === 'ended') {
          return respond(fail('not-running', `The drill with the code ${code} ("${ended.title}") has ended, so joining is closed. If you took part, open it from the browser you joined with to read the scorecard.`));
        }
        return refuse('not-found', `No drill is open with the code ${request.code}. Check the code with your facilitator.`, 'a wrong join code');
      }
      // The same browser coming back through the join link: back to its seat (merged seats lead to the one kept).
      const seat = request.token ? store.findParticipantByToken(live.id, hashSecret(request.token)) : undefined;
      if (seat && !seat.removed) return this.rejoin(socket, live, seat.id, respond, request.token);
      const max = this.options.maxParticipants;
      await live.exclusive(
        (turn) => {
          if (Object.keys(turn.state.participants).length >= max) {
            return { ok: false as const, error: { code: 'conflict' as const, message: `This drill is full: it has ${max} participants, the most one drill takes. Ask the facilitator to run a second drill for the others.` } };
          }
          const participantId = ids.participantId();
          const command: JoinCommand = { type: 'participant.join', participantId, name: request.name };
          const actor: Actor = { kind: 'participant', id: participantId };
          const refused = turn.check(command, actor);
          if (refused) return { ok: false as const, error: refused };
          const token = ids.secret();
          // The token is stored before the join is logged: a logged participant can always come back.
          store.addParticipant({ id: participantId, drillId: live.id, name: request.name, tokenHash: hashSecret(token), joinedAt: turn.wall });
          const result = turn.submit(command, actor);
          return result.ok ? { ok: true as const, participantId, token } : { ok: false as const, error: result.error };
        },
        (result) => {
          if (!result.ok) return respond(fail(result.error.code, result.error.message));
          const identity: Identity = { kind: 'participant', participantId: result.participantId, name: request.name };
          respond({ ok: true, data: { view: this.enter(socket, live, identity), token: result.token } });
        },
      );
      return;
    }

    const live = registry.get(request.drillId);
    if (!live) {
      const refusal = registry.refusal(request.drillId);
      if (refusal) return respond(fail(refusal.code, refusal.message));
      return refuse('not-found', `There is no drill "${request.drillId}". Check the link you were given.`, 'an unknown drill');
    }
    if (request.as === 'rejoin') {
      const participant = store.findParticipantByToken(live.id, hashSecret(request.token));
      if (!participant) return refuse('unauthorized', 'That token does not belong to this drill. Join again with the join code.', 'a wrong seat token');
      return this.rejoin(socket, live, participant.id, respond);
    }
    const role = request.as;
    await live.read(
      // Checked in the queue, so a key rotated a moment ago is already refused.
      () => secretMatches(request.key, role === 'facilitator' ? live.record.facilitatorKeyHash : live.record.observerKeyHash),
      (matches) => {
        if (!matches) return refuse('unauthorized', `That is not the ${role} key of this drill (or it was replaced). Use the latest link from the facilitator.`, `a wrong ${role} key`);
        socket.data.keyHash = hashSecret(request.key);
        respond({ ok: true, data: { view: this.enter(socket, live, { kind: role }) } });
      },
    );
  }

  /** A participant's seat, by id: followed through merges; a removed seat is refused. */
  private async rejoin(socket: AppSocket, live: LiveDrill, participantId: string, respond: Respond<JoinResult>, token?: string): Promise<void> {
    await live.read(
      () => seatIdentity(live.state, participantId),
      (seat) => {
        if (!seat.ok && seat.reason === 'removed') return respond(fail('forbidden', REMOVED_MESSAGE));
        if (!seat.ok) return respond(fail('not-found', 'You are not on this drill\'s roster any more. Join again with the join code.'));
        respond({ ok: true, data: { view: this.enter(socket, live, seat.identity), ...(token ? { token } : {}) } });
      },
    );
  }

  /** Puts the socket in the drill as `identity` (leaving any other drill) and returns its view. In the queue. */
  private enter(socket: AppSocket, live: LiveDrill, identity: Identity): DrillView {
    const previous = socket.data.drillId;
    if (previous && previous !== live.id) this.rooms.get(previous)?.leave(socket);
    socket.data.drillId = live.id;
    socket.data.identity = identity;
    return this.room(live).attach(socket, identity);
  }

  /**
   * A command, exactly once: its id is kept with the event it makes, so a retry with the same id (after a
   * timeout, a reconnect, a server restart) is answered with the original seq and changes nothing.
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
    const live = this.ctx.registry.get(drillId);
    if (!live) {
      const refusal = this.ctx.registry.refusal(drillId);
      return respond(refusal ? fail(refusal.code, refusal.message) : fail('not-found', 'This drill is no longer available on the server.'));
    }
    const actor: Actor = identity.kind === 'participant' ? { kind: 'participant', id: identity.participantId } : { kind: identity.kind };
    await live.exclusive(
      (turn) => {
        const result = turn.submit(command, actor, id);
        // The seat's stored record follows the roster (its token stops working, or opens the merged seat).
        if (result.ok && !result.duplicate) rosterToStore(this.ctx.store, live.id, command);
        return result;
      },
      (result) => respond(result.ok ? { ok: true, data: { seq: result.event.seq } } : fail(result.error.code, result.error.message)),
    );
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
    const live = this.ctx.registry.get(drillId);
    if (!live) return respond(fail(this.ctx.registry.isUnavailable(drillId) ? 'unavailable' : 'not-found', 'This drill is no longer available on the server.'));
    const { role } = parsed.data;
    await live.exclusive(
      (turn) => {
        const key = this.ctx.ids.secret();
        const hash = hashSecret(key);
        turn.patchRecord(role === 'facilitator' ? { facilitatorKeyHash: hash } : { observerKeyHash: hash });
        const result = turn.submit({ type: 'staff.rotate-key', role }, { kind: 'facilitator' });
        if (!result.ok) throw new Error(`staff.rotate-key refused: ${result.error.message}`);
        return { key, hash };
      },
      ({ key, hash }) => {
        const room = this.room(live);
        if (role === 'facilitator') room.rekey(socket, hash);
        room.revokeStaff(role, hash);
        respond({ ok: true, data: { role, key } });
      },
    );
  }

  /**
   * Always the full view: `since` is validated but ignored (docs/protocol.md, "Ordering, gaps and resync").
   * It stays in the request because the web client sends it.
   */
  private async resync(socket: AppSocket, payload: unknown, respond: Respond<DrillView>): Promise<void> {
    const parsed = ResyncRequest.safeParse(payload ?? {});
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const { drillId, identity } = socket.data;
    const live = drillId ? this.ctx.registry.get(drillId) : undefined;
    const refusal = drillId && !live ? this.ctx.registry.refusal(drillId) : undefined;
    if (refusal) return respond(fail(refusal.code, refusal.message));
    if (!live || !identity) return respond(fail('unauthorized', 'Join a drill before asking for its view.'));
    await live.read(
      () => this.room(live).resync(socket.id) ?? this.room(live).attach(socket, identity),
      (view) => respond({ ok: true, data: view }),
    );
  }
}
