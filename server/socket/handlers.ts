import { isEvaluatorCommand, isFacilitatorCommand, type Actor, type JoinCommand } from '../../shared/drill/commands';
import { CommandRequest, JoinRequest, ResyncRequest, type DrillView, type Identity, type JoinResult } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import type { LiveDrill } from '../drills/live-drill';
import { UNAVAILABLE_MESSAGE } from '../drills/registry';
import { hashSecret, secretMatches } from '../ids';
import { describeZodError } from '../validation';
import { DrillRoom } from './drill-room';
import type { RateLimit } from './rate-limit';
import { answer, fail, type Respond } from './respond';
import type { AppServer, AppSocket } from './types';

export interface SocketOptions {
  rateLimit: RateLimit;
  /** How long a disconnected socket keeps its place in a drill (Socket.IO's recovery window + margin). */
  keepMs: number;
}

const FACILITATOR_WORDS: Record<string, string> = {
  'drill.start': 'start the drill', 'drill.pause': 'pause the drill', 'drill.resume': 'resume the drill',
  'drill.end': 'end the drill', 'drill.speed': 'change the drill speed', 'inject.send': 'send injects',
  'note.add': 'add observations', 'evaluators.set': 'let observers override scores',
};

/**
 * The socket protocol of shared/protocol/messages.ts: `drill:join`, `drill:command`, `drill:resync`, each
 * validated with zod and answered through its ack. A socket is in at most one drill, as one identity; its
 * commands go to that drill only, as that identity.
 */
export class SocketHub {
  private readonly rooms = new Map<string, DrillRoom>();
  private closed = false;

  constructor(private readonly io: AppServer, private readonly ctx: AppContext, private readonly options: SocketOptions) {
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
      const created: DrillRoom = new DrillRoom(this.io, live, this.ctx.clock, this.options.keepMs, () => this.emptied(created));
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
    answer<JoinResult>(socket, 'drill:join', guard, (payload, respond) => this.join(socket, payload, respond));
    answer<{ seq: number }>(socket, 'drill:command', guard, (payload, respond) => this.command(socket, payload, respond));
    answer<DrillView>(socket, 'drill:resync', guard, (payload, respond) => this.resync(socket, payload, respond));
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
      if (live) void live.exclusive(() => this.room(live).recovered(socket, identity)).catch(() => undefined);
    }
  }

  private async join(socket: AppSocket, payload: unknown, respond: Respond<JoinResult>): Promise<void> {
    const parsed = JoinRequest.safeParse(payload);
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const request = parsed.data;
    const { registry, store, ids } = this.ctx;

    if (request.as === 'participant') {
      const drillId = registry.idByJoinCode(request.code);
      const live = drillId === undefined ? undefined : registry.get(drillId);
      if (!live) {
        if (drillId !== undefined && registry.isUnavailable(drillId)) return respond(fail('unavailable', UNAVAILABLE_MESSAGE));
        return respond(fail('not-found', `No drill is open with the code ${request.code}. Check the code with your facilitator.`));
      }
      await live.exclusive(
        (turn) => {
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
    if (!live && registry.isUnavailable(request.drillId)) return respond(fail('unavailable', UNAVAILABLE_MESSAGE));
    if (!live) return respond(fail('not-found', `There is no drill "${request.drillId}". Check the link you were given.`));
    let identity: Identity;
    if (request.as === 'rejoin') {
      const participant = store.findParticipantByToken(live.id, hashSecret(request.token));
      if (!participant) return respond(fail('unauthorized', 'That token does not belong to this drill. Join again with the join code.'));
      identity = { kind: 'participant', participantId: participant.id, name: participant.name };
    } else {
      const hash = request.as === 'facilitator' ? live.record.facilitatorKeyHash : live.record.observerKeyHash;
      if (!secretMatches(request.key, hash)) return respond(fail('unauthorized', `That is not the ${request.as} key of this drill. Use the link from when the drill was created.`));
      identity = { kind: request.as };
    }
    await live.exclusive(
      () => identity.kind !== 'participant' || Boolean(live.state.participants[identity.participantId]),
      (known) => {
        if (!known) return respond(fail('not-found', 'You are not on this drill\'s roster any more. Join again with the join code.'));
        respond({ ok: true, data: { view: this.enter(socket, live, identity) } });
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

  private async command(socket: AppSocket, payload: unknown, respond: Respond<{ seq: number }>): Promise<void> {
    const { drillId, identity } = socket.data;
    if (!drillId || !identity) return respond(fail('unauthorized', 'Join a drill before sending commands.'));
    const parsed = CommandRequest.safeParse(payload);
    if (!parsed.success) return respond(fail('invalid', describeZodError(parsed.error)));
    const { command } = parsed.data;
    // Powers are checked here, before the drill is touched; the core checks them again with its rules (which
    // also know whether the facilitator lets observers override scores just now).
    if (identity.kind === 'observer' && !isEvaluatorCommand(command.type)) return respond(fail('forbidden', 'Observers watch the drill; they cannot act in it.'));
    if (isFacilitatorCommand(command.type) && identity.kind !== 'facilitator') {
      return respond(fail('forbidden', `Only the facilitator can ${FACILITATOR_WORDS[command.type] ?? command.type}.`));
    }
    if (isEvaluatorCommand(command.type) && identity.kind === 'participant') {
      return respond(fail('forbidden', 'Only the facilitator (and observers the facilitator allows) can override scores.'));
    }
    const live = this.ctx.registry.get(drillId);
    if (!live && this.ctx.registry.isUnavailable(drillId)) return respond(fail('unavailable', UNAVAILABLE_MESSAGE));
    if (!live) return respond(fail('not-found', 'This drill is no longer available on the server.'));
    const actor: Actor = identity.kind === 'participant' ? { kind: 'participant', id: identity.participantId } : { kind: identity.kind };
    await live.exclusive(
      (turn) => turn.submit(command, actor),
      (result) => respond(result.ok ? { ok: true, data: { seq: result.event.seq } } : fail(result.error.code, result.error.message)),
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
    if (drillId && !live && this.ctx.registry.isUnavailable(drillId)) return respond(fail('unavailable', UNAVAILABLE_MESSAGE));
    if (!live || !identity) return respond(fail('unauthorized', 'Join a drill before asking for its view.'));
    await live.exclusive(
      () => this.room(live).resync(socket.id) ?? this.room(live).attach(socket, identity),
      (view) => respond({ ok: true, data: view }),
    );
  }
}
