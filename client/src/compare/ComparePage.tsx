import { useEffect, useState } from 'react';
import { formatMinutes } from '../../../shared/duration';
import { compareTwo, type CompareRow, type DecisionCell, type ObjectiveCell, type TwoRuns } from '../../../shared/runs/compare';
import type { Scorecard } from '../../../shared/scoring/types';
import { Link, useLocation } from '../app/router';
import { SiteHeader } from '../app/SiteHeader';
import { seats, staffKeys } from '../net/storage';
import { loadScorecardFor, type ScorecardAccess } from '../scorecard/load';
import { ErrorNote } from '../ui/bits';
import '../styles/scorecard.css';

/** How this browser may open a drill's scorecard: its key, else its seat. */
function accessFor(drillId: string): ScorecardAccess | undefined {
  const key = staffKeys.get(drillId)?.key;
  if (key) return { as: 'staff', key };
  const token = seats.get(drillId)?.token;
  return token ? { as: 'participant', token } : undefined;
}

async function load(drillId: string, label: string): Promise<Scorecard> {
  const access = accessFor(drillId);
  if (!access) throw new Error(`This browser holds no link for run ${label}. Open it once with its facilitator or observer link (or your seat), then come back.`);
  return loadScorecardFor(drillId, access);
}

/**
 * `/scenarios/:id/compare?a=<drill>&b=<drill>`: two runs side by side — objectives, dimensions, key times and
 * decisions — each row saying in words which run did better, differing rows marked. Each scorecard is read
 * with this browser's own key or seat for that drill: nobody compares a run they could not open.
 */
export default function ComparePage({ scenarioId }: { scenarioId: string }) {
  const { query } = useLocation();
  const a = query.get('a') ?? '';
  const b = query.get('b') ?? '';
  const [result, setResult] = useState<TwoRuns>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    if (!a || !b) {
      setError('Pick two runs to compare on the runs page.');
      return;
    }
    Promise.all([load(a, 'A'), load(b, 'B')])
      .then(([x, y]) => {
        if (!live) return;
        if (x.scenario.id !== scenarioId || y.scenario.id !== scenarioId) setError('Both runs must be of this scenario.');
        else setResult(compareTwo(x, y));
      }, (e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [a, b, scenarioId]);
  const runs = `/scenarios/${encodeURIComponent(scenarioId)}/runs`;
  const when = (wall: number | null) => (wall === null ? 'not started' : new Date(wall).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));

  return (
    <>
      <SiteHeader><Link to={runs} className="btn btn-quiet btn-small">All runs</Link></SiteHeader>
      <main id="main" className="page compare-page">
        <h1>Two runs side by side</h1>
        <ErrorNote error={error} />
        {!result && !error ? <p role="status" className="muted">Loading both scorecards…</p> : null}
        {result ? (
          <>
            <p className="lead">{result.scenario.title}: run A ({when(result.a.startedAt)}, {result.a.participants} people) against run B ({when(result.b.startedAt)}, {result.b.participants} people). <strong>{result.differences}</strong> row{result.differences === 1 ? '' : 's'} differ, marked with a bar at the left; ▲ marks the better run.</p>
            <Section title="Overall and dimensions" rows={[result.overall, ...result.dimensions]} cell={(v) => (v === null ? 'not measured' : `${v}/100`)} />
            <Section title="Objectives" rows={result.objectives} cell={objectiveCell} />
            <Section title="Key times" rows={result.times} cell={(v) => (v === null ? 'never' : formatMinutes(v))} />
            <Section title="Decisions" rows={result.decisions} cell={decisionCell} empty="Neither run had a decision to make." />
          </>
        ) : null}
      </main>
    </>
  );
}

const BETTER: Record<CompareRow<unknown>['better'], string> = { a: 'A did better', b: 'B did better', same: 'Same', 'n/a': '—' };

function objectiveCell(o: ObjectiveCell | null): string {
  if (!o) return 'not in this run';
  const value = o.value === null ? 'never' : o.unit === 'ms' ? formatMinutes(o.value) : `${o.value}/100`;
  return `${o.rating} · ${value}`;
}

function decisionCell(d: DecisionCell | null): string {
  return d ? `${d.label}${d.rating ? ` (${d.rating})` : ''}` : 'no choice';
}

function Section<T>({ title, rows, cell, empty }: { title: string; rows: CompareRow<T>[]; cell: (value: T | null) => string; empty?: string }) {
  return (
    <section className="sc-section" aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="empty">{empty}</p> : (
        <div className="table-scroll">
          <table className="table compare-table">
            <thead><tr><th scope="col">What</th><th scope="col">Run A</th><th scope="col">Run B</th><th scope="col">Difference</th></tr></thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={row.differs ? 'differs' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td className={row.better === 'a' ? 'better' : undefined}>{cell(row.a)}{row.better === 'a' ? <span className="visually-hidden"> (better)</span> : null}</td>
                  <td className={row.better === 'b' ? 'better' : undefined}>{cell(row.b)}{row.better === 'b' ? <span className="visually-hidden"> (better)</span> : null}</td>
                  <td>{row.differs ? <strong className="differs-mark">Differs: {BETTER[row.better] === '—' || row.better === 'same' ? 'another choice' : BETTER[row.better]}</strong> : <span className="muted">Same</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
