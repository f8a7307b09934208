import { createContext, useContext } from 'react';
import { Link } from '../app/router';
import { replayHref } from '../replay/links';

/**
 * The drill whose replay this reader may open (staff: the replay needs the key the event log needs), or undefined
 * for a participant's copy of the scorecard, whose evidence links stay in the page.
 */
const ReplayDrill = createContext<string | undefined>(undefined);
export const ReplayLinks = ReplayDrill.Provider;

/**
 * A link to one event of the log ("#42"), the scorecard's evidence. For staff it opens the replay at that event
 * (`/drill/<id>/replay?seq=42`, highlighted there); otherwise it jumps to the event in the page's timeline.
 */
export function EvidenceLink({ seq }: { seq: number }) {
  const drillId = useContext(ReplayDrill);
  if (!drillId) return <a href={`#ev-${seq}`} className="ev-link">#{seq}</a>;
  return <Link to={replayHref(drillId, { seq })} className="ev-link" aria-label={`#${seq}: replay the drill at this event`} data-evidence={seq}>#{seq}</Link>;
}

/** Whether evidence links open the replay (the reader holds a staff key). */
export function useReplayDrill(): string | undefined {
  return useContext(ReplayDrill);
}
