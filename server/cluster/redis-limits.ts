import type { createClient } from 'redis';
import type { CreateLimit } from '../http/create-limit';
import type { Logger } from '../log';
import type { JoinLimit } from '../socket/join-limit';
import type { RateLimit } from '../socket/rate-limit';
import type { AppSocket } from '../socket/types';
import type { Limits, LimitsOptions } from './limits';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A token bucket, atomically in Redis, on Redis's own clock (`TIME`), so that every node counts alike.
 * KEYS[1] the bucket; ARGV: tokens per ms, bucket size, expiry (ms). Returns 0 when a token was taken, otherwise the
 * whole ms until one will be there.
 */
const BUCKET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local size = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or size
local at = tonumber(b[2]) or now
tokens = math.min(size, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens + 1e-9 < 1 then
  wait = math.max(1, math.ceil((1 - tokens) / rate))
else
  tokens = math.max(0, tokens - 1)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return wait
`;

/**
 * Failed joins of an address (server/socket/join-limit.ts, in Redis). KEYS[1]; ARGV: free, base ms, max ms, forget ms.
 * Returns the wait the failure starts.
 */
const FAILED = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free, base, max, forget = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local e = redis.call('HMGET', KEYS[1], 'failures', 'last')
local failures = tonumber(e[1]) or 0
local last = tonumber(e[2]) or now
if now - last >= forget then failures = 0 end
failures = failures + 1
local wait = 0
local blocked = 0
if failures > free then
  wait = math.min(max, base * 2 ^ math.min(failures - free - 1, 40))
  blocked = now + wait
end
redis.call('HSET', KEYS[1], 'failures', failures, 'last', now, 'blocked', blocked)
redis.call('PEXPIRE', KEYS[1], math.max(forget, wait))
return {failures, wait}
`;

/** KEYS[1]: the address's failures. Returns the ms it must still wait. */
const WAIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked')) or 0
return math.max(0, blocked - now)
`;

/**
 * The limits of several nodes, shared in Redis: drills created per address, requests per socket (a socket that
 * reconnects to another node with its state recovered keeps its bucket: the key is the socket's id), failed joins per
 * address. Every count is one script, atomic across nodes.
 */
export class RedisLimits implements Limits {
  readonly rateLimit: RateLimit;
  readonly joinLimit: JoinLimit;
  private readonly createLimit: CreateLimit | false;

  constructor(private readonly redis: RedisClient, options: LimitsOptions, private readonly logger: Logger, private readonly prefix = 'firedrill:') {
    this.rateLimit = options.rateLimit;
    this.joinLimit = options.joinLimit;
    this.createLimit = options.createLimit;
  }

  async takeCreate(address: string): Promise<number> {
    if (!this.createLimit) return 0;
    const { count, perMs } = this.createLimit;
    return Number(await this.redis.eval(BUCKET, { keys: [`${this.prefix}create:${address}`], arguments: [String(count / perMs), String(count), String(perMs)] }));
  }

  async takeRequest(socket: AppSocket): Promise<boolean> {
    const { perSecond, burst } = this.rateLimit;
    const wait = Number(await this.redis.eval(BUCKET, {
      keys: [`${this.prefix}requests:${socket.id}`],
      arguments: [String(perSecond / 1000), String(burst), String(Math.ceil((burst / perSecond) * 1000) + 1000)],
    }));
    return wait === 0;
  }

  async joinWait(address: string): Promise<number> {
    return Number(await this.redis.eval(WAIT, { keys: [`${this.prefix}joins:${address}`], arguments: [] }));
  }

  async joinFailed(address: string, what: string): Promise<number> {
    const { free, baseMs, maxMs, forgetMs } = this.joinLimit;
    const [failures, wait] = (await this.redis.eval(FAILED, {
      keys: [`${this.prefix}joins:${address}`], arguments: [String(free), String(baseMs), String(maxMs), String(forgetMs)],
    })) as [number, number];
    if (wait > 0) this.logger.warn(`join: ${failures} failed joins from ${address} (last: ${what}); joins by code from there wait ${Math.ceil(wait / 1000)} s`);
    return Number(wait);
  }
}
