import type { Identity } from '../../shared/protocol/messages';
import type { SocketRef } from '../drills/ops';
import type { AppServer, AppSocket } from './types';

/**
 * What the drill's owner changes about a socket that its own node keeps (`socket.data`, which travels with the
 * socket through connection-state recovery).
 */
export type SocketChange =
  /** A merged or renamed seat: the socket now acts as this participant. */
  | { kind: 'identity'; drillId: string; identity: Identity }
  /** Taken out of the drill (removed seat, replaced staff key): it no longer acts in it. */
  | { kind: 'revoked'; drillId: string }
  /** Its staff key was replaced by the socket itself. */
  | { kind: 'rekey'; drillId: string; keyHash: string };

/**
 * How the owner of a drill reaches its sockets, wherever they are connected: emits and room changes go through
 * Socket.IO (with several nodes, through the Redis Streams adapter, in order with every broadcast of this node);
 * what a socket's node remembers about it changes there (`change`).
 */
export interface SocketEdge {
  readonly io: AppServer;
  /** This node. */
  readonly node: string;
  join(socketId: string, rooms: string[]): void;
  leave(socketId: string, rooms: string[]): void;
  change(socket: Pick<SocketRef, 'socketId' | 'node'>, change: SocketChange): void;
}

/** Applies a change to a socket connected to this node (ignored when it has left the drill meanwhile). */
export function applyChange(socket: AppSocket | undefined, change: SocketChange): void {
  if (!socket || socket.data.drillId !== change.drillId) return;
  switch (change.kind) {
    case 'identity':
      socket.data.identity = change.identity;
      return;
    case 'revoked':
      socket.data.drillId = undefined;
      socket.data.identity = undefined;
      socket.data.keyHash = undefined;
      return;
    case 'rekey':
      socket.data.keyHash = change.keyHash;
  }
}

/** One node: every socket is here. */
export class LocalEdge implements SocketEdge {
  constructor(readonly io: AppServer, readonly node = 'local') {}

  join(socketId: string, rooms: string[]): void {
    this.io.in(socketId).socketsJoin(rooms);
  }

  leave(socketId: string, rooms: string[]): void {
    this.io.in(socketId).socketsLeave(rooms);
  }

  change(socket: Pick<SocketRef, 'socketId' | 'node'>, change: SocketChange): void {
    applyChange(this.io.sockets.sockets.get(socket.socketId), change);
  }
}
