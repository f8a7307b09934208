import { useId, useRef, type FormEvent } from 'react';
import { STATUS_PHASES_LIST, TEXT_LIMITS } from '../drill/constants';
import type { StatusPhase } from '../../../shared/drill/commands';
import { useCommand, useDrillTime, useView } from '../session/DrillSession';
import { useStoryStart } from '../drill/story-clock';
import { nextUpdateOptions, withNextUpdate } from './next-update';
import { ErrorNote } from '../ui/bits';
import { PHASE_LABELS, postsToUpdates, StatusPageView } from '../status/StatusPageView';
import { Link } from '../app/router';
import { useTabState } from '../ui/hooks';

const HINTS = ['What customers cannot do', 'What we are doing about it', 'When the next update comes', 'That it is ours to fix'];

/** Write a public status update, see it as customers will, publish it. */
export function StatusComposer({ readOnly = false }: { readOnly?: boolean }) {
  const view = useView();
  const id = useId();
  const published = postsToUpdates(view.state.posts);
  // The draft and its phase survive a reload: an update half-written when the laptop sleeps is not lost.
  const [phase, setPhase] = useTabState<StatusPhase>('status-phase', published[0]?.phase ?? 'investigating');
  const [text, setText] = useTabState('status-draft', '');
  const { run, pending, error } = useCommand();
  const start = useStoryStart();
  const field = useRef<HTMLTextAreaElement>(null);

  const promise = (sentence: string) => {
    const next = withNextUpdate(text, sentence);
    setText(next);
    requestAnimationFrame(() => {
      const el = field.current;
      if (!el) return;
      el.focus();
      const at = next.indexOf(sentence) + sentence.length;
      el.setSelectionRange(at, at);
    });
  };

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    if (await run({ type: 'status.post', phase, text })) setText('');
  };

  const preview = text.trim() ? [{ key: 'draft', phase, text, draft: true }, ...published] : published;
  return (
    <div className="status-composer">
      {readOnly ? null : (
        <form onSubmit={publish} className="composer-form">
          <fieldset className="phase-picker">
            <legend className="field-label">Phase</legend>
            <div className="segmented">
              {STATUS_PHASES_LIST.map((p) => (
                <label key={p} className={p === phase ? 'seg selected' : 'seg'}>
                  <input type="radio" name={`${id}-phase`} value={p} checked={p === phase} onChange={() => setPhase(p)} />
                  {PHASE_LABELS[p]}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-text`}>Update for customers</label>
            <textarea id={`${id}-text`} ref={field} value={text} onChange={(e) => setText(e.target.value)} maxLength={TEXT_LIMITS.status} rows={4}
              aria-describedby={`${id}-hints${error ? ` ${id}-err` : ''}`} aria-invalid={!!error}
              placeholder="We are investigating… Customers cannot… Next update at…" />
            <p className="field-hint" id={`${id}-hints`}>A good update says: {HINTS.join(' · ')}.</p>
          </div>
          {phase === 'resolved' ? null : <NextUpdate start={start} onPick={promise} />}
          <div className="btn-row">
            <button type="submit" className="btn btn-primary" disabled={pending}>Publish update</button>
            <Link to={`/status/${encodeURIComponent(view.drillId)}`} target="_blank" rel="noopener" className="btn btn-quiet btn-small">Open public page</Link>
          </div>
          <ErrorNote error={error} id={`${id}-err`} />
        </form>
      )}
      <div className="preview">
        <h3 className="preview-title small">{text.trim() ? 'Live preview of the public status page' : 'Public status page'}</h3>
        <StatusPageView updates={preview} compact start={start} />
      </div>
    </div>
  );
}

/** "Next update by 19:10" from the story clock: one click puts the sentence in the draft. */
function NextUpdate({ start, onPick }: { start: ReturnType<typeof useStoryStart>; onPick: (sentence: string) => void }) {
  const now = useDrillTime(1000);
  const options = nextUpdateOptions(start, now);
  return (
    <div className="next-update" role="group" aria-labelledby="next-update-label">
      <span className="field-label small" id="next-update-label">Promise the next update</span>
      <div className="btn-row">
        {options.map((o) => (
          <button key={o.sentence} type="button" className="btn btn-small chip" onClick={() => onPick(o.sentence)} aria-label={o.sentence.replace(/\.$/, '')}
            title={`Adds “${o.sentence}” to the update`}>{o.label}</button>
        ))}
      </div>
    </div>
  );
}
