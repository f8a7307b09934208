import { rolesOf } from '../../shared/drill/roster';
import { canSee, type Viewer } from '../../shared/drill/view';
import type { DrillView, Identity, RevokedNotice, TurnMessage } from '../../shared/protocol/messages';
import type { Clock, TimerHandle } from '../clock';
import type { Batch, LiveDrill } from '../drills/live-drill';
import type { SocketRef } from '../drills/ops';
import { drillView, viewerOf } from '../drills/view';
import { consoleLogger, type Logger } from '../log';
import type { SocketEdge } from './edge';
import { PresenceWatch } from './presence-watch';
import { seatIdentity } from './seats';

/** What a participant's sockets are told when the facilitator takes their seat off the roster. */
export const REMOVED_MESSAGE = 'The facilitator removed you from this drill. If that was a mistake, join again with the code.';

/** One socket in a drill, kept through a short disconnection so connection-state recovery can resume it. */
interface Subscriber {
  socketId: string;
  /** The node the socket is connected to. */
  node: string;
  identity: Identity;
  viewer: Viewer;
  /** Seq of the last event sent to this socket (in a view or a `drill:turn`). */
  lastSeq: number;
  connected: boolean;
  expiry?: TimerHandle;
  /** Staff: the hash of the key this socket joined with (a rotated key drops it). */
  keyHash?: string;
  /** What it may see ('staff', or the roles it holds), kept until its roles or its seat change. */
  sees?: string;
}

/**
 * A drill's presence list goes out at once when it changes, then at most once in this many wall ms: a burst of
 * joins (a team arriving, every socket rejoining after a restart) sends a few lists instead of one per join to
 * every socket of the drill. A wall-time timer of Node's, not the drill clock's: it is about sending, not the drill.
 */
export const PRESENCE_EVERY_MS = 100;

export const roomOf = (drillId: string) => `drill:${drillId}`;
export const staffRoomOf = (drillId: string) => `drill:${drillId}:staff`;

/**
 * The sockets of one drill and what each may see, kept by the drill's owner for every socket in the drill,
 * whichever node it is connected to. Every turn of the drill (a `Batch`) is fanned out here, inside the drill's
 * queue: each socket gets the events it may see with `prev` = the last seq it was sent, or a fresh full view when
 * its roles changed (its inbox changed). Emits go through the socket's own room (which Socket.IO keeps for a
 * disconnected socket during the recovery window); with several nodes the adapter carries them, in order.
 */
export class DrillRoom {
  private readonly subscribers = new Map<string, Subscriber>();
  private lastPresence = '[]';
  /** Set while a presence list was sent less than PRESENCE_EVERY_MS ago; `presenceDue`: another change waits for it. */
  private presenceHold?: NodeJS.Timeout;
  private presenceDue = false;
  private readonly unsubscribe: () => void;
  private readonly presence: PresenceWatch;

  constructor(
    private readonly edge: SocketEdge,
    readonly live: LiveDrill,
    private readonly clock: Clock,
    /** How long a disconnected socket's place is kept (the recovery window plus a margin). */
    private readonly keepMs: number,
    /** Called when the last socket's place is gone (it left, or its recovery window passed). */
    private readonly onEmpty: () => void = () => {},
    logger: Logger = consoleLogger,
    private readonly presenceEveryMs = PRESENCE_EVERY_MS,
  ) {
    this.presence = new PresenceWatch(live, clock, logger, () => new Set(this.online()));
    this.unsubscribe = live.onBatch((batch) => this.fanOut(batch));
  }

  /** Sockets here, connected or within their recovery window. */
  get size(): number {
    return this.subscribers.size;
  }

  /** Participant ids with at least one connected socket. */
  online(): string[] {
    const ids = new Set<string>();
    for (const s of this.subscribers.values()) {
      if (s.connected && s.identity.kind === 'participant') ids.add(s.identity.participantId);
    }
    return [...ids].sort();
  }

  /** Adds a socket and returns its full view. Call inside the drill's queue. */
  attach(socket: SocketRef, identity: Identity): DrillView {
    this.forget(socket.socketId);
    const viewer = viewerOf(identity);
    this.subscribers.set(socket.socketId, {
      socketId: socket.socketId, node: socket.node, identity, viewer, lastSeq: this.live.state.seq, connected: true,
      ...(socket.keyHash ? { keyHash: socket.keyHash } : {}),
    });
    this.edge.join(socket.socketId, viewer.kind === 'participant' ? [roomOf(this.live.id)] : [roomOf(this.live.id), staffRoomOf(this.live.id)]);
    this.presenceChanged();
    return drillView(this.live, identity, this.online());
  }

  /** Whether the socket is here (connected or within its recovery window). */
  has(socketId: string): boolean {
    return this.subscribers.has(socketId);
  }

  /** A full view for a socket already here (resync); what it missed is in the view. Call inside the queue. */
  resync(socketId: string): DrillView | undefined {
    const sub = this.subscribers.get(socketId);
    if (!sub) return undefined;
    sub.lastSeq = this.live.state.seq;
    return drillView(this.live, sub.identity, this.online());
  }

  /**
   * A socket came back with its state recovered (Socket.IO replays what it missed), or its node tells a new owner
   * about it. If its place here has expired meanwhile, or `fresh` (the stream it had came from another owner), it
   * gets a full view instead. Call inside the queue.
   */
  recovered(socket: SocketRef, identity: Identity, fresh = false): void {
    const sub = this.subscribers.get(socket.socketId);
    if (!sub || fresh) {
      this.edge.io.to(socket.socketId).emit('drill:view', this.attach(socket, identity));
      return;
    }
    if (sub.expiry) this.clock.clearTimeout(sub.expiry);
    sub.expiry = undefined;
    sub.connected = true;
    sub.node = socket.node;
    this.presenceChanged();
  }

  /** A node stopped answering: its sockets count as disconnected (their places are kept for the recovery window). */
  nodeGone(node: string): void {
    for (const sub of [...this.subscribers.values()]) if (sub.node === node && sub.connected) this.disconnected(sub.socketId);
  }

  /** Nodes with sockets here. */
  nodes(): Set<string> {
    return new Set([...this.subscribers.values()].map((sub) => sub.node));
  }

  /** The socket dropped: keep its place for the recovery window. */
  disconnected(socketId: string): void {
    const sub = this.subscribers.get(socketId);
    if (!sub) return;
    sub.connected = false;
    sub.expiry = this.clock.setTimeout(() => {
      this.forget(socketId);
      if (!this.subscribers.size) this.onEmpty();
    }, this.keepMs);
    this.presenceChanged();
  }

  /** Removes a socket now (it joined another drill, or its recovery window passed). */
  leave(socketId: string): void {
    this.edge.leave(socketId, [roomOf(this.live.id), staffRoomOf(this.live.id)]);
    this.forget(socketId);
    if (!this.subscribers.size) this.onEmpty();
  }

  close(): void {
    for (const sub of this.subscribers.values()) if (sub.expiry) this.clock.clearTimeout(sub.expiry);
    this.subscribers.clear();
    if (this.presenceHold) clearTimeout(this.presenceHold);
    this.presenceHold = undefined;
    this.presence.close();
    this.unsubscribe();
  }

  /**
   * A staff link was replaced: every socket of that role that joined with another key is told and leaves the
   * drill at once (the one that asked for the new key has it). Call inside the queue, after the commit.
   */
  revokeStaff(role: 'facilitator' | 'observer', keyHash: string): void {
    const notice: RevokedNotice = {
      reason: 'key-rotated',
      message: `The facilitator replaced the ${role} link of this drill; the one this tab used no longer works. Ask the facilitator for the new link.`,
    };
    for (const sub of [...this.subscribers.values()]) {
      if (sub.identity.kind === role && sub.keyHash !== keyHash) this.revoke(sub, notice);
    }
  }

  /** The socket's new key (it rotated it itself). */
  rekey(socket: SocketRef, keyHash: string): void {
    const sub = this.subscribers.get(socket.socketId);
    if (sub) sub.keyHash = keyHash;
    this.edge.change(socket, { kind: 'rekey', drillId: this.live.id, keyHash });
  }

  /** Tells a socket why it is no longer in the drill and takes it out (also out of its recovery state). */
  revoke(socket: Pick<SocketRef, 'socketId' | 'node'>, notice: RevokedNotice): void {
    this.edge.io.to(socket.socketId).emit('drill:revoked', notice);
    this.edge.leave(socket.socketId, [roomOf(this.live.id), staffRoomOf(this.live.id)]);
    this.edge.change(socket, { kind: 'revoked', drillId: this.live.id });
    this.forget(socket.socketId);
  }

  /**
   * After a turn: seats the facilitator removed lose their sockets, a merged seat's sockets become the seat it was
   * merged into (with a fresh view), a renamed seat's sockets carry the new name.
   */
  private applyRoster(batch: Batch): void {
    const touched = new Set<string>();
    for (const event of batch.events) {
      if (event.type === 'participant.remove' || event.type === 'participant.merge' || event.type === 'participant.rename') touched.add(event.participantId);
    }
    if (!touched.size) return;
    for (const sub of [...this.subscribers.values()]) {
      if (sub.identity.kind !== 'participant' || !touched.has(sub.identity.participantId)) continue;
      const seat = seatIdentity(batch.after, sub.identity.participantId);
      if (!seat.ok) {
        this.revoke(sub, { reason: 'removed', message: REMOVED_MESSAGE });
        continue;
      }
      const moved = seat.identity.participantId !== sub.identity.participantId;
      sub.identity = seat.identity;
      sub.viewer = viewerOf(seat.identity);
      sub.sees = undefined;
      this.edge.change(sub, { kind: 'identity', drillId: this.live.id, identity: seat.identity });
      if (moved) {
        this.edge.io.to(sub.socketId).emit('drill:view', drillView(this.live, seat.identity, this.online()));
        sub.lastSeq = batch.after.seq;
      }
    }
    this.presenceChanged();
  }

  private forget(socketId: string): void {
    const sub = this.subscribers.get(socketId);
    if (!sub) return;
    if (sub.expiry) this.clock.clearTimeout(sub.expiry);
    this.subscribers.delete(socketId);
    this.presenceChanged();
  }

  /**
   * Every socket gets what the turn changed for it in one `drill:turn` message: the events it may see, the clock if
   * it changed, and for staff the schedule ahead if it changed. Sockets that are to get the same message get it in
   * one broadcast: sockets with the same view of the drill (staff, or participants holding the same roles) and the
   * same last seq are grouped, and groups that are sent the same events from the same seq (an inject to everyone, a
   * war-room post) share one broadcast, encoded once, unless only one of them gets the schedule. Socket.IO's
   * connection-state recovery keeps every broadcast for the recovery window, so one emit per socket would keep one
   * copy per socket there (measured with `npm run fuzz`: docs/operations.md, "Memory").
   */
  private fanOut(batch: Batch): void {
    const groups = new Map<string, Subscriber[]>();
    // The reducer replaces `roles` only when a role changes hands: most turns (injects, posts) skip the role checks.
    const rolesMoved = batch.before.roles !== batch.after.roles;
    for (const sub of this.subscribers.values()) {
      if (sub.viewer.kind === 'participant' && rolesMoved && rolesChanged(batch, sub.viewer.id)) {
        this.edge.io.to(sub.socketId).emit('drill:view', drillView(this.live, sub.identity, this.online()));
        sub.lastSeq = batch.after.seq;
        sub.sees = undefined;
        continue;
      }
      if (rolesMoved || sub.sees === undefined) sub.sees = sub.viewer.kind === 'participant' ? `roles:${rolesOf(batch.after, sub.viewer.id).sort().join(',')}` : 'staff';
      const key = `${sub.sees}|${sub.lastSeq}`;
      const group = groups.get(key);
      if (group) group.push(sub);
      else groups.set(key, [sub]);
    }
    const { clock, upcoming } = batch;
    const sends = new Map<string, { message: TurnMessage; subs: Subscriber[] }>();
    for (const group of groups.values()) {
      const [first] = group;
      const events = batch.events.filter((event) => event.seq > first.lastSeq && canSee(event, first.viewer, batch.after));
      const schedule = upcoming && first.viewer.kind !== 'participant' ? upcoming : undefined;
      if (!events.length && !clock && !schedule) continue;
      const key = `${first.lastSeq}|${schedule ? 'staff' : ''}|${events.map((event) => event.seq).join(',')}`;
      const send = sends.get(key);
      if (send) send.subs.push(...group);
      else sends.set(key, { message: { events, prev: first.lastSeq, ...(clock ? { clock } : {}), ...(schedule ? { upcoming: schedule } : {}) }, subs: group });
    }
    for (const { message, subs } of sends.values()) {
      this.edge.io.to(subs.map((sub) => sub.socketId)).emit('drill:turn', message);
      const last = message.events.at(-1)?.seq ?? message.prev;
      for (const sub of subs) sub.lastSeq = last;
    }
    this.applyRoster(batch);
    // Who is on the roster, and whether the drill still runs, only change with the participants or the status.
    if (batch.before.participants !== batch.after.participants || batch.before.status !== batch.after.status) this.presence.update();
  }

  private presenceChanged(): void {
    this.presence.update();
    if (this.presenceHold) {
      this.presenceDue = true;
      return;
    }
    this.sendPresence();
  }

  /** Sends who is online now, if that changed since the last list sent, and holds the next one back a moment. */
  private sendPresence(): void {
    this.presenceDue = false;
    const online = this.online();
    const json = JSON.stringify(online);
    if (json === this.lastPresence) return;
    this.lastPresence = json;
    this.edge.io.to(roomOf(this.live.id)).emit('drill:presence', online);
    this.presenceHold = setTimeout(() => {
      this.presenceHold = undefined;
      if (this.presenceDue) this.sendPresence();
    }, this.presenceEveryMs);
    this.presenceHold.unref();
  }
}

function rolesChanged(batch: Batch, participantId: string): boolean {
  return rolesOf(batch.before, participantId).sort().join() !== rolesOf(batch.after, participantId).sort().join();
}
