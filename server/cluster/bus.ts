import type { DrillOp, OpReply } from '../drills/ops';
import type { SocketChange } from '../socket/edge';

/** A request for a drill's owner, from the node that got it. */
export interface BusRequest { drillId: string; op: DrillOp }

/** One-way messages between nodes. */
export type BusNotice =
  /** Change what a socket's node remembers about it (to the socket's node). */
  | { kind: 'socket'; socketId: string; change: SocketChange }
  /** The drill has a new owner: every node re-attaches its sockets of the drill there (to every node). */
  | { kind: 'owner'; drillId: string; owner: string };

/** The owner could not be reached: it is gone (no node listens under its name) or did not answer in time. */
export class NodeUnreachable extends Error {
  constructor(readonly node: string, readonly why: 'gone' | 'timeout') {
    super(`node ${node} ${why === 'gone' ? 'is gone' : 'did not answer in time'}`);
    this.name = 'NodeUnreachable';
  }
}

/**
 * How nodes talk to each other besides Socket.IO's adapter: requests to a drill's owner (answered once), notices,
 * and who is alive. Implemented over Redis pub/sub (server/cluster/redis-bus.ts).
 */
export interface NodeBus {
  /** This node. */
  readonly node: string;
  /** Asks `node` (rejects with `NodeUnreachable`). */
  request(node: string, request: BusRequest, timeoutMs: number): Promise<OpReply>;
  /** Answers the requests other nodes send this one. */
  serve(handler: (request: BusRequest) => Promise<OpReply>): void;
  /** A notice to one node (this one included). */
  tell(node: string, notice: BusNotice): void;
  /** A notice to every node (this one included). */
  broadcast(notice: BusNotice): void;
  onNotice(handler: (notice: BusNotice) => void): void;
  /** A node stopped sending its heartbeat (died, or cut off), or sent it again. */
  onPeers(handler: (node: string, alive: boolean) => void): void;
  /** Nodes heard from lately, this one included. */
  peers(): string[];
  close(): Promise<void>;
}
