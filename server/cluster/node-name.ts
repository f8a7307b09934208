import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** A node's name for leases and the bus: the configured id plus a random suffix, so that a restart is a new holder. */
export function nodeName(id: string): string {
  return `${id}#${randomBytes(3).toString('hex')}`;
}

/** The default node id: the host name and the port. */
export function defaultNodeId(port: number): string {
  return `${hostname()}:${port}`;
}
