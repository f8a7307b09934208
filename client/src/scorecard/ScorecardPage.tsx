import { useEffect, useState } from 'react';
import { formatMinutes } from '../../../shared/duration';
import type { RunComparison, Scorecard } from '../../../shared/scoring';
import { Link, navigate, useLocation } from '../app/router';
import { SiteHeader } from '../app/SiteHeader';
import { http } from '../net/http';
import { seats, staffKeys } from '../net/storage';
import { ErrorNote, SeverityBadge } from '../ui/bits';
import { Declarations } from './Declarations';
import { Findings } from './Findings';
import { loadRuns, loadScorecardFor, loadSeatReport, type ScorecardAccess } from './load';
import { ObjectiveTable } from './ObjectiveTable';
import { Overview } from './Overview';
import { PostRubrics } from './PostRubrics';
import { Swimlanes } from './Swimlanes';
import { Trend } from './Trend';
import '../styles/scorecard.css';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; card: Scorecard };

/**
 * `/drill/<id>/scorecard`: the after-action scorecard. Facilitators and leads open it with their key (during the
 * drill too: "scores so far"); participants with their seat, once the drill has ended (the server leaves the
 * facilitator's notes out of their copy).
 */
export default function ScorecardPage({ drillId }: { drillId: string }) {
  const { query } = useLocation();
  const urlKey = query.get('key');
  if (urlKey) staffKeys.set(drillId, { key: urlKey, as: staffKeys.get(drillId)?.as ?? 'unknown' });
  const key = urlKey ?? staffKeys.get(drillId)?.key;
  const token = key ? undefined : seats.get(drillId)?.token;
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [runs, setRuns] = useState<RunComparison>();
  const [reportError, setReportError] = useState<string>();

  useEffect(() => {
    if (urlKey) navigate(`/drill/${encodeURIComponent(drillId)}/scorecard`, { replace: true });
  }, [urlKey, drillId]);

  useEffect(() => {
    const access: ScorecardAccess | undefined = key ? { as: 'staff', key } : token ? { as: 'participant', token } : undefined;
    if (!access) return;
    let live = true;
    loadScorecardFor(drillId, access)
      .then((card) => {
        if (!live) return;
        setLoad({ status: 'ready', card });
        void loadRuns(card.scenario.id, drillId, key).then((r) => live && setRuns(r));
      })
      .catch((error: Error) => live && setLoad({ status: 'error', message: error.message }));
    return () => {
      live = false;
    };
  }, [drillId, key, token]);

  const downloadReport = () => {
    if (!token) return;
    setReportError(undefined);
    loadSeatReport(drillId, token)
      .then((text) => download(text, 'text/markdown', `firedrill-${drillId}-report.md`))
      .catch((error: Error) => setReportError(`Could not download the report: ${error.message}`));
  };

  const back = `/drill/${encodeURIComponent(drillId)}`;
  return (
    <>
      <SiteHeader>
        {(key || token) && load.status === 'ready' ? (
          <div className="btn-row no-print">
            {key
              ? <a className="btn btn-small" href={http.reportUrl(drillId, key)} download={`firedrill-${drillId}-report.md`}>Download Markdown</a>
              : <button type="button" className="btn btn-small" onClick={downloadReport}>Download Markdown</button>}
            <button type="button" className="btn btn-small" onClick={() => download(JSON.stringify(load.card, null, 2), 'application/json', `firedrill-${drillId}-scorecard.json`)}>Download JSON</button>
            <button type="button" className="btn btn-small" onClick={() => window.print()}>Print / PDF</button>
            <Link to={back} className="btn btn-quiet btn-small">Back to the drill</Link>
          </div>
        ) : null}
      </SiteHeader>
      <main id="main" className="page scorecard">
        <ErrorNote error={reportError} />
        {!key && !token ? (
          <div className="panel">
            <h1>Scorecard</h1>
            <p>Open the scorecard from the drill room once the drill has ended, from the facilitator console, or with the observer link.</p>
          </div>
        ) : load.status === 'loading' ? <p role="status">Scoring the drill…</p>
          : load.status === 'error' ? (
            <div className="panel">
              <h1>Scorecard</h1>
              <ErrorNote error={`Could not load the scorecard: ${load.message}`} />
              <p><Link to={back}>Back to the drill</Link></p>
            </div>
          )
          : <ScorecardBody card={load.card} runs={runs} drillId={drillId} />}
      </main>
    </>
  );
}

function ScorecardBody({ card, runs, drillId }: { card: Scorecard; runs?: RunComparison; drillId: string }) {
  const started = card.drill.startedAt ? new Date(card.drill.startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : undefined;
  return (
    <article className="scorecard-body">
      <header className="sc-title">
        <p className="muted small">After-action scorecard{card.drill.status !== 'ended' ? ' — drill still in progress, scores so far' : ''}</p>
        <h1>{card.scenario.title}</h1>
        <p className="sc-meta">
          <SeverityBadge severity={card.scenario.severity} />
          {started ? <span>{started}</span> : null}
          <span>{formatMinutes(card.drill.durationMs)} of drill time</span>
          <span>{card.drill.participants.length} participants</span>
        </p>
        {card.drill.participants.length ? (
          <p className="small sc-people">
            {card.drill.participants.map((p) => `${p.name}${p.roles.length ? ` (${p.roles.join(', ')})` : ''}`).join(' · ')}
          </p>
        ) : null}
      </header>
      <Overview card={card} />
      <ObjectiveTable card={card} />
      <Findings card={card} />
      <Declarations card={card} />
      <Swimlanes card={card} />
      <PostRubrics card={card} />
      <Trend runs={runs} drillId={drillId} />
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
