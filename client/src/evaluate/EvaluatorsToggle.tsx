import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';

/**
 * The facilitator's switch for observers as evaluators (`evaluators.set`, logged): while it is on, the observer
 * link can override objective ratings and rubric checks too, with a note like the facilitator's. Observers see
 * whether it is on.
 */
export function EvaluatorsToggle() {
  const view = useView();
  const { run, pending, error } = useCommand();
  const on = view.state.evaluators.observers;
  if (view.identity.kind !== 'facilitator') {
    return <p className="small muted evaluators-note">{on ? 'The facilitator lets observers override scores: use Override… with a note.' : 'Only the facilitator overrides scores in this drill.'}</p>;
  }
  return (
    <div className="evaluators-toggle">
      <label className="check small">
        <input type="checkbox" checked={on} disabled={pending} onChange={(e) => void run({ type: 'evaluators.set', observers: e.target.checked })} />
        Observers may override scores too
      </label>
      <ErrorNote error={error} />
    </div>
  );
}
