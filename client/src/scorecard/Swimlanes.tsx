import { formatStoryTime, storyStamp } from '../../../shared/story-time';
import { EvidenceLink, useReplayDrill } from './EvidenceLink';
import type { StoryStart } from '../drill/story-clock';
import { Stamp } from '../ui/Stamp';
import type { Scorecard, TimelineKind } from '../../../shared/scoring/types';

const LANES: { label: string; kinds: TimelineKind[] }[] = [
  { label: 'Injects', kinds: ['inject'] },
  { label: 'Acknowledged', kinds: ['ack'] },
  { label: 'Roles', kinds: ['role'] },
  { label: 'War room', kinds: ['war-room'] },
  { label: 'Status page', kinds: ['status-page'] },
  { label: 'Pages', kinds: ['page'] },
  { label: 'Replies', kinds: ['reply'] },
  { label: 'Severity, declarations', kinds: ['severity', 'declare'] },
  { label: 'Scenario state', kinds: ['state'] },
  { label: 'Observations', kinds: ['note'] },
  { label: 'Action items', kinds: ['action-item'] },
];

const LABEL_W = 190;
const W = 1000;
const LANE_H = 30;

/** The drill on one time axis, a lane per channel: where the team was busy and where it went quiet. */
export function Swimlanes({ card, start }: { card: Scorecard; start?: StoryStart }) {
  const replay = useReplayDrill();
  const lanes = LANES.map((lane) => ({ ...lane, entries: card.timeline.filter((e) => lane.kinds.includes(e.kind)) })).filter((l) => l.entries.length);
  const end = Math.max(card.drill.durationMs, ...card.timeline.map((e) => e.at), 60_000);
  const x = (at: number) => LABEL_W + (Math.max(0, at) / end) * (W - LABEL_W - 16);
  const step = end > 40 * 60_000 ? 10 * 60_000 : end > 12 * 60_000 ? 5 * 60_000 : 60_000;
  const ticks: number[] = [];
  for (let t = 0; t <= end; t += step) ticks.push(t);
  const height = lanes.length * LANE_H + 34;

  return (
    <section aria-labelledby="timeline-title" className="sc-section">
      <h2 id="timeline-title">Timeline</h2>
      <div className="swimlanes">
        <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="group" aria-label="Timeline chart: one lane per channel, each mark a link to its event; the list below has every event.">
          {lanes.map((lane, i) => (
            <g key={lane.label} transform={`translate(0,${i * LANE_H})`}>
              <rect x={0} y={0} width={W} height={LANE_H} className={i % 2 ? 'lane odd' : 'lane'} />
              <text x={8} y={LANE_H / 2 + 5} className="lane-label">{lane.label}</text>
              {lane.entries.map((e) => (
                <a key={e.seq} href={`#ev-${e.seq}`}>
                  <title>{`${storyStamp(start, e.at)} ${e.text}`}</title>
                  <circle cx={x(e.at)} cy={LANE_H / 2} r={6} className={`mark k-${e.kind}`} />
                </a>
              ))}
            </g>
          ))}
          <g transform={`translate(0,${lanes.length * LANE_H})`}>
            {ticks.map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={-lanes.length * LANE_H} y2={4} className="tick" />
                <text x={x(t)} y={22} textAnchor="middle" className="tick-label">{formatStoryTime(start, t) ?? `${Math.round(t / 60_000)}m`}</text>
              </g>
            ))}
          </g>
        </svg>
      </div>
      <details className="timeline-details" open>
        <summary>Every event ({card.timeline.length})</summary>
        <ol className="timeline-list">
          {card.timeline.map((e) => (
            <li key={e.seq} id={`ev-${e.seq}`} className={`k-${e.kind}`} tabIndex={-1}>
              <Stamp t={e.at} start={start} className="muted" />
              {replay ? <span className="small"><EvidenceLink seq={e.seq} /></span> : <span className="muted small">#{e.seq}</span>}
              <span>{e.text}</span>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
