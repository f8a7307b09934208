import type { Upcoming } from '../../../shared/drill/upcoming';
import { roleName } from '../drill/names';
import { useView } from '../session/DrillSession';
import { CHANNEL_LABELS, Icon } from '../ui/icons';
import { Panel } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';

/** "in 1:05" of drill time, and how long that is in real time at the current speed. */
function countdown(ms: number, speed: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  if (speed === 1) return `in ${text}`;
  const real = Math.max(0, Math.ceil(ms / speed / 1000));
  return `in ${text} (${real}s real)`;
}

/** The schedule ahead: scripted injects, contact replies, contingencies and the end, with countdowns. */
export function UpcomingPanel({ now }: { now: number }) {
  const view = useView();
  const upcoming = view.upcoming ?? [];
  const speed = view.clock.speed;
  const start = useStoryStart();
  return (
    <Panel title="Coming up" id="upcoming">
      {upcoming.length === 0 ? <p className="empty">{view.state.status === 'lobby' ? 'The schedule starts when the drill starts.' : 'Nothing scheduled.'}</p> : (
        <ol className="upcoming-list">
          {upcoming.slice(0, 12).map((u, i) => (
            <li key={i} className={u.kind === 'transition' && u.willSkip ? 'upcoming skip' : 'upcoming'} data-testid="upcoming">
              <span className="upcoming-when small tabular"><strong>{countdown(u.at - now, speed)}</strong><Stamp t={u.at} start={start} className="muted" /></span>
              <span className="upcoming-what">{describe(u, (id) => roleName(view.scenario, id))}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function describe(u: Upcoming, role: (id: string) => string) {
  switch (u.kind) {
    case 'inject':
      return (
        <>
          <Icon name={u.channel} size={16} /> <span className="muted small">{CHANNEL_LABELS[u.channel]}</span> {u.title}
          {u.to.includes('all') ? null : <span className="muted small"> → {u.to.map(role).join(', ')}</span>}
        </>
      );
    case 'reply':
      return <><Icon name="reply" size={16} /> Reply from {u.name}</>;
    case 'transition':
      return <><Icon name="state" size={16} /> Go to “{u.goto}”{u.willSkip ? <span className="badge badge-ok">will be skipped — the team did it</span> : u.unless ? <span className="muted small"> unless the team acts</span> : null}</>;
    case 'end':
      return <><Icon name="flag" size={16} /> The drill ends (scenario duration)</>;
  }
}
