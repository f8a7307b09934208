import { useEffect } from 'react';
import { useTicker } from './bits';

/** An action the person may take back for a few seconds: what happened, the time left, and the undo button. */
export interface UndoWindow { message: string; until: number; undoLabel: string }

/**
 * "Severity set to SEV4. Undo (8 s)": shown after a weighty one-click change. Counts down on the local clock and
 * calls `onExpire` when the window closes. `until` is `performance.now()` based.
 */
export function UndoNote({ window: w, onUndo, onExpire, busy }: { window: UndoWindow; onUndo: () => void; onExpire: () => void; busy?: boolean }) {
  const now = useTicker(250);
  const left = Math.max(0, Math.ceil((w.until - now) / 1000));
  useEffect(() => {
    if (left === 0) onExpire();
  }, [left, onExpire]);
  if (left === 0) return null;
  return (
    <div className="undo-note small" role="status" data-testid="undo-note">
      <span>{w.message}</span>
      <button type="button" className="btn btn-small" disabled={busy} onClick={onUndo}>
        {w.undoLabel} <span className="muted tabular" aria-hidden="true">({left} s)</span>
      </button>
    </div>
  );
}

/** How long a severity change can be taken back. */
export const UNDO_MS = 10_000;
