import { useCallback, useEffect, useState } from 'react';
import { tabState } from '../net/storage';
import { useView } from '../session/DrillSession';

/** Whether a CSS media query matches, following changes (a phone turned sideways, a resized window). */
export function useMediaQuery(query: string): boolean {
  const get = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches;
  const [matches, setMatches] = useState(get);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const changed = () => setMatches(list.matches);
    changed();
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

/** The width below which the room stacks into one column with the injects in a tab (matches layout.css). */
export const PHONE = '(max-width: 860px)';

/**
 * State this tab keeps across a reload, per drill and seat (sessionStorage): drafts, the selected tab. Another
 * seat in the same browser (a second participant, the console) has its own.
 */
export function useTabState<T>(what: string, initial: T): [T, (value: T) => void] {
  const view = useView();
  const seat = view.identity.kind === 'participant' ? view.identity.participantId : view.identity.kind;
  const [value, setValue] = useState<T>(() => tabState.get<T>(view.drillId, seat, what) ?? initial);
  const set = useCallback((next: T) => {
    setValue(next);
    tabState.set(view.drillId, seat, what, next);
  }, [view.drillId, seat, what]);
  return [value, set];
}

/** Moves focus to an element once it exists, unless the person has already put focus somewhere themselves. */
export function focusWhenIdle(find: () => HTMLElement | null | undefined): void {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    find()?.focus();
  });
}

/** Moves focus to an element on the next frame (after React has rendered what replaces the control just used). */
export function focusNext(find: () => HTMLElement | null | undefined): void {
  requestAnimationFrame(() => find()?.focus());
}

/**
 * Runs one HTTP action at a time for a panel: `busy` while it runs (to disable its buttons), and the error's
 * message when it fails (shown next to the buttons), cleared when the next action starts.
 */
export function useAsyncAction(): { act: (work: () => Promise<void>) => Promise<void>; busy: boolean; error: string | undefined; setError: (error: string | undefined) => void } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const act = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }, []);
  return { act, busy, error, setError };
}
