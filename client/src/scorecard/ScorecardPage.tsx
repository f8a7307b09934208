import { useEffect, useMemo, useRef, useState } from 'react';
import { formatMinutes } from '../../../shared/duration';
import { formatStoryTime } from '../../../shared/story-time';
import type { RunComparison, Scorecard } from '../../../shared/scoring';
import { actionItemsCsv } from '../../../shared/runs/action-items-csv';
import { Link, navigate, useLocation } from '../app/router';
import { SiteHeader } from '../app/SiteHeader';
import { ApiError } from '../net/http';
import { seats, staffKeys, type StaffKey } from '../net/storage';
import { ErrorNote, SeverityBadge } from '../ui/bits';
import { StaffKeyForm } from '../ui/StaffKeyForm';
import type { Credentials } from '../session/connectionMachine';
import { DrillSessionProvider, useMaybeSession } from '../session/DrillSession';
import { useStoryStart } from '../drill/story-clock';
import { useEvaluation } from './evaluation';
import { Declarations } from './Declarations';
import { ReplayLinks } from './EvidenceLink';
import { replayHref } from '../replay/links';
import { Findings } from './Findings';
import { loadRuns, loadScorecardFor, loadSeatReport, type ScorecardAccess } from './load';
import { ObjectiveTable } from './ObjectiveTable';
import { PostRubrics } from './PostRubrics';
import { CadenceChart, DimensionRunsChart, Summary, useSummary } from './Summary';
import { Swimlanes } from './Swimlanes';
import { Trend } from './Trend';
import '../styles/scorecard.css';

/** `keyRefused`: the server did not take the staff key (401/403), so another link may open it. */
type Load = { status: 'loading' } | { status: 'error'; message: string; keyRefused?: boolean } | { status: 'ready'; card: Scorecard };

/**
 * `/drill/<id>/scorecard`: the after-action scorecard. Facilitators and leads open it with their key (during the
 * drill too: "scores so far"); participants with their seat, once the drill has ended (the server leaves the
 * facilitator's notes out of their copy).
 */
export default function ScorecardPage({ drillId }: { drillId: string }) {
  const { query } = useLocation();
  const urlKey = query.get('key');
  if (urlKey) staffKeys.set(drillId, { key: urlKey, as: staffKeys.get(drillId)?.as ?? 'unknown' });
  // A lead with a shared scorecard address and no key in this tab pastes the observer link (StaffKeyForm).
  const [pasted, setPasted] = useState<StaffKey>();
  const kept = pasted ?? staffKeys.get(drillId);
  const key = urlKey ?? kept?.key;
  const token = key ? undefined : seats.get(drillId)?.token;

  useEffect(() => {
    if (urlKey) navigate(`/drill/${encodeURIComponent(drillId)}/scorecard`, { replace: true });
  }, [urlKey, drillId]);

  // The drill's socket, with the same seat or key: the page learns of every new event (an evaluator's override, a
  // late action item) and scores again, and staff send their overrides through it. A participant's seat joins only
  // once their scorecard has opened (the drill has ended): before that there is nothing to follow, and the page
  // must not seat a second tab in a running drill just to say "not yet".
  const [card, setCard] = useState<Scorecard>();
  const opened = !!key || !!card;
  const credentials: Credentials | undefined = useMemo(() => (key ? { as: 'staff', drillId, key, role: kept?.as ?? 'unknown' }
    : token && opened ? { as: 'participant', drillId, token } : undefined), [drillId, key, token, kept?.as, opened]);
  const body = <ScorecardScreen drillId={drillId} staffKey={key} token={token} initial={card} onReady={setCard} onKey={setPasted} />;
  return credentials ? <DrillSessionProvider key={key ?? token} credentials={credentials}>{body}</DrillSessionProvider> : body;
}

/** How long the page waits after the last new event before scoring again (a burst of events is one refresh). */
const REFRESH_MS = 300;

function ScorecardScreen({ drillId, staffKey: key, token, initial, onReady, onKey }: {
  drillId: string; staffKey?: string; token?: string;
  /** The card already loaded before this screen was (re)mounted inside the drill's session. */
  initial?: Scorecard;
  onReady: (card: Scorecard) => void;
  /** A key pasted into the page (no key in this tab, or one the server refused). */
  onKey: (key: StaffKey) => void;
}) {
  const session = useMaybeSession();
  const [load, setLoad] = useState<Load>(initial ? { status: 'ready', card: initial } : { status: 'loading' });
  const [runs, setRuns] = useState<RunComparison>();
  const [reportError, setReportError] = useState<string>();
  const seq = session?.view?.state.seq;
  const loaded = useRef(!!initial);
  // Requests are numbered so that a slow answer never replaces a newer one; none is dropped only because more events
  // arrived meanwhile (during a running drill they never stop, and the page would stay at "Scoring…").
  const requested = useRef(0);
  const applied = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    const access: ScorecardAccess | undefined = key ? { as: 'staff', key } : token ? { as: 'participant', token } : undefined;
    if (!access) return;
    // The first load shows "Scoring…"; later ones (after new events, a burst of them is one request) keep the card
    // on screen until the new one is in.
    const timer = setTimeout(() => {
      const id = ++requested.current;
      loadScorecardFor(drillId, access)
        .then((card) => {
          if (!mounted.current || id < applied.current) return;
          applied.current = id;
          loaded.current = true;
          setLoad({ status: 'ready', card });
          onReady(card);
        })
        .catch((error: Error) => mounted.current && !loaded.current && setLoad({
          status: 'error', message: error.message,
          keyRefused: access.as === 'staff' && error instanceof ApiError && (error.status === 401 || error.status === 403),
        }));
    }, loaded.current ? REFRESH_MS : 0);
    return () => clearTimeout(timer);
  }, [drillId, key, token, seq, onReady]);

  // Earlier runs of the scenario, once: not tied to the rescoring above, whose requests a burst of new events cancels.
  const scenarioId = load.status === 'ready' ? load.card.scenario.id : undefined;
  useEffect(() => {
    if (!scenarioId) return;
    let live = true;
    void loadRuns(scenarioId, drillId, key).then((r) => live && setRuns(r));
    return () => {
      live = false;
    };
  }, [scenarioId, drillId, key]);

  /** A participant's copy comes with their seat token in a header (never in an address), so it is fetched, then saved. */
  const downloadSeat = (what: SeatExport) => {
    if (!token) return;
    setReportError(undefined);
    loadSeatReport(drillId, token, what.path)
      .then((text) => download(text, what.type, `firedrill-${drillId}-${what.file}`))
      .catch((error: Error) => setReportError(`Could not download the ${what.label}: ${error.message}`));
  };

  const back = `/drill/${encodeURIComponent(drillId)}`;
  return (
    <>
      <SiteHeader>
        {(key || token) && load.status === 'ready' ? (
          <div className="btn-row no-print">
            {EXPORTS.map((what) => (key
              ? <a key={what.path} className="btn btn-small" href={exportUrl(drillId, what.path, key)} download={`firedrill-${drillId}-${what.file}`}>{what.button}</a>
              : <button key={what.path} type="button" className="btn btn-small" onClick={() => downloadSeat(what)}>{what.button}</button>))}
            <button type="button" className="btn btn-small" onClick={() => download(JSON.stringify(load.card, null, 2), 'application/json', `firedrill-${drillId}-scorecard.json`)}>Download JSON</button>
            <button type="button" className="btn btn-small" onClick={() => download(actionItemsCsv(load.card), 'text/csv;charset=utf-8', `firedrill-${drillId}-action-items.csv`)}>Action items CSV</button>
            <button type="button" className="btn btn-small" onClick={() => window.print()}>Print / PDF</button>
            {key ? <Link to={replayHref(drillId)} className="btn btn-small">Replay the drill</Link> : null}
            <Link to={`/scenarios/${encodeURIComponent(load.card.scenario.id)}/runs`} className="btn btn-quiet btn-small">All runs</Link>
            <Link to={back} className="btn btn-quiet btn-small">Back to the drill</Link>
          </div>
        ) : null}
      </SiteHeader>
      <main id="main" className="page scorecard">
        <ErrorNote error={reportError} />
        {!key && !token ? (
          <div className="panel">
            <h1>Scorecard</h1>
            <p>Open the scorecard from the drill room once the drill has ended, from the facilitator console, or with the observer link: paste it here.</p>
            <StaffKeyForm drillId={drillId} onKey={onKey} action="Open the scorecard" name="Open the scorecard with a link" />
          </div>
        ) : load.status === 'loading' ? <p role="status">Scoring the drill…</p>
          : load.status === 'error' ? (
            <div className="panel">
              <h1>Scorecard</h1>
              <ErrorNote error={`Could not load the scorecard: ${load.message}`} />
              {load.keyRefused ? <StaffKeyForm drillId={drillId} onKey={onKey} action="Open the scorecard" name="Open the scorecard with a link" /> : null}
              <p><Link to={back}>Back to the drill</Link></p>
            </div>
          )
          : (
            // Staff open the replay from any evidence link; a participant's evidence links stay in the page.
            <ReplayLinks value={key ? drillId : undefined}>
              <ScorecardBody card={load.card} runs={runs} drillId={drillId} />
            </ReplayLinks>
          )}
      </main>
    </>
  );
}

interface SeatExport { path: string; file: string; type: string; button: string; label: string }

/** The exports next to JSON: the Markdown report, the same as a standalone HTML page, and the timeline as CSV. */
const EXPORTS: SeatExport[] = [
  { path: 'report.md', file: 'report.md', type: 'text/markdown', button: 'Download Markdown', label: 'report' },
  { path: 'report.html', file: 'report.html', type: 'text/html', button: 'Download HTML', label: 'HTML report' },
  { path: 'timeline.csv', file: 'timeline.csv', type: 'text/csv', button: 'Timeline CSV', label: 'timeline' },
];

const exportUrl = (drillId: string, path: string, key: string) => `/api/drills/${encodeURIComponent(drillId)}/${path}?key=${encodeURIComponent(key)}`;

function ScorecardBody({ card, runs, drillId }: { card: Scorecard; runs?: RunComparison; drillId: string }) {
  const summary = useSummary(card, runs);
  const started = card.drill.startedAt ? new Date(card.drill.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : undefined;
  const start = useStoryStart();
  const evaluation = useEvaluation();
  const story = formatStoryTime(start, 0, { day: 'always' });
  return (
    <article className="scorecard-body">
      <header className="sc-title">
        <p className="muted small">After-action scorecard{card.drill.status !== 'ended' ? ' — drill still in progress, scores so far' : ''}</p>
        <h1>{card.scenario.title}</h1>
        <p className="sc-meta">
          <SeverityBadge severity={card.scenario.severity} />
          {started ? <span>{started}</span> : null}
          {story ? <span data-testid="story-start">Story from {story} to {formatStoryTime(start, card.drill.durationMs)}</span> : null}
          <span>{formatMinutes(card.drill.durationMs)} of drill time</span>
          <span>{card.drill.participants.length} participants</span>
        </p>
        {card.drill.participants.length ? (
          <p className="small sc-people">
            {card.drill.participants.map((p) => `${p.name}${p.roles.length ? ` (${p.roles.join(', ')})` : ''}`).join(' · ')}
          </p>
        ) : null}
        {evaluation.editable ? <p className="small muted no-print">You can override any objective rating or rubric check with a note; the scorecard and its reports show both.</p> : null}
      </header>
      <Summary card={card} summary={summary} />
      <h2 className="sc-details-title">Details</h2>
      <ObjectiveTable card={card} evaluation={evaluation} />
      <Findings card={card} start={start} summary={summary} />
      <Declarations card={card} start={start} />
      <Swimlanes card={card} start={start} />
      <CadenceChart summary={summary} />
      <PostRubrics card={card} evaluation={evaluation} start={start} />
      <Trend runs={runs} drillId={drillId}><DimensionRunsChart summary={summary} /></Trend>
    </article>
  );
}

function download(text: string, type: string, filename: string) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The replay page, loaded with this chunk on purpose (see `App.tsx`). */
export { default as ReplayPage } from '../replay/ReplayPage';
export { default as RunsPage } from '../runs/RunsPage';
export { default as ComparePage } from '../compare/ComparePage';
