import type { CreateDrillResponse, ScenarioSummary } from '../../../shared/protocol/messages';
import { navigate } from '../app/router';
import { CopyButton } from '../ui/bits';
import { drillLinks } from './links';
import { createdDrills } from '../net/storage';
import { useEffect, useRef } from 'react';

/** Shown after "Run this drill": the join code for the team and the two secret links for staff. */
export function CreatedDrill({ drill, scenario, onClose }: { drill: CreateDrillResponse; scenario: ScenarioSummary; onClose: () => void }) {
  const links = drillLinks(window.location.origin, drill);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => createdDrills.set(drill), [drill]);
  // Bring the codes into view (the button that made them may be far down the library).
  useEffect(() => heading.current?.focus(), [drill]);
  return (
    <section className="created panel" aria-labelledby="created-title" aria-live="polite">
      <header className="panel-head">
        <h2 id="created-title" ref={heading} tabIndex={-1}>Drill ready: {scenario.title}</h2>
        <button type="button" className="btn btn-quiet btn-small" onClick={onClose}>Close</button>
      </header>
      <div className="created-grid">
        <div className="created-code">
          <span className="field-label">Join code</span>
          <strong className="join-code mono" data-testid="join-code">{drill.joinCode}</strong>
          <span className="muted small">Team members enter it on the home page, or open the join link.</span>
        </div>
        <dl className="link-list">
          <LinkRow label="Join link (share with the team)" url={links.join} testId="join-link" />
          <LinkRow label="Facilitator link (secret: it runs the drill)" url={links.facilitator} testId="facilitator-link" />
          <LinkRow label="Observer link (read-only, for leads and the scorecard)" url={links.observer} testId="observer-link" />
        </dl>
      </div>
      <div className="btn-row">
        <button type="button" className="btn btn-primary" onClick={() => navigate(links.facilitator.replace(window.location.origin, ''))}>
          Open the facilitator console
        </button>
      </div>
    </section>
  );
}

function LinkRow({ label, url, testId }: { label: string; url: string; testId: string }) {
  return (
    <div className="link-row">
      <dt>{label}</dt>
      <dd>
        <input readOnly value={url} aria-label={label} data-testid={testId} onFocus={(e) => e.currentTarget.select()} className="mono small" />
        <CopyButton text={url} />
      </dd>
    </div>
  );
}
