import { publicScenario } from '../../shared/protocol/public-scenario';
import type { DrillView, DrillSummary, Identity, PublicStatus, PublicStatusUpdate } from '../../shared/protocol/messages';
import { activeParticipants } from '../../shared/drill/roster';
import type { DrillState, Post } from '../../shared/drill/state';
import { isStaff, viewOf, type Viewer } from '../../shared/drill/view';
import type { LiveDrill } from './live-drill';

/** The viewer an identity sees the drill as. */
export function viewerOf(identity: Identity): Viewer {
  return identity.kind === 'participant' ? { kind: 'participant', id: identity.participantId } : { kind: identity.kind };
}

/** The full view of a drill for one identity. Call inside the drill's queue (`exclusive`) to get a consistent cut. */
export function drillView(live: LiveDrill, identity: Identity, online: string[]): DrillView {
  const viewer = viewerOf(identity);
  const staff = isStaff(viewer);
  return {
    drillId: live.id,
    title: live.title,
    identity,
    scenario: publicScenario(live.scenario),
    ...(staff ? { script: live.scenario } : {}),
    state: viewOf(live.state, viewer),
    clock: live.clockInfo(),
    ...(staff ? { upcoming: live.upcoming() } : {}),
    // Staff only, and only while the team can still join: after the end the code is free for another drill.
    ...(staff && live.state.status !== 'ended' ? { joinCode: live.record.joinCode } : {}),
    online,
  };
}

/** What anyone with the drill id may know. */
export function drillSummary(live: LiveDrill): DrillSummary {
  const { record, state } = live;
  return {
    drillId: live.id, scenarioId: record.scenarioId, title: record.title, status: state.status,
    createdAt: record.createdAt,
    ...(record.startedAt !== undefined ? { startedAt: record.startedAt } : {}),
    ...(record.endedAt !== undefined ? { endedAt: record.endedAt } : {}),
    participants: activeParticipants(state).length,
  };
}

/** What `GET /api/drills/:id/status` calls the page: never the scenario's title, which would give the plot away. */
export const PUBLIC_STATUS_TITLE = 'Service status';

const isStatusUpdate = (p: Post): p is Post & { phase: PublicStatusUpdate['phase'] } => p.channel === 'status-page' && p.phase !== undefined;

/**
 * The public status page: what customers would see, for anyone with the drill's link. Built field by field
 * from the status-page posts and the declarations only, so nothing else (war room, injects, who posted,
 * severity, roles, notes) can leak into it when the drill state grows. `startsAt` (the scenario's story clock)
 * lets the page print each update's time of day, as a real status page does.
 */
export function publicStatus(state: DrillState, startsAt?: string): PublicStatus {
  const { mitigated, resolved } = state.declared;
  return {
    title: PUBLIC_STATUS_TITLE,
    ...(startsAt !== undefined ? { startsAt } : {}),
    status: state.status,
    updates: state.posts.filter(isStatusUpdate).map((p) => ({ seq: p.seq, t: p.t, phase: p.phase, text: p.text })).reverse(),
    declared: {
      ...(mitigated ? { mitigated: mitigated.t } : {}),
      ...(resolved ? { resolved: resolved.t } : {}),
    },
  };
}
