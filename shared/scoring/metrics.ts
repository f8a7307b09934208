/**
 * Standard metrics: what every drill is measured on, whether or not its scenario names objectives for it.
 */
import { leaves } from '../scenario/conditions';
import type { PostChannel, Scenario } from '../scenario/schema';
import { moment, roleName, since, type DrillHistory } from './history';
import type { AckMetric, ContactMetric, Gap, Moment, RoleChange, RoleMetric, RoleVacancy, StandardMetrics } from './types';

/** Computes the standard metrics of a drill. */
export function standardMetrics(history: DrillHistory): StandardMetrics {
  const { scenario, state } = history;
  const roleChanges = withHandovers(history);
  const needed = neededContacts(scenario);
  // A sensible page (the author marked the contact `useful`) is never noise, needed or not.
  const quiet = new Set([...needed, ...scenario.contacts.filter((c) => c.useful).map((c) => c.id)]);
  const pagesOf = new Map<string, typeof state.pages>();
  for (const p of state.pages) {
    const list = pagesOf.get(p.contact);
    if (list) list.push(p);
    else pagesOf.set(p.contact, [p]);
  }
  const contacts = scenario.contacts.map((c): ContactMetric => {
    const pages = pagesOf.get(c.id) ?? [];
    const reply = pages.find((p) => p.reply)?.reply;
    return {
      contact: c.id, name: c.name, needed: needed.has(c.id), useful: c.useful === true,
      firstPaged: moment(history, pages[0]), pages: pages.length, replied: moment(history, reply),
    };
  });
  const acks = ackMetrics(history);
  const roles = roleMetrics(history, roleChanges);
  const ic = incidentCommanderRole(scenario);
  return {
    durationMs: history.endT - history.startT,
    acks,
    unacknowledged: acks.filter((a) => !a.acked).map((a) => a.injectId),
    incidentCommander: roles.find((r) => r.role === ic)?.takenUp ?? null,
    requiredRolesFilled: moment(history, history.requiredTakenUp ? { t: history.requiredTakenUp.at, seq: history.requiredTakenUp.seq } : undefined),
    roles,
    firstWarRoomPost: firstPost(history, 'war-room'),
    firstStatusPost: firstPost(history, 'status-page'),
    statusPageGap: largestGap(history, 'status-page'),
    warRoomGap: largestGap(history, 'war-room'),
    contacts,
    noisePages: state.pages.filter((p) => !quiet.has(p.contact)).map((p) => ({ at: since(history, p.t), seq: p.seq })),
    // The declarations that stood at the end. Resolving never silently counts as mitigating.
    mitigated: moment(history, state.declared.mitigated),
    resolved: moment(history, state.declared.resolved),
    fixed: {
      mitigated: fixedMoment(history, 'mitigated'),
      resolved: fixedMoment(history, 'resolved'),
    },
    roleChanges,
    handovers: roleChanges.filter((c) => c.handover).length,
    vacancies: vacancies(history, roleChanges),
  };
}

/** Contacts the scenario needs: named by an `escalated` objective or by a transition's condition. */
export function neededContacts(scenario: Scenario): Set<string> {
  const out = new Set<string>();
  for (const o of scenario.objectives) if (o.measure.kind === 'escalated') out.add(o.measure.contact);
  for (const state of Object.values(scenario.states)) {
    const conditions = [...state.on.map((t) => t.when), ...state.after.flatMap((t) => (t.unless ? [t.unless] : []))];
    for (const leaf of conditions.flatMap(leaves)) {
      if ('escalated' in leaf) out.add(leaf.escalated);
      if ('replied' in leaf) out.add(leaf.replied);
    }
  }
  return out;
}

/** The role that commands the incident: id `ic`, or a role named "Incident Commander". */
export function incidentCommanderRole(scenario: Pick<Scenario, 'roles'>): string | undefined {
  return (scenario.roles.find((r) => r.id === 'ic') ?? scenario.roles.find((r) => /incident commander/i.test(r.name)))?.id;
}

function ackMetrics(history: DrillHistory): AckMetric[] {
  const out: AckMetric[] = [];
  for (const inject of history.deliveries.values()) {
    if (!inject.ack) continue;
    const ack = history.state.acks[inject.injectId];
    out.push({
      injectId: inject.injectId,
      title: inject.title ?? inject.injectId,
      delivered: { at: since(history, inject.t), seq: inject.seq },
      acked: moment(history, ack),
      timeToAck: ack ? Math.max(0, ack.t - inject.t) : null,
      ...(inject.alert ? { real: true } : {}),
    });
  }
  return out;
}

/** Role changes with handovers marked: a role reaching a participant other than its last holder. */
function withHandovers(history: DrillHistory): RoleChange[] {
  const last = new Map<string, string>();
  return history.roleChanges.map((c) => {
    const previous = last.get(c.role);
    if (c.to) last.set(c.role, c.to);
    return {
      seq: c.seq, at: since(history, c.t), role: c.role, roleName: roleName(history.scenario, c.role),
      from: c.from, to: c.to, handover: c.to !== null && previous !== undefined && previous !== c.to,
    };
  });
}

/** Per role: when it was first held and when it was first taken up (its holder acted while holding it). */
function roleMetrics(history: DrillHistory, changes: RoleChange[]): RoleMetric[] {
  const firstHeld = new Map<string, Moment>();
  for (const c of changes) if (c.to && !firstHeld.has(c.role)) firstHeld.set(c.role, { at: c.at, seq: c.seq });
  const takenUp = new Map<string, Moment>();
  for (const u of history.takeUps) if (!takenUp.has(u.role)) takenUp.set(u.role, { at: since(history, u.t), seq: u.seq });
  return history.scenario.roles.map((r) => ({
    role: r.id, roleName: r.name, required: r.required === true,
    firstHeld: firstHeld.get(r.id) ?? null, takenUp: takenUp.get(r.id) ?? null,
  }));
}

function fixedMoment(history: DrillHistory, level: 'mitigated' | 'resolved'): Moment | null {
  const at = history.fixedAt[level];
  return at ? { at: since(history, at.at), seq: at.seq } : null;
}

function firstPost(history: DrillHistory, channel: PostChannel): Moment | null {
  return moment(history, history.state.posts.find((p) => p.channel === channel));
}

/**
 * Where a channel's cadence stops counting: the status page once it posts "resolved", the war room once
 * the incident is declared resolved; otherwise the end of the drill. A premature "resolved" (before the
 * story reached a `fixed: resolved` state) closes nothing: the incident was still on.
 */
function windowEnd(history: DrillHistory, channel: PostChannel): { t: number; seq: number | null } {
  const declared = history.state.declared.resolved;
  const closing = channel === 'status-page'
    ? history.state.posts.find((p) => p.channel === channel && p.phase === 'resolved' && !claimsTooEarly(history, 'resolved', p.seq))
    : declared && !declared.premature ? declared : undefined;
  if (closing && closing.t <= history.endT) return { t: closing.t, seq: closing.seq };
  return { t: history.endT, seq: history.ended?.seq ?? null };
}

/**
 * Whether something said at event `seq` that the incident was `level` came before the story got there: the
 * scenario marks `fixed` states and none of that level had been entered before it. Never without `fixed` states.
 */
export function claimsTooEarly(history: DrillHistory, level: 'mitigated' | 'resolved', seq: number): boolean {
  if (!history.state.checksDeclarations) return false;
  const reached = history.fixedAt[level];
  return !reached || reached.seq > seq;
}

/** The longest silence on a channel, including drill start → first post and last post → window end. */
export function largestGap(history: DrillHistory, channel: PostChannel): Gap {
  const end = windowEnd(history, channel);
  // The marks are the start, each post of the channel in the window (never before the start) and the window's
  // end; the gap is between the first pair of neighbours furthest apart. One pass, no list of marks.
  let prevT = history.startT;
  let prevSeq: number | null = history.start?.seq ?? null;
  let best = { fromT: prevT, fromSeq: prevSeq, toT: prevT, toSeq: prevSeq };
  let posts = 0;
  const mark = (t: number, seq: number | null) => {
    if (t - prevT > best.toT - best.fromT) best = { fromT: prevT, fromSeq: prevSeq, toT: t, toSeq: seq };
    prevT = t;
    prevSeq = seq;
  };
  const all = history.state.posts;
  for (let i = 0; i < all.length; i++) { // indexed: see readHistory
    const p = all[i];
    if (p.channel !== channel || p.t > end.t) continue;
    posts++;
    mark(Math.max(p.t, history.startT), p.seq);
  }
  mark(end.t, end.seq);
  return {
    channel, ms: best.toT - best.fromT, from: since(history, best.fromT), to: since(history, best.toT),
    fromSeq: best.fromSeq, toSeq: best.toSeq, posts,
  };
}

/** Stretches during which a required role stood empty after it was first filled. */
function vacancies(history: DrillHistory, changes: RoleChange[]): RoleVacancy[] {
  const required = new Set(history.scenario.roles.filter((r) => r.required).map((r) => r.id));
  const open = new Map<string, RoleChange>();
  const out: RoleVacancy[] = [];
  const close = (c: RoleChange, to: number) => {
    if (to > c.at) out.push({ role: c.role, roleName: c.roleName, from: c.at, to, ms: to - c.at, seq: c.seq });
  };
  for (const c of changes) {
    if (!required.has(c.role)) continue;
    if (!c.to && c.from) open.set(c.role, c);
    else if (c.to && open.has(c.role)) {
      close(open.get(c.role)!, c.at);
      open.delete(c.role);
    }
  }
  for (const c of open.values()) close(c, since(history, history.endT));
  return out.sort((a, b) => a.from - b.from);
}
