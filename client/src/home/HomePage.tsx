import { useEffect, useState } from 'react';
import type { CreateDrillResponse, ScenarioSummary } from '../../../shared/protocol/messages';
import { focusFirstField, SiteHeader } from '../app/SiteHeader';
import { http } from '../net/http';
import { ErrorNote, Panel } from '../ui/bits';
import { CreatedDrill } from './CreatedDrill';
import { JoinForm } from './JoinForm';
import { ScenarioCard } from './ScenarioCard';

type Library = { status: 'loading' } | { status: 'ready'; scenarios: ScenarioSummary[] } | { status: 'error'; message: string };

/** The scenario library, "Run this drill", and "Join a drill". */
export function HomePage() {
  const [library, setLibrary] = useState<Library>({ status: 'loading' });
  const [created, setCreated] = useState<{ drill: CreateDrillResponse; scenario: ScenarioSummary }>();
  const [creating, setCreating] = useState<string>();
  const [createError, setCreateError] = useState<{ scenarioId: string; message: string }>();

  useEffect(() => {
    let live = true;
    http.scenarios()
      .then((scenarios) => live && setLibrary({ status: 'ready', scenarios }))
      .catch((error: Error) => live && setLibrary({ status: 'error', message: error.message }));
    return () => {
      live = false;
    };
  }, []);

  const run = async (scenario: ScenarioSummary) => {
    setCreating(scenario.id);
    setCreateError(undefined);
    try {
      const drill = await http.createDrill({ scenarioId: scenario.id });
      setCreated({ drill, scenario });
    } catch (error) {
      setCreateError({ scenarioId: scenario.id, message: (error as Error).message });
    } finally {
      setCreating(undefined);
    }
  };

  return (
    <>
      <SiteHeader skipTo={{ href: '#join-form', label: 'Skip to the join form', onClick: focusFirstField('#join-form') }} />
      <main id="main" className="page home">
        <div className="home-intro">
          <h1>Practise the incident before it happens</h1>
          <p className="lede">Pick a scenario, share the join code, and work the incident together: roles, war room,
            status page, escalation. A scorecard afterwards shows what went well and what to practise.</p>
        </div>
        {created ? <CreatedDrill drill={created.drill} scenario={created.scenario} onClose={() => setCreated(undefined)} /> : null}
        <div className="home-grid">
          {/* First in reading order (and on phones, on top): most visitors come with a code. */}
          <aside className="home-side">
            <Panel title="Join a drill" id="join">
              <p className="muted small">Your facilitator shows a join code like <span className="mono">K7P-M2Q</span>.</p>
              <JoinForm id="join-form" />
            </Panel>
          </aside>
          <section aria-labelledby="library-title" className="library">
            <h2 id="library-title">Scenario library</h2>
            {library.status === 'loading' ? <p className="muted" role="status">Loading scenarios…</p> : null}
            {library.status === 'error' ? <ErrorNote error={`Could not load the scenarios: ${library.message}`} /> : null}
            {library.status === 'ready' && library.scenarios.length === 0 ? (
              <p className="empty">No scenarios are loaded. Put scenario files in the scenarios folder and restart the server.</p>
            ) : null}
            {library.status === 'ready' ? (
              <ul className="card-grid" role="list">
                {library.scenarios.map((scenario) => (
                  <li key={scenario.id}>
                    <ScenarioCard scenario={scenario} busy={creating === scenario.id} onRun={() => run(scenario)}
                      error={createError?.scenarioId === scenario.id ? createError.message : undefined} />
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </div>
      </main>
    </>
  );
}
