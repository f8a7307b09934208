import { lazy, Suspense } from 'react';
import { matchRoute, useLocation } from './router';
import { HomePage } from '../home/HomePage';
import { JoinPage } from '../home/JoinPage';
import { DrillPage } from './DrillPage';
import { StatusRoute } from '../status/StatusRoute';
import { SiteHeader } from './SiteHeader';
import { Link } from './router';

// The scorecard is for after the drill: keep it (and its charts) out of the first load.
const ScorecardPage = lazy(() => import('../scorecard/ScorecardPage'));
// The studio (editor, zod, the simulator) is for scenario authors only: nobody in a drill downloads it.
const StudioPage = lazy(() => import('../studio/StudioPage'));
// The replay (a lead's review, staff key only) rides in the scorecard's chunk, where a lead opens it from: a chunk of
// its own made the bundler split React out of the room's first load into a second file (rolldown issue 10731).
const ReplayPage = lazy(() => import('../scorecard/ScorecardPage').then((m) => ({ default: m.ReplayPage })));
// The runs list and the comparison ride there too, for the same reason (a lead opens them from the scorecard).
const RunsPage = lazy(() => import('../scorecard/ScorecardPage').then((m) => ({ default: m.RunsPage })));
const ComparePage = lazy(() => import('../scorecard/ScorecardPage').then((m) => ({ default: m.ComparePage })));

/** The route table. Every page renders its own header, so the drill pages can put the clock in it. */
export function App() {
  const { path } = useLocation();
  let params: Record<string, string> | null;
  if (path === '/' || path === '/index.html') return <HomePage />;
  if ((params = matchRoute('/join/:code', path)) || path === '/join') return <JoinPage code={params?.code} />;
  if (path === '/studio') {
    return (
      <Suspense fallback={<Loading what="Opening the studio" />}>
        <StudioPage />
      </Suspense>
    );
  }
  if ((params = matchRoute('/scenarios/:id/runs', path))) {
    return <Suspense fallback={<Loading />}><RunsPage key={params.id} scenarioId={params.id} /></Suspense>;
  }
  if ((params = matchRoute('/scenarios/:id/compare', path))) {
    return <Suspense fallback={<Loading />}><ComparePage key={params.id} scenarioId={params.id} /></Suspense>;
  }
  if ((params = matchRoute('/drill/:id/scorecard', path))) {
    return (
      <Suspense fallback={<Loading />}>
        <ScorecardPage drillId={params.id} />
      </Suspense>
    );
  }
  // `/drills/<id>/replay` is accepted too: the address the review issue uses for evidence links.
  if ((params = matchRoute('/drill/:id/replay', path) ?? matchRoute('/drills/:id/replay', path))) {
    return (
      <Suspense fallback={<Loading what="Opening the replay" />}>
        <ReplayPage key={params.id} drillId={params.id} />
      </Suspense>
    );
  }
  if ((params = matchRoute('/drill/:id', path))) return <DrillPage key={params.id} drillId={params.id} />;
  if ((params = matchRoute('/status/:id', path))) return <StatusRoute key={params.id} drillId={params.id} />;
  return <NotFound />;
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <div className="loading" role="status" aria-live="polite">{what}…</div>;
}

function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="page page-narrow">
        <h1>Page not found</h1>
        <p>There is nothing at this address. <Link to="/">Go to the scenario library</Link>.</p>
      </main>
    </>
  );
}
