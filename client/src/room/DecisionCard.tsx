import { useId, useState, type FormEvent } from 'react';
import type { Choice, DecisionState, DeliveredInject } from '../../../shared/drill/state';
import { TEXT_LIMITS } from '../drill/constants';
import { actorName } from '../drill/names';
import { powerOf } from '../drill/powers';
import { useStoryStart } from '../drill/story-clock';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';
import { Stamp } from '../ui/Stamp';

type Options = NonNullable<DeliveredInject['decision']>['options'];

/**
 * The call a decision inject asks for, inside its card: the options, an optional reason and one clear "Decide".
 * Holders of a role the inject is addressed to can choose and, while the story is still in the inject's state,
 * change their mind (each change is logged); everyone who sees the inject sees who decided what and when. Once
 * the story moves on the decision is closed and says so. Staff (`staff`) see it read-only.
 */
export function DecisionCard({ inject, staff = false }: { inject: DeliveredInject & { decision: { options: Options } }; staff?: boolean }) {
  const view = useView();
  const decision = view.state.decisions[inject.injectId];
  const latest = view.state.injects.findLast((i) => i.injectId === inject.injectId);
  if (latest && latest.seq !== inject.seq) {
    return <p className="decision-note small muted">This call was asked again later; the newer card holds the decision.</p>;
  }
  if (!decision) return null;
  const options = inject.decision.options;
  const ended = view.state.status === 'ended';
  const open = !decision.closed && !ended;
  const power = powerOf(view, inject.to, 'make this call');
  const canDecide = !staff && open && power.allowed && view.state.status === 'running';
  return (
    <section className={`decision${open ? ' open' : ' closed'}`} aria-label="Decision" data-testid="decision" data-state={open ? (decision.choice ? 'decided' : 'open') : 'closed'}>
      <DecisionStatus decision={decision} options={options} open={open} />
      {canDecide ? <DecideForm injectId={inject.injectId} options={options} decision={decision} /> : (
        <>
          {open ? <OptionList options={options} current={decision.choice?.option} /> : null}
          {open && !staff && !power.allowed ? <p className="power-note small" data-testid="decision-power">{power.reason}</p> : null}
          {open && !staff && power.allowed && view.state.status === 'paused' ? <p className="power-note small">The drill is paused; decide once the facilitator resumes it.</p> : null}
        </>
      )}
      <History decision={decision} options={options} />
    </section>
  );
}

const labelOf = (options: Options, id: string | undefined) => options.find((o) => o.id === id)?.label ?? id ?? '';

/** Where the call stands: needed, decided (by whom, when, why), or closed. */
function DecisionStatus({ decision, options, open }: { decision: DecisionState; options: Options; open: boolean }) {
  const view = useView();
  const start = useStoryStart();
  const { choice } = decision;
  return (
    <div className="decision-status" aria-live="polite">
      {open ? (
        // An open call with no choice yet is already marked "Decision needed" in the card's head.
        choice ? <span className="badge badge-ok">Decided</span> : null
      ) : <span className="badge">Closed — the story moved on</span>}
      {choice ? (
        <p className="decision-choice">
          <strong data-testid="decision-choice">{labelOf(options, choice.option)}</strong>
          <span className="small muted"> — {actorName(view.state, choice.by)}, <Stamp t={choice.t} start={start} /></span>
        </p>
      ) : !open ? <p className="decision-choice small muted">No option was chosen before the story moved on.</p> : null}
      {choice?.reason ? <blockquote className="decision-reason small">“{choice.reason}”</blockquote> : null}
    </div>
  );
}

/** The options, read-only (for those who cannot decide): the current choice marked in words. */
function OptionList({ options, current }: { options: Options; current?: string }) {
  return (
    <ul className="decision-options readonly">
      {options.map((o) => (
        <li key={o.id} className={o.id === current ? 'decision-option chosen' : 'decision-option'}>
          <span className="decision-dot" aria-hidden="true" />{o.label}{o.id === current ? <span className="sr-only"> (the team’s choice)</span> : null}
        </li>
      ))}
    </ul>
  );
}

function DecideForm({ injectId, options, decision }: { injectId: string; options: Options; decision: DecisionState }) {
  const id = useId();
  const current = decision.choice?.option;
  const [picked, setPicked] = useState<string | undefined>(current);
  const [reason, setReason] = useState('');
  const { run, pending, error } = useCommand();
  const selected = picked ?? current;
  // The same option with no new reason changes nothing (the server would say so): nothing to send.
  const unchanged = !selected || (selected === current && !reason.trim());
  const tooLong = reason.length > TEXT_LIMITS.decisionReason;

  const decide = async (event: FormEvent) => {
    event.preventDefault();
    if (!selected || unchanged || tooLong) return;
    if (await run({ type: 'decision.make', injectId, option: selected, ...(reason.trim() ? { reason: reason.trim() } : {}) })) setReason('');
  };

  return (
    <form className="decision-form" onSubmit={decide} onClick={(e) => e.stopPropagation()}>
      <fieldset className="decision-options">
        <legend className="field-label">{current ? 'Your team’s call — you can still change it' : 'Your call'}</legend>
        {options.map((o) => (
          <label key={o.id} className={`decision-option${o.id === selected ? ' selected' : ''}${o.id === current ? ' chosen' : ''}`}>
            <input type="radio" name={`${id}-option`} value={o.id} checked={o.id === selected} onChange={() => setPicked(o.id)} />
            <span>{o.label}</span>
            {o.id === current ? <span className="badge badge-ok decision-current">Current choice</span> : null}
          </label>
        ))}
      </fieldset>
      <div className="field decision-why">
        <label htmlFor={`${id}-reason`}>Why <span className="muted small">(optional, the team and the debrief see it)</span></label>
        <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)}
          aria-invalid={tooLong} aria-describedby={error || tooLong ? `${id}-err` : undefined} placeholder="Restores checkout fastest; we accept a few seconds of lost writes" />
      </div>
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={pending || unchanged || tooLong}>{current ? 'Change decision' : 'Decide'}</button>
        {!selected ? <span className="small muted">Pick an option first.</span> : null}
      </div>
      <ErrorNote error={tooLong ? `A reason can be at most ${TEXT_LIMITS.decisionReason} characters (this one has ${reason.length}).` : error} id={`${id}-err`} />
    </form>
  );
}

/** Earlier choices, when the team changed its mind: each with who, when and why. */
function History({ decision, options }: { decision: DecisionState; options: Options }) {
  const view = useView();
  const start = useStoryStart();
  const earlier: Choice[] = decision.history.slice(0, -1);
  if (!earlier.length) return null;
  return (
    <details className="decision-history small">
      <summary>Changed {earlier.length === 1 ? 'once' : `${earlier.length} times`}</summary>
      <ol>
        {decision.history.map((c) => (
          <li key={c.seq}>
            <Stamp t={c.t} start={start} /> {actorName(view.state, c.by)} chose <strong>{labelOf(options, c.option)}</strong>
            {c.reason ? <span className="muted"> — “{c.reason}”</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}
