import { useId } from 'react';
import type { ScenarioSummary } from '../../../shared/protocol/messages';
import { Link } from '../app/router';
import { ErrorNote, SeverityBadge } from '../ui/bits';

/** One scenario in the library: what it is, who it needs, what it measures, the button to run it, and a copy to edit in the studio. */
export function ScenarioCard({ scenario, onRun, busy, error }: { scenario: ScenarioSummary; onRun: () => void; busy: boolean; error?: string }) {
  const id = useId();
  return (
    <article className="scenario-card" aria-labelledby={`${id}-title`}>
      <div className="scenario-meta">
        <SeverityBadge severity={scenario.severity} />
        <span className="muted small">{scenario.duration.replace(/m$/, ' min').replace(/h$/, ' h')}</span>
      </div>
      <h3 id={`${id}-title`}>{scenario.title}</h3>
      <p className="scenario-summary">{scenario.summary}</p>
      {scenario.tags.length ? (
        <ul className="tag-list" aria-label="Tags">
          {scenario.tags.map((tag) => <li key={tag} className="tag">{tag}</li>)}
        </ul>
      ) : null}
      <div className="scenario-roles">
        <span className="field-label">Roles</span>
        <ul aria-label="Roles">
          {scenario.roles.map((role) => (
            <li key={role.id}>{role.name}{role.required ? <span className="required" title="Required role"> (required)</span> : null}</li>
          ))}
        </ul>
      </div>
      <details className="scenario-objectives">
        <summary>{scenario.objectives.length} objectives</summary>
        <ul>
          {scenario.objectives.map((o) => (
            <li key={o.id}>{o.title} <span className="muted small">— target {typeof o.target === 'number' ? `${o.target}/100` : o.target}</span></li>
          ))}
        </ul>
      </details>
      <div className="scenario-run btn-row">
        <button type="button" className="btn btn-primary" onClick={onRun} disabled={busy} aria-describedby={error ? `${id}-err` : undefined}>
          {busy ? 'Creating…' : 'Run this drill'}
        </button>
        <Link to={`/studio?from=${encodeURIComponent(scenario.id)}`} className="btn btn-quiet" aria-label={`Edit a copy of ${scenario.title} in the studio`}>Edit a copy</Link>
      </div>
      <ErrorNote error={error} id={`${id}-err`} />
    </article>
  );
}
