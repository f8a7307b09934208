import { useEffect, useMemo, useState } from 'react';
import type { DrillEvent } from '../../../shared/drill/events';
import { http } from '../net/http';
import { staffKeys } from '../net/storage';
import { mergeLog } from '../session/fold';
import { useSession } from '../session/DrillSession';

/**
 * The whole event log for staff: fetched over HTTP when a view is installed (join, resync), merged with what
 * the socket pushes afterwards. Scoring and the live log read it.
 */
export function useEventLog(): { log: DrillEvent[]; error?: string } {
  const { view, log: pushed, viewVersion } = useSession();
  const drillId = view?.drillId;
  const [fetched, setFetched] = useState<DrillEvent[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const key = drillId ? staffKeys.get(drillId)?.key : undefined;
    if (!drillId || !key) return;
    let live = true;
    http.events(drillId, key)
      .then((events) => { if (live) { setFetched(events); setError(undefined); } })
      .catch((e: Error) => live && setError(`The full event log could not be loaded (${e.message}); showing events since you opened the console.`));
    return () => {
      live = false;
    };
  }, [drillId, viewVersion]);
  const log = useMemo(() => mergeLog(fetched, pushed), [fetched, pushed]);
  return { log, error };
}
