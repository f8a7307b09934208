import type { DrillEvent } from './events';
import { rolesOf } from './roster';
import type { DrillState } from './state';

/** Who is looking: the facilitator and observers (staff) see everything; a participant sees their roles' share. */
export type Viewer = { kind: 'facilitator' } | { kind: 'observer' } | { kind: 'participant'; id: string };

/**
 * Staff only: the scenario's machinery and the evaluators' work, and a live game day's backstage: alerts as
 * monitoring sent them (the team sees the injects they deliver), the alert token, and every fault.
 */
const STAFF_ONLY = new Set([
  'state.entered', 'note.add', 'inject.send', 'score.override', 'evaluators.set',
  'alert.receive', 'alerts.token', 'fault.proposed', 'fault.confirm', 'fault.abort', 'fault.delivery',
]);
/** Events about one inject, seen by exactly the viewers who can see the inject. */
const ABOUT_INJECT = new Set(['inject.ack', 'decision.make', 'decision.closed', 'alert.resolved']);

export function isStaff(viewer: Viewer): boolean {
  return viewer.kind !== 'participant';
}

/** Whether an inject addressed to `to` reaches this viewer, given the roles they hold now. */
export function reaches(to: readonly string[], viewer: Viewer, state: Pick<DrillState, 'roles'>): boolean {
  if (isStaff(viewer) || to.includes('all')) return true;
  const held = rolesOf(state, (viewer as { id: string }).id);
  return to.some((role) => held.includes(role));
}

/**
 * Whether a log event belongs in this viewer's view (the server sends only these), judged by the roles held
 * now. Pass the drill state with its `injects` so that the ack of an inject the viewer cannot see stays
 * hidden too, as in `viewOf`; with `roles` alone every ack counts as visible.
 */
export function canSee(event: DrillEvent, viewer: Viewer, state: Pick<DrillState, 'roles'> & Partial<Pick<DrillState, 'injects'>>): boolean {
  if (isStaff(viewer)) return true;
  if (STAFF_ONLY.has(event.type)) return false;
  if (event.type === 'inject.delivered') return reaches(event.to, viewer, state);
  if (ABOUT_INJECT.has(event.type) && 'injectId' in event && state.injects) {
    const inject = state.injects.find((i) => i.injectId === event.injectId);
    return !inject || reaches(inject.to, viewer, state);
  }
  return true;
}

/**
 * The part of the drill state a viewer may see. An inject addressed to a role is in the view of whoever holds
 * that role now (the role's inbox travels with a handover) and of staff, and so are its acknowledgement and
 * its decision; notes, score overrides, the scenario's internal state (its state, how far the story is
 * fixed, which declarations were premature) and a game day's alert records and faults are for staff only.
 */
export function viewOf(state: DrillState, viewer: Viewer): DrillState {
  if (isStaff(viewer)) return state;
  const injects = state.injects.filter((i) => reaches(i.to, viewer, state));
  const visible = new Set(injects.map((i) => i.injectId));
  return {
    ...state,
    machineState: undefined,
    // Whether a declaration came before the story was fixed is the evaluators' judgement, made on the
    // scorecard; a participant's view does not judge (and its own fold then does not either).
    fixedLevel: undefined,
    checksDeclarations: false,
    declared: Object.fromEntries(Object.entries(state.declared).map(([status, d]) => [status, { ...d, premature: false }])),
    declarations: state.declarations.map((d) => (d.premature ? { ...d, premature: false } : d)),
    notes: [],
    overrides: [],
    evaluators: { observers: false },
    alerts: {},
    faults: {},
    alertToken: null,
    injects,
    acks: Object.fromEntries(Object.entries(state.acks).filter(([id]) => visible.has(id))),
    decisions: Object.fromEntries(Object.entries(state.decisions).filter(([id]) => visible.has(id))),
  };
}
