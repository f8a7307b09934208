import { useEffect, useId, useState } from 'react';
import { STATUS_PHASES_LIST, TEXT_LIMITS } from '../drill/constants';
import type { Scenario } from '../../../shared/scenario/schema';
import type { ScoredPost } from '../../../shared/scoring/types';
import type { SandboxPost } from '../../../shared/simulate/rehearse';
import { ErrorNote } from '../ui/bits';
import { Superseded, type StudioWorker } from './worker-client';

type Phase = SandboxPost['phase'];

/** What is typed in the sandbox; kept by the page so that it survives switching tabs. */
export interface SandboxDraft { text: string; phase: Phase; final: boolean }
export const SANDBOX_START: SandboxDraft = {
  text: 'Investigating: some customers cannot complete checkout. We are sorry, and we are working with our database provider to restore it. Next update in 15 minutes.',
  phase: 'investigating',
  final: false,
};

/**
 * Type a status-page update and see the rubric's checks for this scenario: the post is rated exactly as the
 * scorecard would rate it in a drill of this scenario (shared/simulate/rehearse.ts, rateStatusPost), in the
 * studio's worker, a moment after typing stops.
 */
export function CommsSandbox({ scenario, worker, partial, draft, onDraft }: {
  scenario?: Scenario; worker: StudioWorker; partial: boolean; draft: SandboxDraft; onDraft: (draft: SandboxDraft) => void;
}) {
  const id = useId();
  const { text, phase, final } = draft;
  const setText = (value: string) => onDraft({ ...draft, text: value });
  const setPhase = (value: Phase) => onDraft({ ...draft, phase: value });
  const setFinal = (value: boolean) => onDraft({ ...draft, final: value });
  const [rated, setRated] = useState<ScoredPost>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!scenario || !text.trim()) {
      setRated(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      worker.rate(scenario, { text, phase, final }).then(
        (post) => { if (live) { setRated(post); setError(undefined); } },
        (e: Error) => { if (live && !(e instanceof Superseded)) setError(e.message); },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [scenario, text, phase, final, worker]);

  if (!scenario) return <p className="notice">The comms sandbox rates posts with this scenario's options once the file has no errors.</p>;
  const applicable = rated?.checks.filter((c) => c.applicable) ?? [];
  return (
    <div className="sandbox" data-testid="sandbox">
      <p className="small muted">Rehearse the wording before the drill: the same rubric, with the same options, that scores status-page posts on this scenario's scorecard.</p>
      {partial ? <p className="notice small">The file has errors: posts are rated with the last version that had none.</p> : null}
      <fieldset className="phase-pick">
        <legend className="field-label">Phase</legend>
        {STATUS_PHASES_LIST.map((p) => (
          <label key={p} className={phase === p ? 'seg selected' : 'seg'}>
            <input type="radio" name={`${id}-phase`} value={p} checked={phase === p} onChange={() => setPhase(p)} /> {p}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-text`}>Status-page update</label>
        <textarea id={`${id}-text`} value={text} maxLength={TEXT_LIMITS.status} rows={4} onChange={(e) => setText(e.target.value)} />
      </div>
      <label className="check-line small">
        <input type="checkbox" checked={final} onChange={(e) => setFinal(e.target.checked)} /> The final update of the drill (its last word: says whether data was lost)
      </label>
      <ErrorNote error={error} />
      {rated ? (
        <div className="sandbox-result" aria-live="polite">
          <p className="sandbox-score">
            <span className={`post-score ${rated.score >= 70 ? 'good' : rated.score >= 40 ? 'fair' : 'poor'}`} data-testid="sandbox-score">{rated.score}/100</span>
            <span className="small muted">{applicable.filter((c) => c.passed).length} of {applicable.length} checks met</span>
          </p>
          <ul className="rubric-checks">
            {rated.checks.map((c) => (
              <li key={c.id} className={!c.applicable ? 'rc na' : c.passed ? 'rc pass' : 'rc fail'}>
                <span className="rc-mark" aria-hidden="true">{!c.applicable ? '–' : c.passed ? '✓' : '✗'}</span>
                <span className="sr-only">{!c.applicable ? 'Not counted:' : c.passed ? 'Met:' : 'Missed:'}</span>
                <span className="rc-title">{c.title}</span>
                {c.evidence.length ? <span className="rc-words">{c.evidence.map((w) => <mark key={w}>{w}</mark>)}</span> : null}
                <span className="rc-why small">{c.explanation}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
