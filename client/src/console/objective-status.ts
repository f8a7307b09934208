import type { ObjectiveResult } from '../../../shared/scoring/types';

export type LiveStatus = 'met' | 'late' | 'pending' | 'missed' | 'below' | 'n/a';

/**
 * An objective's standing mid-drill: a time objective is met (within target), late (met after it), pending
 * (not yet, still in time) or missed (not yet, and past target); a score objective is met or below target.
 */
export function liveStatus(objective: Pick<ObjectiveResult, 'unit' | 'value' | 'target' | 'rating'>, now: number): LiveStatus {
  if (objective.rating === 'N/A') return 'n/a';
  if (objective.unit === 'score') {
    if (objective.value === null) return 'pending';
    return objective.value >= objective.target ? 'met' : 'below';
  }
  if (objective.value !== null) return objective.value <= objective.target ? 'met' : 'late';
  return now < objective.target ? 'pending' : 'missed';
}

export const LIVE_STATUS_TEXT: Record<LiveStatus, string> = {
  met: 'Met', late: 'Met late', pending: 'Pending', missed: 'Missed', below: 'Below target', 'n/a': 'N/A',
};
export const LIVE_STATUS_TONE: Record<LiveStatus, string> = {
  met: 'badge-ok', late: 'badge-warn', pending: '', missed: 'badge-bad', below: 'badge-warn', 'n/a': '',
};
