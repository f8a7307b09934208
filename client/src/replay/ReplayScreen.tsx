import { useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Rewind, viewpointSees, viewpointState, type Viewpoint } from '../../../shared/drill/rewind';
import { storyStartOf } from '../../../shared/story-time';
import { describeEvent } from '../drill/describe';
import { StaticSessionProvider } from '../session/DrillSession';
import { Tabs } from '../ui/Tabs';
import { useMediaQuery } from '../ui/hooks';
import { stampOf } from '../drill/story-clock';
import { replayHref, seqFrom } from './links';
import type { ReplayData } from './load';
import { momentSession, momentView } from './moment-view';
import { ConsoleMoment, RoomMoment } from './MomentPanels';
import { advance, at, type Playhead, type Speed } from './playback';
import { Scrubber } from './Scrubber';

const sameViewpoint = (a: Viewpoint, b: Viewpoint) => (a.kind === 'role' ? b.kind === 'role' && a.role === b.role : b.kind === 'facilitator');

/**
 * The replay itself: the scrubber and player over the log, the viewpoint, and the room and console of the moment,
 * rendered by their own components from a state folded to the playhead (`shared/drill/rewind.ts`). The address
 * follows the moment and the viewpoint (replaced, not pushed: scrubbing is not navigation).
 */
export function ReplayScreen({ drillId, staffKey, data, seqParam, viewpoint: viewpointParam }: {
  drillId: string; staffKey: string; data: ReplayData; seqParam: string | null; viewpoint: Viewpoint;
}) {
  const id = useId();
  const rewind = useMemo(() => Rewind.of(data.view.script, data.events), [data]);
  const { events } = rewind;
  const last = rewind.lastSeq;
  const running = useMemo(() => rewind.at(last).status !== 'ended', [rewind, last]);
  const start = useMemo(() => storyStartOf(data.view.scenario.startsAt), [data.view.scenario.startsAt]);
  // An address with a seq is a link to a moment (evidence from the scorecard): that event is highlighted.
  const [linked, setLinked] = useState(() => (seqParam === null ? undefined : seqFrom(seqParam, last)));
  const [playhead, setPlayhead] = useState<Playhead>(() => at(events, seqFrom(seqParam, last)));
  const [viewpoint, setViewpoint] = useState<Viewpoint>(viewpointParam);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(15);
  const [tab, setTab] = useState('room');
  const reduced = useMediaQuery('(prefers-reduced-motion: reduce)');
  const current = useRef(playhead);
  current.current = playhead;

  // The address follows the moment; what this screen wrote is remembered so only a real navigation moves it.
  const written = useRef(replayHref(drillId, { seq: seqParam === null ? undefined : seqFrom(seqParam, last), viewpoint: viewpointParam }));
  useEffect(() => {
    const href = replayHref(drillId, { seq: playhead.seq, viewpoint });
    const timer = setTimeout(() => {
      if (window.location.pathname + window.location.search === href) return;
      written.current = href;
      window.history.replaceState(null, '', href);
    }, 250);
    return () => clearTimeout(timer);
  }, [drillId, playhead.seq, viewpoint]);
  useEffect(() => {
    const href = replayHref(drillId, { seq: seqParam === null ? undefined : seqFrom(seqParam, last), viewpoint: viewpointParam });
    if (href === written.current) return;
    written.current = href;
    setPlaying(false);
    if (seqParam !== null) {
      const seq = seqFrom(seqParam, last);
      setPlayhead(at(events, seq));
      setLinked(seq);
    }
    setViewpoint((v) => (sameViewpoint(v, viewpointParam) ? v : viewpointParam));
  }, [drillId, seqParam, viewpointParam, events, last]);

  // The player: drill time runs at the chosen speed, frame by frame (four times a second with reduced motion).
  useEffect(() => {
    if (!playing) return;
    let before = performance.now();
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const now = performance.now();
      const next = advance(events, current.current, now - before, speed);
      before = now;
      setPlayhead({ seq: next.seq, t: next.t });
      if (next.done) setPlaying(false);
      else schedule();
    };
    const schedule = () => {
      if (reduced) timer = setTimeout(tick, 250);
      else frame = requestAnimationFrame(tick);
    };
    schedule();
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [playing, speed, reduced, events]);

  const play = (on: boolean) => {
    if (on && current.current.seq >= last) setPlayhead(at(events, 0));
    setPlaying(on);
  };

  // The moment renders from a deferred playhead: the scrubber stays responsive while a big room catches up.
  const shown = useDeferredValue(playhead);
  const full = useMemo(() => rewind.at(shown.seq), [rewind, shown.seq]);
  const view = useMemo(() => momentView(data, full, viewpoint, shown.t), [data, full, viewpoint, shown.t]);
  const staff = viewpoint.kind === 'facilitator';
  const log = useMemo(() => (staff ? [...rewind.upTo(shown.seq)] : []), [rewind, shown.seq, staff]);
  const session = useMemo(() => momentSession(drillId, staffKey, view, log), [drillId, staffKey, view, log]);
  const visited = useMemo(() => new Set(log.flatMap((e) => (e.type === 'state.entered' ? [e.state] : []))), [log]);

  // The event under the playhead, told in words with the state right after it (the full state only for staff).
  const event = rewind.event(playhead.seq);
  const here = playhead.seq === shown.seq ? full : rewind.at(playhead.seq);
  const sees = event ? viewpointSees(event, viewpoint, here) : false;
  const said = event && sees ? describeEvent(event, data.view.scenario, staff ? here : viewpointState(here, viewpoint)) : undefined;
  const roleName = viewpoint.kind === 'role' ? data.view.scenario.roles.find((r) => r.id === viewpoint.role)?.name ?? viewpoint.role : undefined;
  const holder = viewpoint.kind === 'role' ? full.participants[full.roles[viewpoint.role] ?? '']?.name : undefined;
  const isLinked = linked !== undefined && playhead.seq === linked;

  const chooseViewpoint = (value: string) => setViewpoint(value ? { kind: 'role', role: value } : { kind: 'facilitator' });

  return (
    <>
      <div className="replay-head">
        <div>
          <h1>Replay <span className="replay-title">{data.view.title}</span></h1>
          <p className="small muted replay-readonly" data-testid="replay-readonly">
            Read-only: this is the drill as it was at the moment you pick. Nothing here can be changed or sent.
            {running ? ' The drill was still running when this page opened: reload for its latest events.' : null}
          </p>
        </div>
        <div className="field replay-viewpoint">
          <label htmlFor={`${id}-viewpoint`}>Viewpoint</label>
          <select id={`${id}-viewpoint`} value={viewpoint.kind === 'role' ? viewpoint.role : ''} onChange={(e) => chooseViewpoint(e.target.value)}
            aria-describedby={`${id}-viewpoint-note`} data-testid="replay-viewpoint">
            <option value="">Facilitator (everything)</option>
            <optgroup label="A role: only what it was sent">
              {data.view.scenario.roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </optgroup>
          </select>
          <p className="small muted" id={`${id}-viewpoint-note`}>
            {viewpoint.kind === 'facilitator' ? 'Every inject, the script, the facilitator’s log and notes.'
              : <>Only what {roleName} was sent: injects to the role or to everyone, the war room, the status page, the team. {holder ? `Held by ${holder} at this moment.` : 'Nobody held it at this moment.'}</>}
          </p>
        </div>
      </div>

      <section className="panel replay-timeline" aria-label="Timeline">
        <Scrubber events={events} playhead={playhead} onMove={(to) => setPlayhead(to)} playing={playing} onPlay={play} speed={speed} onSpeed={setSpeed}
          start={start} autoFocus={linked !== undefined} />
        <p className={`replay-event small${isLinked ? ' linked' : ''}`} data-testid="replay-event" data-seq={playhead.seq} aria-live="polite">
          {playhead.seq === 0 ? 'Before the first event: the lobby.' : (
            <>
              <span className="tabular muted">#{playhead.seq} · {stampOf(start, event?.t ?? 0)}</span>{' '}
              {!sees ? <span className="muted">Not something {roleName} was sent.</span> : said ? said.text : 'Dashboards updated.'}
              {isLinked ? <span className="badge badge-accent replay-linked">Linked evidence</span> : null}
            </>
          )}
        </p>
      </section>

      <StaticSessionProvider value={session}>
        <Tabs label="What to show" selected={staff ? tab : 'room'} onSelect={setTab} tabs={[
          { id: 'room', label: staff ? 'Room' : `Room as ${roleName}`, content: <RoomMoment /> },
          ...(staff ? [{ id: 'console', label: 'Console', content: <ConsoleMoment log={log} visited={visited} now={shown.t} /> }] : []),
        ]} />
      </StaticSessionProvider>
    </>
  );
}
