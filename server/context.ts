import type { Clock } from './clock';
import type { DrillRegistry } from './drills/registry';
import type { GameDay } from './gameday/gameday';
import type { CreateLimiter } from './http/create-limit';
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
  registry: DrillRegistry;
  /** Drill creations per client address (`POST /api/drills`); undefined = no limit. */
  createLimiter?: CreateLimiter;
  /** Mirrors drills to their webhooks; undefined when the server was built without it. */
  outbound?: Outbound;
  /** Live game days: alert ingest tokens and fault webhooks (docs/game-day.md); undefined when built without. */
  gameday?: GameDay;
  /** Participant ids with a connected socket in a drill. */
  online: (drillId: string) => string[];
}
