/**
 * The improvement plan grouped by the finding each action item answers: the areas the summary ranks first lead,
 * then other findings (strengths kept up, areas further down the list), then items tied to no finding. Within a
 * group: open and in-progress before done, high priority first, then the earliest due date.
 */
import type { ActionItemSummary, Finding, Scorecard } from '../scoring/types';

export interface PlanGroup {
  /** The `Finding.id` the items answer; `null` for items tied to no finding. */
  finding: string | null;
  /** The finding's sentence; for an id no finding of this run has, "A finding of an earlier run (<id>)". */
  title: string;
  /** The finding is an area for improvement of this run (rather than a strength or an earlier run's). */
  area: boolean;
  items: ActionItemSummary[];
}

const PRIORITY = { high: 0, medium: 1, low: 2 } as const;
const STATUS = { 'open': 0, 'in-progress': 0, 'done': 1 } as const;

/** Action items in plan order (see the module comment). */
export function sortItems(items: readonly ActionItemSummary[]): ActionItemSummary[] {
  return [...items].sort((a, b) =>
    STATUS[a.status] - STATUS[b.status]
    || PRIORITY[a.priority] - PRIORITY[b.priority]
    || (a.due ?? '9999') .localeCompare(b.due ?? '9999')
    || a.seq - b.seq);
}

/**
 * Groups the action items by finding. `areaOrder` lists area keys most important first (the summary's ranking).
 */
export function planGroups(card: Scorecard, areaOrder: readonly string[]): PlanGroup[] {
  const byKey = new Map<string, { finding: Finding; area: boolean }>();
  for (const f of card.strengths) byKey.set(f.id, { finding: f, area: false });
  for (const f of card.improvements) byKey.set(f.id, { finding: f, area: true });
  const groups = new Map<string | null, ActionItemSummary[]>();
  for (const item of card.actionItems) {
    const key = item.finding ?? null;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const rank = (key: string | null) => {
    if (key === null) return Number.MAX_SAFE_INTEGER;
    const i = areaOrder.indexOf(key);
    return i >= 0 ? i : byKey.get(key)?.area ? areaOrder.length : areaOrder.length + 1;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || String(a).localeCompare(String(b)))
    .map(([key, items]): PlanGroup => {
      const known = key === null ? undefined : byKey.get(key);
      return {
        finding: key,
        title: key === null ? 'Not tied to a finding' : known ? known.finding.text : `A finding of an earlier run (${key})`,
        area: !!known?.area,
        items: sortItems(items),
      };
    });
}
