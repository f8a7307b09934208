import { useEffect, useState } from 'react';
import { formatMinutes } from '../../../shared/duration';
import type { RunEntry, RunsPage as RunsBody } from '../../../shared/runs/runs-page';
import { Link, navigate } from '../app/router';
import { SiteHeader } from '../app/SiteHeader';
import { api } from '../net/http';
import { seats, staffKeys } from '../net/storage';
import { ErrorNote } from '../ui/bits';
import { StaffKeyForm } from '../ui/StaffKeyForm';
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
 * browser holds a key or seat for are named and can be compared (pick two); the others show numbers only. A lead
 * adds a run by pasting its observer link (kept in this tab, as when the link is opened).
 */
export default function RunsPage({ scenarioId }: { scenarioId: string }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  /** The last answer, with the page it is for. */
  const [loaded, setLoaded] = useState<{ page: string; body: RunsBody }>();
  const [error, setError] = useState<string>();
  const [picked, setPicked] = useState<string[]>([]);
  /** A run added by its link (the n-th): the page is asked for again, then says whether it names that run. */
  const [added, setAdded] = useState<{ drillId: string; n: number; found?: boolean }>();
  const cursor = cursors.at(-1);
  const page = `${scenarioId}|${cursor ?? ''}`;
  // Another page shows "Loading…"; the same page asked again (a run added) stays on screen until the answer.
  const body = loaded?.page === page ? loaded.body : undefined;
  useEffect(() => {
    let live = true;
    api<RunsBody>(`/api/scenarios/${encodeURIComponent(scenarioId)}/runs?limit=20${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`, { headers: keysHeader(), cache: 'no-store' })
      .then((b) => {
        if (!live) return;
        setLoaded({ page, body: b });
        setAdded((a) => (a && a.found === undefined ? { ...a, found: b.runs.some((run) => run.drillId === a.drillId) } : a));
      }, (e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [page, scenarioId, cursor, added?.n]);
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
                <table className="table runs-table" role="table">
                  <thead role="rowgroup">
                    <tr role="row">{COLUMNS.map((name) => <th key={name} scope="col" role="columnheader">{name}</th>)}</tr>
                  </thead>
                  <tbody role="rowgroup">{newestFirst.map((run, i) => <RunRow key={`${run.endedAt}-${i}`} run={run} picked={!!run.drillId && picked.includes(run.drillId)} onPick={toggle} />)}</tbody>
                </table>
              </div>
            )}
            <div className="btn-row">
              <button type="button" className="btn btn-primary" disabled={picked.length !== 2} onClick={compare}>Compare the two picked runs</button>
              <button type="button" className="btn" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>Newer runs</button>
              <button type="button" className="btn" disabled={!body.page.next} onClick={() => setCursors((c) => [...c, body.page.next ?? undefined])}>Older runs</button>
            </div>
            <section className="panel page-narrow runs-add" aria-labelledby="runs-add-title">
              <h2 id="runs-add-title">Add a run you have a link for</h2>
              <p className="muted">A run shows by name, and can be compared, once this tab holds its facilitator or observer link.</p>
              <StaffKeyForm onKey={(_key, drillId) => setAdded((a) => ({ drillId, n: (a?.n ?? 0) + 1 }))} action="Add the run" name="Add a run by its link" />
              <p role="status" data-testid="runs-added">
                {added?.found === true ? 'Added: the run is named in the list.'
                  : added?.found === false ? 'That link names no run on this page: the drill may not have finished, be of another scenario, be on another page, or its link may have been replaced.'
                    : null}
              </p>
            </section>
          </>
        ) : null}
      </main>
    </>
  );
}

/**
 * The columns of the runs table. On a phone each run is a card instead of a row too wide for the screen: every cell
 * shows its column's name beside its value (`data-label`). The roles keep it a table for screen readers.
 */
const COLUMNS = ['Compare', 'Ended', 'Overall', 'Duration', 'Team', 'First status update', 'Mitigated', 'Open items', 'Scorecard'] as const;

function Cell({ column, children }: { column: (typeof COLUMNS)[number]; children: React.ReactNode }) {
  return <td role="cell" data-label={column}><span>{children}</span></td>;
}

function RunRow({ run, picked, onPick }: { run: RunEntry; picked: boolean; onPick: (id: string) => void }) {
  const id = run.drillId;
  const openable = id && (staffKeys.get(id) || seats.get(id));
  return (
    <tr role="row" className={picked ? 'picked' : undefined}>
      <Cell column="Compare">{id ? <label className="check"><input type="checkbox" checked={picked} onChange={() => onPick(id)} /> <span className="visually-hidden">Compare the run ended {date(run.endedAt)}</span></label> : <span className="muted small">not yours</span>}</Cell>
      <Cell column="Ended">{date(run.endedAt)}</Cell>
      <Cell column="Overall"><strong>{run.overall}</strong>/100{run.capped ? <span className="small"> (capped)</span> : null}</Cell>
      <Cell column="Duration">{formatMinutes(run.durationMs)}</Cell>
      <Cell column="Team">{run.team ? run.team.map((p) => p.name).join(', ') : `${run.counts.participants} people`}</Cell>
      <Cell column="First status update">{time(run.times.firstStatusPost)}</Cell>
      <Cell column="Mitigated">{time(run.times.mitigated)}</Cell>
      <Cell column="Open items">{run.counts.openActionItems} of {run.counts.actionItems}</Cell>
      <Cell column="Scorecard">{openable ? <Link to={`/drill/${encodeURIComponent(id)}/scorecard`}>Open</Link> : <span className="muted small">—</span>}</Cell>
    </tr>
  );
}
