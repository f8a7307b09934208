import type { Logger } from '../log';
import type { Store } from '../store/store';
import type { LiveDrill } from './live-drill';
import { RESTORE_CONCURRENCY, type Location, type Restored } from './registry-types';

/** What restoring needs of the registry: where a drill is served (loading it here when it may), and what is loaded. */
export interface Restorable {
  locate(id: string): Promise<Location>;
  loaded(id: string): LiveDrill | undefined;
}

/**
 * Restores every drill that was live in the store (that this node may own), `RESTORE_CONCURRENCY` at a time: each
 * is loaded through `locate`, so a request for one of them meanwhile (a rejoin) waits for that drill only, and one
 * load serves both. Never fails because of one drill. Resolves once every drill is back (or refused).
 */
export async function restoreLiveDrills(registry: Restorable, store: Store, logger: Logger): Promise<Restored> {
  const records = await store.listLiveDrills();
  const outcome = new Array<keyof Restored | undefined>(records.length);
  let next = 0;
  const lane = async () => {
    while (next < records.length) {
      const i = next++;
      outcome[i] = await restoreOne(registry, records[i].id, logger);
    }
  };
  await Promise.all(Array.from({ length: Math.min(RESTORE_CONCURRENCY, records.length) }, lane));
  const result: Restored = { restored: [], failed: [], expired: [], elsewhere: [] };
  records.forEach((record, i) => {
    const kind = outcome[i];
    if (kind) result[kind].push(record.id);
  });
  return result;
}

/** One drill: loaded (or found loaded), then resumed; which list it goes to. */
async function restoreOne(registry: Restorable, id: string, logger: Logger): Promise<keyof Restored | undefined> {
  let location: Location;
  try {
    location = await registry.locate(id);
  } catch (error) {
    // The disk refused what its replay regenerated: not served from memory; loaded again on its first request.
    logger.error(`restoring drill ${id}: the regenerated events could not be saved (${(error as Error).message}); it loads on first use instead`);
    return 'failed';
  }
  switch (location.kind) {
    case 'here': {
      // Its resume turn (catching up with the clock) was queued by the load: wait for it.
      await location.live.read(() => undefined).catch(() => undefined);
      return registry.loaded(id) === location.live ? 'restored' : 'failed';
    }
    case 'elsewhere':
      return 'elsewhere';
    case 'refused':
      return location.refusal.code === 'not-found' ? 'expired' : 'failed';
    case 'unknown':
      return undefined;
  }
}
