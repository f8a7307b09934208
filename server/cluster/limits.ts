import type { Clock } from '../clock';
import { CreateLimiter, type CreateLimit } from '../http/create-limit';
import type { Logger } from '../log';
import { FailedJoins, type JoinLimit } from '../socket/join-limit';
import { fullBucket, take, type RateLimit } from '../socket/rate-limit';
import type { AppSocket } from '../socket/types';

/**
 * The limits that protect the server from one client: drills created per address, requests per socket, failed joins
 * per address. On one node they are counted in memory (`LocalLimits`); on several, in Redis (`RedisLimits`,
 * server/cluster/redis-limits.ts), so that a client that reaches every node still gets one allowance.
 */
export interface Limits {
  readonly rateLimit: RateLimit;
  readonly joinLimit: JoinLimit;
  /** Counts one drill creation from an address: 0 when allowed, otherwise the wall ms until one would be. */
  takeCreate(address: string): number | Promise<number>;
  /** Counts one request of a socket: whether it may go ahead. */
  takeRequest(socket: AppSocket): boolean | Promise<boolean>;
  /** Wall ms an address must still wait before it may join by code (0: it may now). */
  joinWait(address: string): number | Promise<number>;
  /** Counts a failed join (wrong code, token or key); returns the wait it starts (0 while within the free ones). */
  joinFailed(address: string, what: string): number | Promise<number>;
}

export interface LimitsOptions {
  rateLimit: RateLimit;
  joinLimit: JoinLimit;
  /** `false`: no limit on creations. */
  createLimit: CreateLimit | false;
}

/** One node: counted in memory. A socket's request bucket lives in `socket.data`, so it survives a recovered connection. */
export class LocalLimits implements Limits {
  readonly rateLimit: RateLimit;
  readonly joinLimit: JoinLimit;
  private readonly creates?: CreateLimiter;
  private readonly joins: FailedJoins;

  constructor(options: LimitsOptions, private readonly clock: Clock, logger: Logger) {
    this.rateLimit = options.rateLimit;
    this.joinLimit = options.joinLimit;
    if (options.createLimit) this.creates = new CreateLimiter(options.createLimit, clock);
    this.joins = new FailedJoins(options.joinLimit, () => clock.now(), logger);
  }

  takeCreate(address: string): number {
    return this.creates?.take(address) ?? 0;
  }

  takeRequest(socket: AppSocket): boolean {
    const now = this.clock.now();
    const bucket = (socket.data.bucket ??= fullBucket(this.rateLimit, now));
    return take(bucket, this.rateLimit, now);
  }

  joinWait(address: string): number {
    return this.joins.wait(address);
  }

  joinFailed(address: string, what: string): number {
    return this.joins.failed(address, what);
  }
}
