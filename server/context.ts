import type { Clock } from './clock';
import type { Limits } from './cluster/limits';
import type { DrillRouter } from './cluster/router';
import type { DrillRegistry } from './drills/registry';
import type { RunSummaries } from './drills/run-summaries';
import type { GameDay } from './gameday/gameday';
import type { ProxyTrust } from './http/trusted-proxies';
import type { Ids } from './ids';
import type { Logger } from './log';
import type { Outbound } from './outbound/outbound';
import type { ScenarioCatalog } from './scenario-catalog';
import type { ScenarioLibrary } from './scenario-library';
import type { Store } from './store/store';

/** What HTTP routes and socket handlers are given to work with. */
export interface AppContext {
  store: Store;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  scenarios: ScenarioCatalog;
  /** The scenario folder: sources for the studio, and saving with the admin key. */
  library: ScenarioLibrary;
  /** The drills this node runs (it owns them). */
  registry: DrillRegistry;
  /** Run summaries of ended drills (the runs list and trend read them). */
  runSummaries: RunSummaries;
  /** Sends what needs a drill to the drill's owner: this node, or another one. */
  router: DrillRouter;
  /** Creations per address, requests per socket, failed joins per address (shared by every node). */
  limits: Limits;
  /** This node's name. */
  node: string;
  /** Whether a peer is a reverse proxy whose X-Forwarded-* headers are believed (loopback, FIREDRILL_TRUST_PROXY). */
  trustProxy: ProxyTrust;
  /** Mirrors drills to their webhooks; undefined when the server was built without it. */
  outbound?: Outbound;
  /** Whether the adapter between nodes works (several nodes); undefined on one node. */
  adapterHealth?: () => Promise<{ ok: boolean; error?: string }>;
  /** Live game days: alert ingest tokens and fault webhooks (docs/game-day.md); undefined when built without. */
  gameday?: GameDay;
  /** Participant ids with a connected socket in a drill this node runs (the owner's rooms hold every node's sockets). */
  online: (drillId: string) => string[];
}
