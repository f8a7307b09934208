import type { DrillEvent } from '../../../shared/drill/events';
import { ROLE_VIEWER, viewpointState, type Viewpoint } from '../../../shared/drill/rewind';
import { isActive } from '../../../shared/drill/roster';
import type { DrillState } from '../../../shared/drill/state';
import type { DrillView, Identity, Reply } from '../../../shared/protocol/messages';
import type { DrillSession } from '../session/DrillSession';
import type { ReplayData } from './load';

/** What every control of a replayed moment answers: nothing there can change the drill. */
export const REPLAY_REFUSAL = 'This is a replay of the drill: nothing here can be changed.';

const refuse = <T,>(): Promise<Reply<T>> => Promise.resolve({ ok: false, error: { code: 'forbidden', message: REPLAY_REFUSAL } } as Reply<T>);

/**
 * The drill view of one past moment for a viewpoint, shaped like a live view so the room's and the console's own
 * components render it: staff see the state as it was (through an observer's identity, which sends nothing), a
 * role sees the state the server would have sent a holder of that role alone, and no script or schedule.
 * "Online" is read from the log (nobody marked away then).
 */
export function momentView(data: ReplayData, full: DrillState, viewpoint: Viewpoint, t: number): DrillView {
  const { view } = data;
  const state = viewpointState(full, viewpoint);
  const identity: Identity = viewpoint.kind === 'facilitator' ? { kind: 'observer' }
    : { kind: 'participant', participantId: ROLE_VIEWER, name: view.scenario.roles.find((r) => r.id === viewpoint.role)?.name ?? viewpoint.role };
  return {
    drillId: view.drillId,
    title: view.title,
    identity,
    scenario: view.scenario,
    ...(viewpoint.kind === 'facilitator' ? { script: view.script } : {}),
    state,
    clock: { status: state.status === 'running' ? 'paused' : state.status, t, speed: state.speed, wall: 0 },
    online: Object.values(state.participants).filter((p) => isActive(p) && p.awaySince === undefined).map((p) => p.id),
  };
}

/** A session around a replayed moment: no socket, every command refused. */
export function momentSession(drillId: string, key: string, view: DrillView, log: DrillEvent[]): DrillSession {
  return {
    credentials: { as: 'staff', drillId, key, role: 'observer' },
    label: 'connected',
    view,
    joinedAs: view.identity.kind,
    failures: 0,
    clockAt: 0,
    log,
    viewVersion: 0,
    command: refuse,
    rotateKey: refuse,
    retry: () => undefined,
  };
}
