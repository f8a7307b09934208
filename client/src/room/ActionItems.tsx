import { useId, useState, type FormEvent } from 'react';
import { ACTION_PRIORITIES, ACTION_STATUSES, isOverdue, localDate, PRIORITY_LABELS, STATUS_LABELS, type ActionPriority, type ActionStatus } from '../../../shared/drill/action-items';
import type { ActionItem } from '../../../shared/drill/state';
import type { Finding } from '../../../shared/scoring/types';
import { useCommand, useView } from '../session/DrillSession';
import { ErrorNote } from '../ui/bits';
import { Stamp } from '../ui/Stamp';
import { useStoryStart } from '../drill/story-clock';

/** The fields of the item form: blank due and finding mean none. */
interface Draft { text: string; owner: string; due: string; priority: ActionPriority; status: ActionStatus; finding: string }

const EMPTY: Draft = { text: '', owner: '', due: '', priority: 'medium', status: 'open', finding: '' };
const draftOf = (item: ActionItem): Draft => ({
  text: item.text, owner: item.owner, due: item.due ?? '', priority: item.priority, status: item.status, finding: item.finding ?? '',
});

/**
 * Follow-ups for the after-action report, during the drill and after it (the hot wash, and later on the
 * scorecard): each has an owner, a due date, a priority, a status, and may answer a finding of the scorecard
 * (`findings`, when the page has them). Edits are `action-item.update` commands: only what changed is sent.
 */
export function ActionItems({ readOnly = false, findings }: { readOnly?: boolean; findings?: Finding[] }) {
  const view = useView();
  const [editing, setEditing] = useState<number>();
  const start = useStoryStart();
  const today = localDate(new Date());
  const names = [...new Set([...Object.values(view.state.participants).map((p) => p.name), ...view.scenario.roles.map((r) => r.name)])];
  const findingText = (id?: string) => (id ? findings?.find((f) => f.id === id)?.text ?? id : undefined);
  const items = view.state.actionItems;

  return (
    <div className="action-items">
      {items.length === 0 ? <p className="empty">No action items yet. Anything the team should fix after the incident goes here, with an owner and a due date.</p> : (
        <ul className="ai-list" aria-label="Action items">
          {items.map((item) => (
            <li key={item.seq} className={`ai-item ai-${item.status}`}>
              {editing === item.seq ? (
                <ItemForm names={names} findings={findings} initial={draftOf(item)} item={item} onDone={() => setEditing(undefined)} />
              ) : (
                <>
                  <div className="ai-main">
                    <span className="ai-text">{item.text}</span>
                    <span className="ai-meta small">
                      <ItemFacts item={item} today={today} />
                      <span className="muted">added <Stamp t={item.t} start={start} /></span>
                    </span>
                    {item.finding ? <span className="ai-finding small"><span className="muted">Answers:</span> {findingText(item.finding)}</span> : null}
                  </div>
                  {readOnly ? null : (
                    <button type="button" className="btn btn-small" onClick={() => setEditing(item.seq)} aria-label={`Edit action item: ${item.text}`}>Edit</button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {readOnly ? null : <ItemForm names={names} findings={findings} initial={EMPTY} />}
    </div>
  );
}

/** Adds an item (no `item`) or edits one; Escape or Cancel leaves an edit. */
interface Facts { owner: string; due?: string | null; priority: ActionPriority; status: ActionStatus }

/** Owner, due date (and whether it is past), priority and status, in words: the room, the scorecard and the console. */
export function ItemFacts({ item, today }: { item: Facts; today: string }) {
  return (
    <>
      <span><span className="muted">Owner</span> {item.owner}</span>
      <span><span className="muted">Due</span> {item.due ?? 'not set'}{isOverdue(item, today) ? <strong className="ai-overdue"> · overdue</strong> : null}</span>
      <span className={`ai-badge ai-priority-${item.priority}`}>{PRIORITY_LABELS[item.priority]} priority</span>
      <span className={`ai-badge ai-status-${item.status}`}>{STATUS_LABELS[item.status]}</span>
    </>
  );
}

function ItemForm({ names, findings, initial, item, onDone }: { names: string[]; findings?: Finding[]; initial: Draft; item?: ActionItem; onDone?: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const { run, pending, error } = useCommand();
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!item) {
      const ok = await run({
        type: 'action-item.add', text: draft.text, owner: draft.owner, priority: draft.priority,
        ...(draft.due ? { due: draft.due } : {}), ...(draft.status !== 'open' ? { status: draft.status } : {}), ...(draft.finding ? { finding: draft.finding } : {}),
      });
      if (ok) setDraft(EMPTY);
      return;
    }
    const changed: Record<string, string | null> = {};
    for (const key of ['text', 'owner', 'priority', 'status'] as const) if (draft[key] !== initial[key]) changed[key] = draft[key];
    for (const key of ['due', 'finding'] as const) if (draft[key] !== initial[key]) changed[key] = draft[key] || null;
    if (Object.keys(changed).length === 0) return onDone?.();
    if (await run({ type: 'action-item.update', id: String(item.seq), ...changed })) onDone?.();
  };

  return (
    <form className={`action-form${item ? ' ai-edit' : ''}`} onSubmit={submit} onKeyDown={(e) => { if (item && e.key === 'Escape') onDone?.(); }} aria-label={item ? 'Edit action item' : 'Add an action item'}>
      <div className="field grow">
        <label htmlFor={`${id}-text`}>Action</label>
        <input id={`${id}-text`} value={draft.text} onChange={(e) => set('text')(e.target.value)} maxLength={300} placeholder="Add a failover runbook for orders-db" required autoFocus={!!item} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <input id={`${id}-owner`} value={draft.owner} onChange={(e) => set('owner')(e.target.value)} maxLength={60} list={`${id}-names`} placeholder="Name or role" required />
        <datalist id={`${id}-names`}>{names.map((n) => <option key={n} value={n} />)}</datalist>
      </div>
      <div className="field narrow">
        <label htmlFor={`${id}-due`}>Due</label>
        <input id={`${id}-due`} type="date" value={draft.due} onChange={(e) => set('due')(e.target.value)} min="2000-01-01" max="2999-12-31" />
      </div>
      <div className="field narrow">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select id={`${id}-priority`} value={draft.priority} onChange={(e) => set('priority')(e.target.value as ActionPriority)}>
          {ACTION_PRIORITIES.map((p) => <option key={p} value={p}>{PRIORITY_LABELS[p]}</option>)}
        </select>
      </div>
      <div className="field narrow">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={draft.status} onChange={(e) => set('status')(e.target.value as ActionStatus)}>
          {ACTION_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
      </div>
      {findings?.length ? (
        <div className="field grow">
          <label htmlFor={`${id}-finding`}>Answers the finding <span className="muted small">(optional)</span></label>
          <select id={`${id}-finding`} value={draft.finding} onChange={(e) => set('finding')(e.target.value)}>
            <option value="">None</option>
            {findings.map((f) => <option key={f.id} value={f.id}>{f.text.length > 90 ? `${f.text.slice(0, 88)}…` : f.text}</option>)}
          </select>
        </div>
      ) : null}
      <div className="ai-buttons">
        <button type="submit" className="btn btn-primary" disabled={pending}>{item ? 'Save' : 'Add'}</button>
        {item ? <button type="button" className="btn" onClick={onDone}>Cancel</button> : null}
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
