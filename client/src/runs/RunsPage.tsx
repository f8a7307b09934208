import { useEffect, useState } from 'react';
import { formatMinutes } from '../../../shared/duration';
import type { RunEntry, RunsPage as RunsBody } from '../../../shared/runs/runs-page';
import { Link, navigate } from '../app/router';
import { SiteHeader } from '../app/SiteHeader';
import { api } from '../net/http';
import { seats, staffKeys } from '../net/storage';
import { ErrorNote } from '../ui/bits';
import '../styles/scorecard.css';

/** The drills this browser can open, as `x-firedrill-keys` ("id:key,…"): the runs list names those. */
function keysHeader(): Record<string, string> {
  const pairs = staffKeys.all().filter((k) => /^[\w-]+$/.test(k.drillId) && !/[,:]/.test(k.key)).slice(0, 20);
  return pairs.length ? { 'x-firedrill-keys': pairs.map((k) => `${k.drillId}:${k.key}`).join(',') } : {};
}

const time = (ms: number | null) => (ms === null ? 'never' : formatMinutes(ms));
const date = (wall: number) => new Date(wall).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * `/scenarios/:id/runs`: every finished run of a scenario, newest first, 20 a page, with the scores. Runs this
 * browser holds a key or seat for are named and can be compared (pick two); the others show numbers only.
 */
export default function RunsPage({ scenarioId }: { scenarioId: string }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [body, setBody] = useState<RunsBody>();
  const [error, setError] = useState<string>();
  const [picked, setPicked] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  useEffect(() => {
    let live = true;
    setBody(undefined);
    api<RunsBody>(`/api/scenarios/${encodeURIComponent(scenarioId)}/runs?limit=20${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`, { headers: keysHeader(), cache: 'no-store' })
      .then((b) => live && setBody(b), (e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [scenarioId, cursor]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  const newestFirst = body ? [...body.runs].reverse() : [];
  const compare = () => navigate(`/scenarios/${encodeURIComponent(scenarioId)}/compare?a=${encodeURIComponent(picked[0])}&b=${encodeURIComponent(picked[1])}`);

  return (
    <>
      <SiteHeader />
      <main id="main" className="page runs-page">
        <h1>Runs of this scenario</h1>
        <ErrorNote error={error} />
        {!body && !error ? <p role="status" className="muted">Loading…</p> : null}
        {body ? (
          <>
            <p className="muted">{body.page.total} finished run{body.page.total === 1 ? '' : 's'}. Runs you hold a link for are named; pick two of them to compare.</p>
            {newestFirst.length === 0 ? <p className="empty">No run of this scenario has finished yet.</p> : (
              <div className="table-scroll">
                <table className="table runs-table">
                  <thead>
                    <tr>
                      <th scope="col">Compare</th><th scope="col">Ended</th><th scope="col">Overall</th><th scope="col">Duration</th><th scope="col">Team</th>
                      <th scope="col">First status update</th><th scope="col">Mitigated</th><th scope="col">Open items</th><th scope="col">Scorecard</th>
                    </tr>
                  </thead>
                  <tbody>{newestFirst.map((run, i) => <RunRow key={`${run.endedAt}-${i}`} run={run} picked={!!run.drillId && picked.includes(run.drillId)} onPick={toggle} />)}</tbody>
                </table>
              </div>
            )}
            <div className="btn-row">
              <button type="button" className="btn btn-primary" disabled={picked.length !== 2} onClick={compare}>Compare the two picked runs</button>
              <button type="button" className="btn" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>Newer runs</button>
              <button type="button" className="btn" disabled={!body.page.next} onClick={() => setCursors((c) => [...c, body.page.next ?? undefined])}>Older runs</button>
            </div>
          </>
        ) : null}
      </main>
    </>
  );
}

function RunRow({ run, picked, onPick }: { run: RunEntry; picked: boolean; onPick: (id: string) => void }) {
  const id = run.drillId;
  const openable = id && (staffKeys.get(id) || seats.get(id));
  return (
    <tr className={picked ? 'picked' : undefined}>
      <td>{id ? <label className="check"><input type="checkbox" checked={picked} onChange={() => onPick(id)} /> <span className="visually-hidden">Compare the run ended {date(run.endedAt)}</span></label> : <span className="muted small">not yours</span>}</td>
      <td>{date(run.endedAt)}</td>
      <td><strong>{run.overall}</strong>/100{run.capped ? <span className="small"> (capped)</span> : null}</td>
      <td>{formatMinutes(run.durationMs)}</td>
      <td>{run.team ? run.team.map((p) => p.name).join(', ') : `${run.counts.participants} people`}</td>
      <td>{time(run.times.firstStatusPost)}</td>
      <td>{time(run.times.mitigated)}</td>
      <td>{run.counts.openActionItems} of {run.counts.actionItems}</td>
      <td>{openable ? <Link to={`/drill/${encodeURIComponent(id)}/scorecard`}>Open</Link> : <span className="muted small">—</span>}</td>
    </tr>
  );
}
