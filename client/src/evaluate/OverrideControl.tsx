import { useId, useState, type FormEvent } from 'react';
import type { OverrideTarget, OverrideValue } from '../../../shared/drill/commands';
import type { RatingOrNA } from '../../../shared/scoring/types';
import { OVERRIDE_RATING_LIST, TEXT_LIMITS } from '../drill/constants';
import { useStoryStart } from '../drill/story-clock';
import { useCommand } from '../session/DrillSession';
import type { ShownOverride } from './overrides';
import { ErrorNote } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { RATING_TEXT, RatingBadge } from '../scorecard/ratings';

/** What is overridden and its automatic value: an objective's rating, or whether a rubric check passed. */
export type Subject =
  | { target: { objective: string }; automatic: RatingOrNA }
  | { target: { post: number; check: string }; automatic: boolean };

/**
 * The evaluator's word on one automatic score: the override that stands (value, note, who and when) and, for an
 * evaluator, "Override…", "Change…" and "Clear…" with a required note. Each is a `score.override` event in the
 * log, so the scorecard, its reports and a replay all keep it.
 */
export function OverrideControl({ subject, override, editable, label }: {
  subject: Subject;
  /** The override that stands now, if any. */
  override?: ShownOverride;
  /** Whether this viewer may override (facilitator; an observer while allowed). */
  editable: boolean;
  /** What it is about, for the form's accessible name: "The page is acknowledged", "Says what we are doing". */
  label: string;
}) {
  const [mode, setMode] = useState<'idle' | 'edit' | 'clear'>('idle');
  const close = () => setMode('idle');
  return (
    <div className="override-control" data-testid="override-control">
      {override ? <Standing override={override} /> : null}
      {editable && mode === 'idle' ? (
        <div className="btn-row override-actions">
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setMode('edit')} aria-label={`${override ? 'Change the override of' : 'Override'}: ${label}`}>
            {override ? 'Change…' : 'Override…'}
          </button>
          {override ? <button type="button" className="btn btn-quiet btn-small" onClick={() => setMode('clear')} aria-label={`Clear the override of: ${label}`}>Clear…</button> : null}
        </div>
      ) : null}
      {editable && mode !== 'idle' ? <OverrideForm subject={subject} override={override} clearing={mode === 'clear'} label={label} onDone={close} /> : null}
    </div>
  );
}

const words = (v: RatingOrNA | boolean) => (typeof v === 'boolean' ? (v ? 'passed' : 'missed') : v);

function valueOf(subject: Subject, override?: ShownOverride): string {
  if (override) return words(override.value);
  if (typeof subject.automatic === 'boolean') return subject.automatic ? 'missed' : 'passed'; // the usual reason to override a check
  return subject.automatic;
}

/** "Evaluator: P (automatic: S) “note” — Facilitator, 18:55 · T+15:02". */
function Standing({ override }: { override: ShownOverride }) {
  const start = useStoryStart();
  return (
    <div className="override" data-testid="override">
      <span className="override-value">
        Evaluator: {typeof override.value === 'boolean' ? <strong>{words(override.value)}</strong> : <RatingBadge rating={override.value} />}
        <span className="muted small"> (automatic: {words(override.automatic)})</span>
      </span>
      <span className="override-note">“{override.note}”</span>
      <span className="muted small override-by">{override.by}, <Stamp t={override.at} start={start} /></span>
    </div>
  );
}

function OverrideForm({ subject, override, clearing, label, onDone }: { subject: Subject; override?: ShownOverride; clearing: boolean; label: string; onDone: () => void }) {
  const id = useId();
  const [value, setValue] = useState(() => valueOf(subject, override));
  const [note, setNote] = useState('');
  const { run, pending, error } = useCommand();
  const objective = 'objective' in subject.target;
  const tooLong = note.length > TEXT_LIMITS.overrideNote;
  const choices = objective ? OVERRIDE_RATING_LIST : (['passed', 'missed'] as const);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim() || tooLong) return;
    const next: OverrideValue = clearing ? null : objective ? { rating: value as RatingOrNA } : { passed: value === 'passed' };
    if (await run({ type: 'score.override', target: subject.target as OverrideTarget, value: next, note: note.trim() })) onDone();
  };

  return (
    <form className="override-form" onSubmit={submit} aria-label={`${clearing ? 'Clear the override of' : 'Override'}: ${label}`}>
      {clearing ? <p className="small">Back to the automatic value ({words(subject.automatic)}).</p> : (
        <fieldset className="override-choice">
          <legend className="field-label small">{objective ? 'Rating' : 'This check'}</legend>
          <div className="segmented">
            {choices.map((c) => (
              <label key={c} className={c === value ? 'seg selected' : 'seg'} title={objective ? RATING_TEXT[c as RatingOrNA] : undefined}>
                <input type="radio" name={`${id}-value`} value={c} checked={c === value} onChange={() => setValue(c)} />
                {objective ? c : c === 'passed' ? 'Passed' : 'Missed'}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-note`}>Note <span className="muted small">(required: why — the report shows it)</span></label>
        <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} required autoFocus aria-invalid={tooLong}
          placeholder={objective ? 'The IC paged the DBA by phone before the tool did' : 'It does say what we are doing: “switching to the standby”'} />
      </div>
      <div className="btn-row">
        <button type="submit" className={clearing ? 'btn btn-small' : 'btn btn-primary btn-small'} disabled={pending || !note.trim() || tooLong}>
          {clearing ? 'Clear override' : 'Save override'}
        </button>
        <button type="button" className="btn btn-quiet btn-small" onClick={onDone}>Cancel</button>
      </div>
      <ErrorNote error={tooLong ? `A note can be at most ${TEXT_LIMITS.overrideNote} characters (this one has ${note.length}).` : error} />
    </form>
  );
}
