import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Identity, ServerToClientEvents } from '../../shared/protocol/messages';
import type { Bucket } from './rate-limit';

/** What the server remembers about a socket; Socket.IO restores it when a connection is recovered. */
export interface SocketData {
  drillId?: string;
  identity?: Identity;
  /** Staff sockets: the hash of the key they joined with, so that a rotated key drops them (also after recovery). */
  keyHash?: string;
  bucket?: Bucket;
}

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;
