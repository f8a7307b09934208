import type { Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import { Server } from 'socket.io';
import type { Scenario } from '../shared/scenario/schema';
import type { Clock } from './clock';
import type { AppContext } from './context';
import { DrillRegistry } from './drills/registry';
import { apiRouter } from './http/api';
import { CreateLimiter, DEFAULT_CREATE_LIMIT, type CreateLimit } from './http/create-limit';
import { clientRouter } from './http/client';
import { cryptoIds, type Ids } from './ids';
import { consoleLogger, type Logger } from './log';
import { ScenarioCatalog } from './scenario-catalog';
import { ScenarioLibrary, type LibraryOptions } from './scenario-library';
import { SocketHub } from './socket/handlers';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './socket/rate-limit';
import type { AppServer } from './socket/types';
import type { Store } from './store/store';

/** Socket.IO messages above this are refused by Socket.IO itself (the connection is closed). */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;
/** Socket.IO connection-state recovery window. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;

export interface ApplicationOptions {
  store: Store;
  clock: Clock;
  scenarios: readonly Scenario[];
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
  /** The folder `scenarios` came from, for the studio: sources, and saving with the admin key (off without one). */
  library?: LibraryOptions;
}

export interface Application {
  express: Express;
  io: AppServer;
  registry: DrillRegistry;
  /** Drills that were live in the store, restored before the application started answering sockets. */
  restored: { restored: string[]; failed: string[] };
  /**
   * Stops drill timers (saving each clock), closes every socket and then the HTTP server (Socket.IO closes
   * the server it is attached to). Leaves the store open: its owner closes it.
   */
  close(): Promise<void>;
}

/**
 * The Firedrill server on `httpServer`: HTTP API, web client, Socket.IO drill protocol, and every drill
 * that was live in `store` restored and running again (hence async). The caller owns `store` and closes it after
 * `close()`.
 */
export async function createApplication(httpServer: HttpServer, options: ApplicationOptions): Promise<Application> {
  const { store, clock } = options;
  const logger = options.logger ?? consoleLogger;
  const ids = options.ids ?? cryptoIds;
  const registry = new DrillRegistry({ store, clock, logger, ids, checkpointInterval: options.checkpointInterval, evictAfter: options.evictAfter });
  const scenarios = new ScenarioCatalog(options.scenarios, logger);
  const library = new ScenarioLibrary(options.library ?? { files: {} }, scenarios, clock);
  const createLimit = options.createLimit ?? DEFAULT_CREATE_LIMIT;
  const ctx: AppContext = {
    store, clock, ids, logger, scenarios, library, registry, online: () => [],
    ...(createLimit ? { createLimiter: new CreateLimiter(createLimit, clock) } : {}),
  };

  const restored = await registry.restoreAll();
  if (restored.restored.length) logger.info(`restored ${restored.restored.length} live drill(s)`);
  if (restored.failed.length) logger.error(`could not restore ${restored.failed.length} drill(s): ${restored.failed.join(', ')}`);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use('/api', apiRouter(ctx));
  if (options.clientDir) app.use(clientRouter(options.clientDir));
  httpServer.on('request', app);

  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
  });
  const hub = new SocketHub(io, ctx, { rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT, keepMs: RECOVERY_WINDOW_MS + 10_000 });
  ctx.online = (id) => hub.online(id);
  registry.setInUse((id) => hub.holds(id));

  let closing: Promise<void> | undefined;
  return {
    express: app,
    io,
    registry,
    restored,
    close: () => (closing ??= (async () => {
      hub.close();
      await registry.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      httpServer.off('request', app);
    })()),
  };
}
