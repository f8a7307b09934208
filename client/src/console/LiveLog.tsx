import type { DrillEvent } from '../../../shared/drill/events';
import { describeEvent } from '../drill/describe';
import { useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';
import { Icon } from '../ui/icons';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';

const SHOWN = 80;

/** Everything that happened, newest first, in words; each line can be the subject of an observation. */
export function LiveLog({ log, error, onNote }: { log: readonly DrillEvent[]; error?: string; onNote?: (seq: number) => void }) {
  const view = useView();
  const start = useStoryStart();
  const lines = [];
  for (let i = log.length - 1; i >= 0 && lines.length < SHOWN; i--) {
    const d = describeEvent(log[i], view.scenario, view.state);
    if (d) lines.push({ event: log[i], d });
  }
  return (
    <Panel title="Live log" id="live-log">
      <ErrorNote error={error} />
      {lines.length === 0 ? <p className="empty">Nothing has happened yet.</p> : (
        <ol className="live-log" aria-label="Drill events, newest first">
          {lines.map(({ event, d }) => (
            <li key={event.seq} className={`log-line k-${d.kind}`}>
              <Stamp t={event.t} start={start} stacked className="small muted" />
              <Icon name={d.icon} size={16} />
              <span className="log-text" title={d.text.length > 160 ? d.text : undefined}>{d.text.length > 160 ? `${d.text.slice(0, 157)}…` : d.text}</span>
              {onNote ? <button type="button" className="btn btn-quiet btn-small log-note" onClick={() => onNote(event.seq)} aria-label={`Add an observation about: ${d.text}`}>Note</button> : null}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
