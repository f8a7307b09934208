import type { Viewpoint } from '../../../shared/drill/rewind';

/**
 * Addresses of the replay (`/drill/<id>/replay?seq=42&viewpoint=comms`): the moment and the viewpoint live in the
 * address, so a lead can share exactly what they are looking at (the key never does: it stays in the tab).
 * Kept apart from the page so the scorecard can link to moments without loading the replay.
 */

/** The replay of a drill, at an event (`seq`) and from a viewpoint (facilitator when omitted). */
export function replayHref(drillId: string, at: { seq?: number; viewpoint?: Viewpoint } = {}): string {
  const query = new URLSearchParams();
  if (at.seq !== undefined) query.set('seq', String(at.seq));
  if (at.viewpoint?.kind === 'role') query.set('viewpoint', at.viewpoint.role);
  const search = query.toString();
  return `/drill/${encodeURIComponent(drillId)}/replay${search ? `?${search}` : ''}`;
}

/** The viewpoint an address names: a role of the scenario, else the facilitator's (everything). */
export function viewpointFrom(value: string | null, roles: readonly { id: string }[]): Viewpoint {
  return value && roles.some((r) => r.id === value) ? { kind: 'role', role: value } : { kind: 'facilitator' };
}

/** The seq an address names, kept within the log (the end when absent or not a number). */
export function seqFrom(value: string | null, lastSeq: number): number {
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) ? Math.min(Math.max(n, 0), lastSeq) : lastSeq;
}
