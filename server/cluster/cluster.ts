import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { ClusterOptions } from '../app';
import type { Logger } from '../log';
export { defaultNodeId, nodeName } from './node-name';
import type { PgStore } from '../store/pg-store';
import type { LimitsOptions } from './limits';
import { PgLeases } from './pg-leases';
import { RedisBus } from './redis-bus';
import { RedisLimits } from './redis-limits';

export interface ClusterConfig {
  redisUrl: string;
  /** This node's name (`FIREDRILL_NODE_ID`, default host:port); a per-process suffix makes each start unique. */
  nodeId: string;
  leaseMs: number;
  limits: LimitsOptions;
  logger: Logger;
}

/** A running cluster membership: what `createApplication` needs, and how to leave. */
export interface Cluster {
  options: ClusterOptions;
  /** Closes the Redis connections (after the application closed). */
  close(): Promise<void>;
}

/**
 * Joins the cluster: connects to Redis (the Socket.IO Redis Streams adapter, the node bus, shared limits) and starts
 * renewing drill leases in the store's PostgreSQL database. The store must be a fenced `PgStore` opened with the
 * same node name and lease (`PgStore.open(url, { lease: { holder: node, leaseMs } })`).
 */
export async function joinCluster(config: ClusterConfig, store: PgStore, node: string): Promise<Cluster> {
  const { logger } = config;
  const redis = createClient({ url: config.redisUrl });
  let lastError = '';
  redis.on('error', (error: Error) => {
    if (error.message !== lastError) logger.warn(`redis: ${error.message}`);
    lastError = error.message;
  });
  await redis.connect();
  const bus = await RedisBus.start(redis, node, logger);
  const ownership = new PgLeases({ pool: store.pool, node, leaseMs: config.leaseMs, logger, fence: (id, token) => store.fence(id, token) });
  const adapter = createAdapter(redis, { streamName: 'firedrill:socket.io', channelPrefix: 'firedrill:socket.io', sessionKeyPrefix: 'firedrill:sio:session:' });
  return {
    options: {
      ownership, bus, adapter,
      limits: new RedisLimits(redis, config.limits, logger),
      health: async () => {
        await bus.ping();
        return { ok: true };
      },
      sweepMs: Math.max(100, Math.floor(config.leaseMs / 4)),
    },
    async close() {
      await ownership.close();
      await bus.close();
      redis.destroy();
    },
  };
}
