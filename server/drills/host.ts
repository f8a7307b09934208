import type { Actor, JoinCommand } from '../../shared/drill/commands';
import type { DrillView, Identity } from '../../shared/protocol/messages';
import type { Clock } from '../clock';
import { ServiceError } from '../errors';
import { hashSecret, secretMatches, type Ids } from '../ids';
import type { Logger } from '../log';
import { OutboundConfigError, type Outbound } from '../outbound/outbound';
import { DrillRoom, REMOVED_MESSAGE } from '../socket/drill-room';
import type { SocketEdge } from '../socket/edge';
import { rosterToStore } from '../socket/roster-store';
import { seatIdentity } from '../socket/seats';
import { FencedError, type Store } from '../store/store';
import type { LiveDrill } from './live-drill';
import { opFail, type DrillOp, type OpName, type OpOf, type OpReply, type SocketRef } from './ops';
import type { GameDayOps } from './host-gameday';
import type { DrillRegistry } from './registry';
import { drillSummary, drillView, publicStatus } from './view';

export interface HostDeps {
  registry: DrillRegistry;
  store: Store;
  ids: Ids;
  clock: Clock;
  logger: Logger;
  edge: SocketEdge;
  outbound?: Outbound;
  /** A live game day's alert ingest and alert token (server/drills/host-gameday.ts). */
  gameday?: GameDayOps;
  /** How long a disconnected socket keeps its place in a drill (Socket.IO's recovery window + margin). */
  keepMs: number;
  /** Participants one drill takes; joins beyond are refused. */
  maxParticipants: number;
  /** How long a drill's presence list is held back after one was sent (server/socket/drill-room.ts; tests). */
  presenceEveryMs?: number;
}

/** The answer the owner gives when the drill moved to another node while the op waited: its caller asks again there. */
const MOVED = opFail('unavailable', 'This drill moved to another server; ask again.', { moved: true });

/**
 * The owner's side of every drill this node runs: the drill rooms (every socket in the drill, on whichever node)
 * and the operations of server/drills/ops.ts, each run in the drill's queue and answered through `respond` inside
 * the same queue turn — so on one node a reply can never overtake, or be overtaken by, the broadcast of what it
 * did. Sockets and HTTP requests get here through the router (server/cluster/router.ts).
 */
export class DrillHost {
  private readonly rooms = new Map<string, DrillRoom>();
  private closed = false;

  constructor(private readonly deps: HostDeps) {
    deps.registry.setInUse((id) => this.holds(id));
    // A drill this node stopped serving (unloaded, quarantined, moved to another node) takes its room with it.
    deps.registry.onUntrack((live) => {
      const room = this.rooms.get(live.id);
      if (room?.live !== live) return;
      room.close();
      this.rooms.delete(live.id);
    });
  }

  /** Participant ids with a connected socket in a drill this node runs. */
  online(drillId: string): string[] {
    return this.rooms.get(drillId)?.online() ?? [];
  }

  /** Whether any socket is in the drill (connected, or disconnected within its recovery window). */
  holds(drillId: string): boolean {
    return (this.rooms.get(drillId)?.size ?? 0) > 0;
  }

  /** A node stopped answering: its sockets count as disconnected in every drill here. */
  nodeGone(node: string): void {
    for (const room of this.rooms.values()) room.nodeGone(node);
  }

  /** Drills here with sockets on `node`. */
  drillsWithNode(node: string): string[] {
    return [...this.rooms.values()].filter((room) => room.nodes().has(node)).map((room) => room.live.id);
  }

  close(): void {
    this.closed = true;
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  /** Runs `op` on `live` (a drill this node owns) and answers through `respond`, once. Never throws. */
  async handle<N extends OpName>(live: LiveDrill, op: OpOf<N>, respond: (reply: OpReply<N>) => void): Promise<void> {
    let answered = false;
    const once = (reply: OpReply<N>) => {
      if (answered) return;
      answered = true;
      respond(reply);
    };
    try {
      await this.run(live, op as DrillOp, once as (reply: OpReply) => void);
    } catch (error) {
      if (error instanceof FencedError || live.stepped) return once(MOVED);
      // Meant for the requester (e.g. the store rolled the batch back: nothing of the request was kept or told).
      if (error instanceof ServiceError) return once(opFail(error.code, error.message));
      this.deps.logger.error(`drill ${live.id}: ${op.op} failed: ${(error as Error).stack ?? String(error)}`);
      once(opFail('internal', 'The server could not do that; it has been logged. Try again, or resync.'));
    }
  }

  private room(live: LiveDrill): DrillRoom {
    let room = this.rooms.get(live.id);
    if (!room || room.live !== live) {
      room?.close();
      const created: DrillRoom = new DrillRoom(this.deps.edge, live, this.deps.clock, this.deps.keepMs, () => this.emptied(created), this.deps.logger, this.deps.presenceEveryMs);
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
    this.deps.registry.released(room.live.id);
  }

  private async run(live: LiveDrill, op: DrillOp, respond: (reply: OpReply) => void): Promise<void> {
    switch (op.op) {
      case 'join': return this.join(live, op, respond);
      case 'rejoin': {
        const seat = await this.deps.store.findParticipantByToken(live.id, hashSecret(op.token));
        if (!seat) return respond(opFail('unauthorized', 'That token does not belong to this drill. Join again with the join code.', { failedJoin: 'a wrong seat token' }));
        return this.rejoin(live, op.socket, seat.id, respond);
      }
      case 'join-staff': {
        const { role, key } = op;
        return void (await live.read(
          // Checked in the queue, so a key rotated a moment ago is already refused.
          () => secretMatches(key, role === 'facilitator' ? live.record.facilitatorKeyHash : live.record.observerKeyHash),
          (matches) => {
            if (!matches) {
              return respond(opFail('unauthorized', `That is not the ${role} key of this drill (or it was replaced). Use the latest link from the facilitator.`, { failedJoin: `a wrong ${role} key` }));
            }
            const keyHash = hashSecret(key);
            const identity: Identity = { kind: role };
            respond({ ok: true, data: { view: this.room(live).attach({ ...op.socket, keyHash }, identity), identity, keyHash } });
          },
        ));
      }
      case 'command': return this.command(live, op, respond);
      case 'resync':
        return void (await live.read(
          () => {
            const room = this.room(live);
            const view = room.resync(op.socket.socketId);
            if (view) return view;
            const identity = this.admit(live, op.socket);
            return identity && room.attach({ ...op.socket, identity }, identity);
          },
          (view: DrillView | null) => respond(view ? { ok: true, data: view } : opFail('unauthorized', 'Join the drill again.')),
        ));
      case 'rotate-key': return this.rotateKey(live, op, respond);
      case 'reattach':
        return void (await live.read(() => this.reattach(live, op.socket, op.fresh), (identity) => respond({ ok: true, data: { identity } })));
      case 'detach': {
        const room = this.rooms.get(live.id);
        if (op.why === 'left') room?.leave(op.socketId);
        else room?.disconnected(op.socketId);
        return respond({ ok: true, data: null });
      }
      case 'details': {
        const role = op.role;
        return void (await live.read(
          () => ({ ...drillSummary(live), ...(role ? { view: drillView(live, { kind: role }, this.online(live.id)) } : {}) }),
          (details) => respond({ ok: true, data: details }),
        ));
      }
      case 'status':
        return void (await live.read(() => publicStatus(live.state, live.scenario['starts-at']), (status) => respond({ ok: true, data: status })));
      case 'outbound': return this.outbound(live, op, respond);
      case 'alert-auth':
      case 'alerts':
      case 'alert-token':
        if (!this.deps.gameday) return respond(opFail('not-found', 'This server does not run live game days.', { status: 404 }));
        return this.deps.gameday.run(live, op, respond);
    }
  }

  private async join(live: LiveDrill, op: OpOf<'join'>, respond: (reply: OpReply) => void): Promise<void> {
    const { store, ids } = this.deps;
    // The same browser coming back through the join link: back to its seat (merged seats lead to the one kept).
    const seat = op.token ? await store.findParticipantByToken(live.id, hashSecret(op.token)) : undefined;
    if (seat && !seat.removed) return this.rejoin(live, op.socket, seat.id, respond, op.token);
    const max = this.deps.maxParticipants;
    await live.exclusive(
      (turn) => {
        if (Object.keys(turn.state.participants).length >= max) {
          return { ok: false as const, error: { code: 'conflict' as const, message: `This drill is full: it has ${max} participants, the most one drill takes. Ask the facilitator to run a second drill for the others.` } };
        }
        const participantId = ids.participantId();
        const command: JoinCommand = { type: 'participant.join', participantId, name: op.name };
        const actor: Actor = { kind: 'participant', id: participantId };
        const refused = turn.check(command, actor);
        if (refused) return { ok: false as const, error: refused };
        const token = ids.secret();
        // The token is stored before the join is logged: a logged participant can always come back.
        store.addParticipant({ id: participantId, drillId: live.id, name: op.name, tokenHash: hashSecret(token), joinedAt: turn.wall });
        const result = turn.submit(command, actor);
        return result.ok ? { ok: true as const, participantId, token } : { ok: false as const, error: result.error };
      },
      (result) => {
        if (!result.ok) return respond(opFail(result.error.code, result.error.message));
        const identity: Identity = { kind: 'participant', participantId: result.participantId, name: op.name };
        respond({ ok: true, data: { view: this.room(live).attach(op.socket, identity), identity, token: result.token } });
      },
    );
  }

  /** A participant's seat, by id: followed through merges; a removed seat is refused. */
  private async rejoin(live: LiveDrill, socket: SocketRef, participantId: string, respond: (reply: OpReply) => void, token?: string): Promise<void> {
    await live.read(
      () => seatIdentity(live.state, participantId),
      (seat) => {
        if (!seat.ok && seat.reason === 'removed') return respond(opFail('forbidden', REMOVED_MESSAGE));
        if (!seat.ok) return respond(opFail('not-found', 'You are not on this drill\'s roster any more. Join again with the join code.'));
        respond({ ok: true, data: { view: this.room(live).attach(socket, seat.identity), identity: seat.identity, ...(token ? { token } : {}) } });
      },
    );
  }

  /**
   * A command, exactly once: its id is kept with the event it makes, so a retry with the same id (after a
   * timeout, a reconnect, a server restart, a new owner) is answered with the original seq and changes nothing.
   * The sender's powers were checked by its node; the core checks them again with its rules.
   */
  private async command(live: LiveDrill, op: OpOf<'command'>, respond: (reply: OpReply) => void): Promise<void> {
    if (!(await this.ensureAttached(live, op.socket))) return respond(opFail('unauthorized', 'Join the drill again.'));
    const identity = op.socket.identity as Identity;
    const actor: Actor = identity.kind === 'participant' ? { kind: 'participant', id: identity.participantId } : { kind: identity.kind };
    await live.exclusive(
      (turn) => {
        const result = turn.submit(op.command, actor, op.id);
        // The seat's stored record follows the roster (its token stops working, or opens the merged seat).
        if (result.ok && !result.duplicate) rosterToStore(this.deps.store, live.id, op.command);
        return result;
      },
      (result) => respond(result.ok ? { ok: true, data: { seq: result.event.seq } } : opFail(result.error.code, result.error.message)),
    );
  }

  /**
   * Replaces a staff link: a new key (answered only to this socket), the old one refused from now on, over HTTP and
   * sockets alike; sockets still using it are told and dropped. Logged as `staff.rotate-key` (without the key).
   */
  private async rotateKey(live: LiveDrill, op: OpOf<'rotate-key'>, respond: (reply: OpReply) => void): Promise<void> {
    if (!(await this.ensureAttached(live, op.socket))) return respond(opFail('unauthorized', 'Join the drill again.'));
    const { role } = op;
    await live.exclusive(
      (turn) => {
        const key = this.deps.ids.secret();
        const hash = hashSecret(key);
        turn.patchRecord(role === 'facilitator' ? { facilitatorKeyHash: hash } : { observerKeyHash: hash });
        const result = turn.submit({ type: 'staff.rotate-key', role }, { kind: 'facilitator' });
        if (!result.ok) throw new Error(`staff.rotate-key refused: ${result.error.message}`);
        return { key, hash };
      },
      ({ key, hash }) => {
        const room = this.room(live);
        if (role === 'facilitator') room.rekey(op.socket, hash);
        room.revokeStaff(role, hash);
        respond({ ok: true, data: { role, key, keyHash: hash } });
      },
    );
  }

  /**
   * The socket is in the room, or is taken in now if its identity still holds (its node knows it from a join this
   * owner never saw: the drill has moved here since). False: it was dropped (told why).
   */
  private async ensureAttached(live: LiveDrill, socket: SocketRef): Promise<boolean> {
    if (this.rooms.get(live.id)?.has(socket.socketId)) return true;
    if (!socket.identity) return false;
    return (await live.read(() => this.reattach(live, socket, true))) !== null;
  }

  /**
   * A socket its node says is in the drill keeps its place only if its identity still holds: a removed seat or a
   * replaced staff key is told and dropped; a merged seat comes back as the seat it was merged into (its node is
   * told). Returns the identity it has now (null: dropped). Call inside the queue.
   */
  private admit(live: LiveDrill, socket: SocketRef): Identity | null {
    const identity = socket.identity;
    if (!identity) return null;
    if (identity.kind === 'participant') {
      const seat = seatIdentity(live.state, identity.participantId);
      if (!seat.ok) {
        this.room(live).revoke(socket, { reason: 'removed', message: REMOVED_MESSAGE });
        return null;
      }
      if (seat.identity.participantId !== identity.participantId || seat.identity.name !== identity.name) {
        this.deps.edge.change(socket, { kind: 'identity', drillId: live.id, identity: seat.identity });
        return seat.identity;
      }
      return identity;
    }
    const hash = identity.kind === 'facilitator' ? live.record.facilitatorKeyHash : live.record.observerKeyHash;
    if (socket.keyHash !== hash) {
      this.room(live).revoke(socket, { reason: 'key-rotated', message: `The ${identity.kind} link of this drill was replaced; ask the facilitator for the new one.` });
      return null;
    }
    return identity;
  }

  /**
   * Takes back a socket its node says is in the drill (its connection was recovered, or the drill moved here), if
   * its identity still holds (`admit`). It gets a full view when `fresh`, when its identity changed, or when its
   * place here was gone. Call inside the queue.
   */
  private reattach(live: LiveDrill, socket: SocketRef, fresh: boolean): Identity | null {
    const identity = this.admit(live, socket);
    if (!identity) return null;
    const changed = JSON.stringify(identity) !== JSON.stringify(socket.identity);
    this.room(live).recovered({ ...socket, identity }, identity, fresh || changed);
    return identity;
  }

  private async outbound(live: LiveDrill, op: OpOf<'outbound'>, respond: (reply: OpReply) => void): Promise<void> {
    const outbound = this.deps.outbound;
    if (!outbound) return respond(opFail('not-found', 'This server does not mirror drills to webhooks.', { status: 404 }));
    try {
      switch (op.action) {
        case 'status': return respond({ ok: true, data: { status: await outbound.status(live.id) } });
        case 'configure': return respond({ ok: true, data: await outbound.configure(live.id, live.title, op.request ?? {}) });
        case 'remove': return respond({ ok: true, data: { status: await outbound.remove(live.id) } });
        case 'test': return respond({ ok: true, data: { status: await outbound.test(live.id, live.title) } });
      }
    } catch (error) {
      if (error instanceof OutboundConfigError) return respond(opFail('invalid', error.message, { status: 400 }));
      throw error;
    }
  }
}
