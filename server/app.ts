import type { Server as HttpServer } from 'node:http';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { Server, type ServerOptions } from 'socket.io';
import type { Scenario } from '../shared/scenario/schema';
import type { Clock } from './clock';
import type { NodeBus } from './cluster/bus';
import { LocalLimits, type Limits } from './cluster/limits';
import type { Ownership } from './cluster/ownership';
import { DrillRouter } from './cluster/router';
import type { AppContext } from './context';
import { DrillHost } from './drills/host';
import { GameDayOps } from './drills/host-gameday';
import { DrillRegistry, type Restored } from './drills/registry';
import { RunSummaries } from './drills/run-summaries';
import { FAULT_TIMEOUT_MS, FaultRunner, type FaultRunnerOptions } from './gameday/fault-runner';
import type { FaultWebhook } from './gameday/fault-webhooks';
import { httpPost } from './outbound/deliver';
import { apiRouter } from './http/api';
import { DEFAULT_CREATE_LIMIT, type CreateLimit } from './http/create-limit';
import { clientRouter } from './http/client';
import { proxyTrust } from './http/trusted-proxies';
import { cryptoIds, type Ids } from './ids';
import { consoleLogger, type Logger } from './log';
import { Outbound, type OutboundOptions } from './outbound/outbound';
import { SecretBox } from './outbound/secret-box';
import { ScenarioCatalog } from './scenario-catalog';
import type { ScenarioDir } from './scenario-files';
import { staffRoomOf } from './socket/drill-room';
import { applyChange, LocalEdge, type SocketChange, type SocketEdge } from './socket/edge';
import { DEFAULT_MAX_PARTICIPANTS, SocketHub } from './socket/handlers';
import { DEFAULT_JOIN_LIMIT, type JoinLimit } from './socket/join-limit';
import { originAllowed } from './socket/origin';
import { ScenarioLibrary, type LibraryOptions } from './scenario-library';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './socket/rate-limit';
import { RequestGate } from './socket/request-gate';
import type { AppServer } from './socket/types';
import type { Store } from './store/store';

/** Socket.IO messages above this are refused by Socket.IO itself (the connection is closed). */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;
/** Socket.IO connection-state recovery window. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

/** What several nodes share besides the PostgreSQL store (server/cluster/cluster.ts builds it). */
export interface ClusterOptions {
  /** Drill leases in PostgreSQL. */
  ownership: Ownership;
  /** Requests to drill owners, notices, heartbeats (Redis). */
  bus: NodeBus;
  /** Limits counted in Redis. */
  limits: Limits;
  /** Socket.IO's Redis Streams adapter: broadcasts reach sockets on every node, connection-state recovery included. */
  adapter: NonNullable<ServerOptions['adapter']>;
  /** Whether Redis answers (for the health check). */
  health: () => Promise<{ ok: boolean; error?: string }>;
  /** Wall ms between looks for drills nobody runs (their owner died or left); default a quarter of a lease. */
  sweepMs: number;
}

export interface ApplicationOptions {
  store: Store;
  clock: Clock;
  /**
   * The scenarios to offer; or, as `npm start` does, the scenario folder still being read (with the file each
   * scenario came from, for the studio): the app serves meanwhile, and HTTP requests that read the scenarios wait
   * for it.
   */
  scenarios: readonly Scenario[] | Promise<ScenarioDir>;
  ids?: Ids;
  logger?: Logger;
  /** Folder of the built web client; omit to serve no client (tests). */
  clientDir?: string;
  rateLimit?: RateLimit;
  /** Drills one client address may create (`POST /api/drills`); default 30 per 10 minutes; `false`: no limit. */
  createLimit?: CreateLimit | false;
  /** Wall ms between batched clock checkpoints of the running drills (default 1 s). */
  checkpointInterval?: number;
  /** Wall ms an ended drill without sockets stays loaded (default `EVICT_AFTER_MS`, 10 minutes). */
  evictAfter?: number;
  /** Wall ms a drill may wait in the lobby before it expires (default `LOBBY_TTL_MS`, 24 hours). */
  lobbyTtl?: number;
  /** Participants one drill takes (default 50). */
  maxParticipants?: number;
  /** How long a drill's presence list is held back after one was sent (default `PRESENCE_EVERY_MS`; tests). */
  presenceEveryMs?: number;
  /** Failed joins per client address before joins by code from it must wait (default `DEFAULT_JOIN_LIMIT`). */
  joinLimit?: JoinLimit;
  /** Web origins besides the server's own that may open a socket (e.g. `https://drills.example.com`). */
  allowedOrigins?: readonly string[];
  /** Reverse proxies in front besides loopback (`FIREDRILL_TRUST_PROXY`: addresses or CIDR ranges) whose X-Forwarded-* are believed. */
  trustProxy?: readonly string[];
  /** Seals webhook URLs and signing secrets in the store; default: a random key for this process (tests). */
  secretBox?: SecretBox;
  /** Outbound webhooks (allow private targets, retry timing, the HTTP client); `false`: none. */
  outbound?: Partial<Pick<OutboundOptions, 'allowPrivate' | 'retryDelays' | 'maxQueue' | 'timeoutMs' | 'post'>> | false;
  /** The folder `scenarios` came from, for the studio: sources, and saving with the admin key (off without one). */
  library?: LibraryOptions;
  /** Several nodes (PostgreSQL store, Redis): leases, the node bus, shared limits, the adapter. */
  cluster?: ClusterOptions;
  /**
   * How long one pass of the event loop runs socket requests before the next ones wait their turn (default 5 ms;
   * server/socket/request-gate.ts). Tests set 0 so that every request after the first of a burst waits.
   */
  requestBudgetMs?: number;
  /**
   * Live game days (docs/game-day.md): the named fault webhooks (FIREDRILL_FAULTS_FILE), whether they may reach
   * private addresses, retry timing and the HTTP client. Alert ingest is always on (tokens need `secretBox`).
   */
  faults?: { webhooks?: ReadonlyMap<string, FaultWebhook>; allowPrivate?: boolean } & Partial<Pick<FaultRunnerOptions, 'retryDelays' | 'post'>>;
}

export interface Application {
  express: Express;
  io: AppServer;
  registry: DrillRegistry;
  router: DrillRouter;
  /** Where socket requests wait their turn during a burst. */
  requests: RequestGate;
  /** This node's name (`local` on one node). */
  node: string;
  /**
   * The drills that were live in the store, once every one is back (or refused). The application answers at once:
   * the restore runs in the background, and a request for a drill still being restored waits for that drill only.
   */
  restored: Promise<Restored>;
  /**
   * Stops drill timers (saving each clock, releasing leases), closes every socket and then the HTTP server
   * (Socket.IO closes the server it is attached to). Leaves the store (and the cluster's connections) open: their
   * owner closes them.
   */
  close(): Promise<void>;
}

/** With several nodes: sockets elsewhere are changed through the node bus. */
class ClusterEdge implements SocketEdge {
  readonly node: string;
  constructor(readonly io: AppServer, private readonly bus: NodeBus) {
    this.node = bus.node;
  }
  join(socketId: string, rooms: string[]): void {
    this.io.in(socketId).socketsJoin(rooms);
  }
  leave(socketId: string, rooms: string[]): void {
    this.io.in(socketId).socketsLeave(rooms);
  }
  change(socket: { socketId: string; node: string }, change: SocketChange): void {
    if (socket.node === this.node) applyChange(this.io.sockets.sockets.get(socket.socketId), change);
    else this.bus.tell(socket.node, { kind: 'socket', socketId: socket.socketId, change });
  }
}

/**
 * The Firedrill server on `httpServer`: HTTP API, web client, Socket.IO drill protocol, ready to answer at once;
 * every drill that was live in `store` is restored and running again in the background (`restored` says when; a
 * request for one of them waits for that drill). With `cluster`, this is one node of several: it restores
 * and runs the drills whose lease it holds, takes over those nobody runs, and sends what needs another node's drill
 * to that node. The caller owns `store` (and the cluster's connections) and closes them after `close()`.
 */
export async function createApplication(httpServer: HttpServer, options: ApplicationOptions): Promise<Application> {
  const { store, clock, cluster } = options;
  const logger = options.logger ?? consoleLogger;
  const ids = options.ids ?? cryptoIds;
  const node = cluster?.ownership.node ?? 'local';
  const registry = new DrillRegistry({
    store, clock, logger, ids, checkpointInterval: options.checkpointInterval, evictAfter: options.evictAfter, lobbyTtl: options.lobbyTtl,
    ...(cluster ? { ownership: cluster.ownership } : {}),
  });
  const folder = options.scenarios instanceof Promise ? options.scenarios : undefined;
  const scenarios = new ScenarioCatalog(folder ? [] : (options.scenarios as readonly Scenario[]), logger);
  const library = new ScenarioLibrary(options.library ?? { files: {} }, scenarios, clock);
  if (folder) {
    scenarios.later(folder.then(({ scenarios: loaded, files }) => {
      library.addFiles(files);
      return loaded;
    }));
  }
  const limits = cluster?.limits ?? new LocalLimits({
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT, joinLimit: options.joinLimit ?? DEFAULT_JOIN_LIMIT,
    createLimit: options.createLimit ?? DEFAULT_CREATE_LIMIT,
  }, clock, logger);
  const box = options.secretBox ?? SecretBox.random();
  const outbound = options.outbound === false ? undefined : new Outbound({ store, clock, logger, box, ...options.outbound });
  if (outbound) {
    registry.onTrack((live) => outbound.attach(live));
    registry.onUntrack((live) => outbound.detach(live.id));
  }
  const faults = new FaultRunner({
    clock, logger, webhooks: options.faults?.webhooks ?? new Map(), retryDelays: options.faults?.retryDelays,
    post: options.faults?.post ?? httpPost({ timeoutMs: FAULT_TIMEOUT_MS, allowPrivate: options.faults?.allowPrivate ?? false }),
    ...(registry.ownership.shared ? { stillOwner: async (id: string) => (await registry.ownership.holderOf(id))?.holder === registry.ownership.node } : {}),
  });

  // A drill's run summary is kept when it ends and after every later change (hot-wash edits, overrides).
  const runSummaries = new RunSummaries({ store, logger });
  registry.onTrack((live) => live.onBatch((batch) => {
    if (batch.after.status === 'ended' && batch.events.length) runSummaries.changed(live.record, () => live.log);
  }));
  // The drills that were live come back in the background, several at a time, while the server already answers:
  // a request for one of them waits for that drill (the registry's loads are shared), the others are served.
  const restoreStarted = performance.now();
  let closed = false;
  const restored = registry.restoreAll().then((result) => {
    const ms = Math.round(performance.now() - restoreStarted);
    const { fromSnapshot, fullReplay } = registry.rebuilt;
    if (result.restored.length) logger.info(`restored ${result.restored.length} live drill(s) in ${ms} ms (${fromSnapshot} from a snapshot and the events after it, ${fullReplay} by replaying the whole log)`);
    if (result.failed.length) logger.error(`could not restore ${result.failed.length} drill(s), quarantined (the others are served): ${result.failed.join(', ')}`);
    if (result.expired.length) logger.info(`${result.expired.length} drill(s) expired in the lobby while the server was down`);
    if (result.elsewhere.length) logger.info(`${result.elsewhere.length} live drill(s) are run by other nodes`);
    if (!result.restored.length && !result.failed.length) logger.info('no live drills to restore');
    return result;
  }, (error: unknown) => {
    // Listing the live drills failed (the store): each loads on its first request instead.
    logger.error(`restoring the live drills failed: ${String(error)}; each loads on its first request`);
    return { restored: [], failed: [], expired: [], elsewhere: [] } satisfies Restored;
  });
  // After the restore, as on one node before: a fault send the server stopped in the middle of is made again once
  // its drill runs (onTrack hears the restored drills at once).
  void restored.then(() => {
    if (closed) return;
    registry.onTrack((live) => faults.attach(live));
    // A drill this node stops serving (moved to another node, unloaded, quarantined) takes its fault sends with it.
    registry.onUntrack((live) => faults.detach(live));
  });

  const app = express();
  app.disable('x-powered-by');
  // Client addresses (limits) and public hosts (socket origins) from X-Forwarded-* only behind a trusted proxy.
  const trustProxy = proxyTrust(options.trustProxy ?? []);
  app.set('trust proxy', (address: string) => trustProxy(address));
  app.use(securityHeaders());
  // gzip or brotli, whichever the browser prefers, for the client's files and the API's JSON alike.
  app.use(compression());
  // Before Socket.IO attaches: it answers /socket.io/ and hands every other request to the listeners it found.
  // The routes are added below, once the context they need exists.
  httpServer.on('request', app);

  const allowedOrigins = options.allowedOrigins ?? [];
  const refusedOrigins = new Set<string>();
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
    ...(cluster ? { adapter: cluster.adapter } : {}),
    // Only pages of this server (and configured origins) may open a socket: docs/operations.md, "Origins".
    allowRequest: (req, callback) => {
      const allowed = originAllowed(req, allowedOrigins, trustProxy);
      const origin = String(req.headers.origin);
      if (!allowed && !refusedOrigins.has(origin) && refusedOrigins.size < 100) {
        refusedOrigins.add(origin);
        logger.warn(`socket refused for origin ${origin} (host ${req.headers.host}); allow it with FIREDRILL_ALLOWED_ORIGINS if it is yours`);
      }
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });
  const edge: SocketEdge = cluster ? new ClusterEdge(io, cluster.bus) : new LocalEdge(io);
  const host = new DrillHost({
    registry, store, ids, clock, logger, edge, keepMs: RECOVERY_WINDOW_MS + 10_000,
    maxParticipants: options.maxParticipants ?? DEFAULT_MAX_PARTICIPANTS, ...(outbound ? { outbound } : {}),
    ...(options.presenceEveryMs !== undefined ? { presenceEveryMs: options.presenceEveryMs } : {}),
    gameday: new GameDayOps(box, logger),
  });
  const router = new DrillRouter({ registry, host, logger, ...(cluster ? { bus: cluster.bus } : {}) });
  const ctx: AppContext = {
    store, clock, ids, logger, scenarios, library, registry, router, limits, node, trustProxy, runSummaries, online: (id) => host.online(id),
    ...(outbound ? { outbound } : {}),
    ...(cluster ? { adapterHealth: cluster.health } : {}),
    gameday: { box, faults },
  };
  app.use('/api', apiRouter(ctx));
  if (options.clientDir) app.use(clientRouter(options.clientDir));
  const requests = new RequestGate({ budgetMs: options.requestBudgetMs });
  const hub = new SocketHub(io, ctx, router, limits, requests);
  if (outbound) outbound.onStatus((drillId, status) => io.to(staffRoomOf(drillId)).emit('drill:outbound', status));

  let sweeper: ReturnType<typeof setInterval> | undefined;
  if (cluster) {
    const { bus } = cluster;
    bus.onNotice((notice) => {
      if (notice.kind === 'socket') hub.apply(notice.socketId, notice.change);
      else if (notice.kind === 'owner') hub.reattachAll(notice.drillId);
    });
    // A node that stops sending heartbeats (killed, cut off) takes its sockets with it; when it is heard again, its
    // sockets are asked back.
    bus.onPeers((peer, alive) => {
      if (!alive) return host.nodeGone(peer);
      for (const drillId of host.drillsWithNode(peer)) bus.tell(peer, { kind: 'owner', drillId, owner: node });
    });
    // Every drill this node starts running (taken over, loaded again) gets its sockets back from every node.
    registry.onTrack((live) => bus.broadcast({ kind: 'owner', drillId: live.id, owner: node }));
    let sweeping = false;
    sweeper = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      registry.adoptOrphans().then(
        (taken) => { if (taken.length) logger.info(`took over ${taken.length} drill(s) nobody was running: ${taken.join(', ')}`); },
        (error: unknown) => logger.warn(`looking for drills nobody runs failed: ${String(error)}`),
      ).finally(() => { sweeping = false; });
    }, cluster.sweepMs);
    sweeper.unref();
  }

  let closing: Promise<void> | undefined;
  return {
    express: app,
    io,
    registry,
    router,
    requests,
    node,
    restored,
    close: () => (closing ??= (async () => {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      outbound?.close();
      faults.close();
      hub.close();
      host.close();
      await registry.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      httpServer.off('request', app);
    })()),
  };
}

/**
 * Security headers on every response (helmet): a Content Security Policy the built client keeps (scripts,
 * styles, fonts and connections from this origin only; the favicon is a data: image; no frames, no plugins),
 * no framing by other sites, no MIME sniffing, and no Referer (facilitator links carry a key). HSTS is left to
 * the TLS proxy in front, which knows whether the site is served over HTTPS.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
}
