import type { Actor, DrillCommand } from '../drill/commands';
import type { Drill } from '../drill/drill';
import { factsOf } from '../drill/state';
import { ms, scenarioInjects, scenarioPowers, type ScenarioPowers } from '../scenario/model';
import type { Scenario } from '../scenario/schema';
import { actionItems, contactName, statusText, WAR_ROOM } from './posts';
import { bestPath, bestStep, contingencies, distancesToFinal, needHolds, needKey, requirementOf, type Need } from './plan';
import type { ProfileSpec, Span } from './profiles';
import type { Rng } from './prng';
import { deadlinesOf, defaultCadenceMs, enteredAt, phaseOf } from './read';

const MINUTE = 60_000;
const BOT_NAMES = ['Avery', 'Blake', 'Casey', 'Devon'] as const;

/** A player of the bot team. Bot 0 leads (IC), 1 writes the status page, 2 works contacts, 3 keeps notes. */
export interface Bot { id: string; name: string; actor: Actor }

/** Something a bot means to do at drill time `due`. */
interface Intent { key: string; due: number; order: number; tries: number; late?: boolean; urgent?: boolean; run: (drill: Drill) => boolean }

/**
 * Four bots playing one scenario. They read only the scenario and what the drill shows them: objectives,
 * contacts, the conditions on the way to a final state, contingency timers and the delivered injects. The
 * profile decides how fast and how well they act; the seeded generator decides exactly when.
 */
export class BotTeam {
  readonly bots: Bot[];
  private readonly intents = new Map<string, Intent>();
  private readonly known = new Set<string>();
  private readonly dist: Map<string, number>;
  private readonly powers: ScenarioPowers;
  /** role id → index of the bot that takes it. */
  private readonly assignment = new Map<string, number>();
  private order = 0;
  private posts = 0;
  private chats = 0;

  constructor(private readonly scenario: Scenario, private readonly spec: ProfileSpec, private readonly rng: Rng) {
    this.bots = BOT_NAMES.map((name, i) => ({ id: `bot-${i + 1}`, name, actor: { kind: 'participant' as const, id: `bot-${i + 1}` } }));
    this.dist = distancesToFinal(scenario);
    this.powers = scenarioPowers(scenario);
    const wanted = new Set(scenario.objectives.flatMap((o) => (o.measure.kind === 'role-filled' ? [o.measure.role] : [])));
    const rank = (r: Scenario['roles'][number]) => (r.id === 'ic' ? 0 : r.required ? 1 : wanted.has(r.id) ? 2 : 3);
    [...scenario.roles].sort((a, b) => rank(a) - rank(b)).forEach((role, i) => this.assignment.set(role.id, i % this.bots.length));
  }

  /** Every bot joins in the lobby, before the clock starts; a lobby-claiming team takes every role there too. */
  join(drill: Drill): void {
    for (const bot of this.bots) drill.submit({ type: 'participant.join', participantId: bot.id, name: bot.name }, bot.actor, { t: drill.now });
    if (!this.spec.lobbyClaims) return;
    for (const [role, bot] of this.assignment) {
      this.claim(drill, role, bot);
      this.known.add(`claim:${role}`);
    }
  }

  /** Drill time the team next wants to act, if it still means to. */
  nextWake(): number | undefined {
    let next: number | undefined;
    for (const intent of this.intents.values()) if (next === undefined || intent.due < next) next = intent.due;
    return next;
  }

  /** Observes the drill at its current time and does everything that is due. */
  step(drill: Drill): void {
    for (let guard = 0; guard < 100 && drill.state.status === 'running'; guard++) {
      this.plan(drill);
      const due = [...this.intents.values()].filter((i) => i.due <= drill.now).sort((a, b) => a.due - b.due || a.order - b.order)[0];
      if (!due) return;
      this.intents.delete(due.key);
      if (!due.run(drill) && due.tries < 5) this.intents.set(due.key, { ...due, due: drill.now + MINUTE, tries: due.tries + 1 });
    }
  }

  /** The hot wash: action items with owners, added after the drill has ended. */
  wrapUp(drill: Drill): void {
    const items = actionItems(drill.state, this.scenario, this.bots.map((b) => b.name)).slice(0, this.spec.actionItems);
    for (const item of items) drill.submit({ type: 'action-item.add', ...item }, this.bots[3].actor, { t: drill.now });
  }

  // --- planning -------------------------------------------------------------------------------------------

  private plan(drill: Drill): void {
    const { state } = drill;
    const first = !this.known.has('start');
    if (first) {
      this.known.add('start');
      for (const [role, bot] of this.assignment) this.add(`claim:${role}`, this.draw(role === 'ic' ? this.spec.claimIc : this.spec.claimOthers), (d) => this.claim(d, role, bot));
      if (this.spec.acts) {
        this.add('post:war-room', this.draw(this.spec.firstChat), (d) => this.chat(d));
        this.add('post:status-page', this.draw(this.spec.firstStatus), (d) => this.status(d));
        this.planScriptedDeclarations();
        this.planUnguardedDeclarations();
        if (this.spec.pageEveryone) this.scenario.contacts.forEach((c) => this.add(`page:${c.id}`, this.draw(this.spec.page), (d) => this.page(d, c.id, true)));
      }
    }
    if (!this.spec.acts) return;
    for (const inject of state.injects) {
      if (!inject.ack || state.acks[inject.injectId] || this.known.has(`ack:${inject.injectId}`)) continue;
      if (this.rng.chance(this.spec.skipAck)) this.known.add(`ack:${inject.injectId}`);
      else this.add(`ack:${inject.injectId}`, inject.t + this.draw(this.spec.ack), (d) => this.ack(d, inject.injectId, inject.to));
    }
    // Every call put to the team is made, not only the ones the story branches on: the scorecard rates each.
    for (const inject of state.injects) {
      const decision = inject.decision ? state.decisions[inject.injectId] : undefined;
      if (!decision || decision.closed || decision.choice) continue;
      this.add(`decide:${inject.injectId}`, inject.t + this.draw(this.spec.page), (d) => this.decide(d, inject.injectId));
    }
    for (const need of this.needs(drill)) this.fulfil(drill, need);
    this.planDeclaration(drill);
    this.timeToDeadlines(drill);
    this.workOnCurrentStep(drill);
  }

  /** What the team should make true now: the way to a final state, contingencies to head off, objectives. */
  private needs(drill: Drill): Need[] {
    const current = drill.state.machineState ?? this.scenario.initial;
    const path = bestPath(this.scenario, this.dist, current).map((e) => requirementOf(e.when));
    const guards = contingencies(this.scenario, this.dist, current).map((e) => requirementOf(e.unless));
    const objectives = this.scenario.objectives.flatMap((o): Need[] => {
      const m = o.measure;
      if (m.kind === 'escalated') return [{ kind: 'page', contact: m.contact }];
      if (m.kind === 'role-filled') return [{ kind: 'claim', role: m.role }];
      if (m.kind === 'roles-filled') return this.scenario.roles.filter((r) => r.required).map((r) => ({ kind: 'claim', role: r.id }));
      // A call the scorecard rates is made even when the story does not wait for it (the best option).
      if (m.kind === 'decision') return [{ kind: 'decide', inject: m.inject }];
      return [];
    });
    const avoid = new Set([...path, ...guards].flatMap((r) => r.avoid.map(needKey)));
    const steps = [...path.flatMap((r) => r.do), ...guards.flatMap((r) => r.do)];
    // The story's own choice of an option wins over the objective's "best".
    const chosen = new Set(steps.flatMap((n) => (n.kind === 'decide' ? [n.inject] : [])));
    return [...steps, ...objectives.filter((n) => n.kind !== 'decide' || !chosen.has(n.inject))].filter((n) => !avoid.has(needKey(n)));
  }

  private fulfil(drill: Drill, need: Need): void {
    const key = needKey(need);
    if (this.known.has(key)) return;
    const now = drill.now;
    switch (need.kind) {
      case 'page':
        return this.add(key, now + this.draw(this.spec.page), (d) => this.page(d, need.contact));
      case 'claim':
        return this.add(key, now + this.draw(this.spec.claimOthers), (d) => this.claim(d, need.role, this.assignment.get(need.role) ?? 0));
      case 'handover':
        return this.add(key, now + this.draw(this.spec.page), (d) => this.handOver(d, need.role));
      case 'severity':
        return this.add(key, now + this.draw(this.spec.page), (d) => this.submit(d, this.empowered(d, this.powers.severity), { type: 'severity.set', severity: need.severity }));
      case 'decide':
        // A decision can only be made once its inject has arrived; until then the next plan looks again.
        if (!drill.state.decisions[need.inject] || drill.state.decisions[need.inject].closed) return;
        return this.add(key, now + this.draw(this.spec.page), (d) => this.decide(d, need.inject, need.option));
      default:
        return; // posts, acks and declarations have their own schedules
    }
  }

  /**
   * Declares mitigated/resolved once the current state accepts it, the awaited replies are in and the
   * state's own injects have played out.
   */
  private planDeclaration(drill: Drill): void {
    if (this.spec.declareAt) return; // declares on its own schedule (planScriptedDeclarations)
    const current = drill.state.machineState;
    const step = current ? bestStep(this.scenario, this.dist, current) : undefined;
    if (!step) return;
    const req = requirementOf(step.when);
    const declare = req.do.find((n): n is Extract<Need, { kind: 'declare' }> => n.kind === 'declare');
    if (!declare || this.known.has(needKey(declare))) return;
    const facts = factsOf(drill.state);
    const others = req.do.filter((n) => n.kind !== 'declare');
    if (!others.every((n) => needHolds(n, facts))) return;
    if (declare.status === 'resolved' && this.rng.chance(this.spec.skipResolve)) {
      this.known.add(needKey(declare));
      return;
    }
    const awaited = new Set(this.keyContacts(current!));
    const replies = drill.upcoming().filter((u) => u.kind === 'reply' && awaited.has(u.contact)).map((u) => u.at);
    // Let the state's scripted injects play out: they are the part of the story this phase is about.
    const story = enteredAt(drill) + Math.max(0, ...this.scenario.states[current!].injects.map((i) => ms(i.at)));
    const ready = Math.max(drill.now, story, ...replies);
    this.add(needKey(declare), ready + this.draw(this.spec.declare), (d) => this.declare(d, declare.status));
  }

  /** The declare-victory schedule: mitigated and resolved at fixed minutes, whatever the story says. */
  private planScriptedDeclarations(): void {
    const at = this.spec.declareAt;
    if (!at) return;
    this.add('declare:mitigated', this.draw(at.mitigated), (d) => this.declare(d, 'mitigated'));
    this.add('declare:resolved', this.draw(at.resolved), (d) => this.declare(d, 'resolved'));
  }

  /**
   * A scenario may measure a declaration that no transition waits for (an imported MSEL's mitigation): a
   * team that knows its targets declares it a little before the target.
   */
  private planUnguardedDeclarations(): void {
    if (!this.spec.deadlineAware) return;
    const guarded = (status: string) => Object.values(this.scenario.states).some((st) => st.on.some((t) => JSON.stringify(t.when).includes(`"declared":"${status}"`)));
    for (const o of this.scenario.objectives) {
      if (o.measure.kind !== 'declared' || typeof o.target !== 'string' || guarded(o.measure.status)) continue;
      const status = o.measure.status;
      this.add(`declare:${status}`, Math.round(ms(o.target) * this.rng.between(0.7, 0.9)), (d) => this.declare(d, status));
    }
  }

  /** Contacts whose answers the team waits for before calling the incident mitigated. */
  private keyContacts(current: string): string[] {
    const steps = [...bestPath(this.scenario, this.dist, this.scenario.initial), ...bestPath(this.scenario, this.dist, current)];
    return steps.flatMap((e) => requirementOf(e.when).do).flatMap((n) => (n.kind === 'page' ? [n.contact] : []));
  }

  /**
   * Timing against the scenario's own expectations. A team that knows its targets moves each pending action
   * before its objective or contingency deadline; a late team (`lateBy`) does each objective's action no sooner
   * than a multiple of its target. Declarations are exempt from lateness: they wait for the scenario anyway.
   */
  private timeToDeadlines(drill: Drill): void {
    if (!this.spec.deadlineAware && !this.spec.lateBy) return;
    const { objectives, contingencies } = deadlinesOf(this.scenario, drill, this.dist);
    for (const intent of this.intents.values()) {
      const objective = objectives.get(intent.key);
      if (this.spec.deadlineAware) {
        const deadline = Math.min(objective?.at ?? Infinity, contingencies.get(intent.key) ?? Infinity);
        if (intent.due > deadline - MINUTE) intent.due = Math.max(drill.now, deadline - MINUTE);
      } else if (this.spec.lateBy && objective && !intent.late && !intent.key.startsWith('declare:')) {
        intent.late = true;
        const factor = this.rng.between(this.spec.lateBy[0], this.spec.lateBy[1]);
        intent.due = Math.max(drill.now, intent.due, Math.round(objective.from + (objective.at - objective.from) * factor));
      }
    }
  }

  /**
   * Whatever stands between the team and the next state gets done within the profile's usual delay of it
   * becoming the next step, even by a team that runs late on its targets: slow teams still get there.
   */
  private workOnCurrentStep(drill: Drill): void {
    const current = drill.state.machineState;
    const step = current ? bestStep(this.scenario, this.dist, current) : undefined;
    if (!this.spec.focused || !step) return;
    for (const need of requirementOf(step.when).do) {
      if (need.kind === 'declare') continue; // declarations keep their own timing (see planDeclaration)
      const intent = this.intents.get(needKey(need));
      if (!intent || intent.urgent) continue;
      intent.urgent = true;
      intent.due = Math.min(intent.due, drill.now + this.draw(this.spec.page));
    }
  }

  private add(key: string, due: number, run: (drill: Drill) => boolean): void {
    if (this.known.has(key)) return;
    this.known.add(key);
    this.intents.set(key, { key, due, order: this.order++, tries: 0, run });
  }

  private draw(span: Span): number {
    return this.rng.minutes(span[0], span[1]);
  }

  // --- acting ---------------------------------------------------------------------------------------------

  private submit(drill: Drill, bot: number, command: DrillCommand): boolean {
    return drill.submit(command, this.bots[bot].actor, { t: drill.now }).ok;
  }

  /** The bot holding the first of `roles` that is held, else bot `fallback`. */
  private holder(drill: Drill, roles: string[], fallback = 0): number {
    const id = roles.map((r) => drill.state.roles[r]).find(Boolean);
    const index = this.bots.findIndex((b) => b.id === id);
    return index >= 0 ? index : fallback;
  }

  private claim(drill: Drill, role: string, bot: number): boolean {
    if (drill.state.roles[role]) return true;
    return this.submit(drill, bot, { type: 'role.claim', role });
  }

  /**
   * The bot that may use a power held by `roles` (declaring, severity): a holder of one of them. When nobody
   * holds one yet, the bot the first of them was given claims it now, as a team would when told who may.
   */
  private empowered(drill: Drill, roles: string[]): number {
    const held = roles.map((r) => drill.state.roles[r]).find(Boolean);
    const index = this.bots.findIndex((b) => b.id === held);
    if (index >= 0) return index;
    const bot = this.assignment.get(roles[0]) ?? 0;
    this.claim(drill, roles[0], bot);
    return bot;
  }

  /** Makes a decision: the option a transition asks for, else the best-rated one, by a holder of an addressed role. */
  private decide(drill: Drill, injectId: string, option?: string): boolean {
    const decision = drill.state.decisions[injectId];
    const inject = drill.state.injects.findLast((i) => i.injectId === injectId);
    if (!decision || decision.closed || !inject?.decision) return true; // nothing (more) to decide
    if (option === undefined && decision.choice) return true; // already decided, as the story asked
    const order = ['P', 'S', 'M', 'U'];
    const scripted = scenarioInjects(this.scenario).get(injectId)?.decision?.options ?? [];
    const best = [...scripted].sort((a, b) => order.indexOf(a.rating) - order.indexOf(b.rating))[0]?.id;
    const choice = option ?? best ?? inject.decision.options[0].id;
    if (decision.choice?.option === choice) return true;
    const by = inject.to.includes('all') ? this.holder(drill, ['ic']) : this.holder(drill, inject.to);
    return this.submit(drill, by, { type: 'decision.make', injectId, option: choice });
  }

  /**
   * Hands a role to the next bot: its holder assigns it (the incident commander's power). A role standing
   * empty goes to a bot other than its last holder; one nobody has held yet is claimed first and handed over
   * on the next try. A bot team's handover carries nothing but the role; the words that should go with it are
   * the people's part.
   */
  private handOver(drill: Drill, role: string): boolean {
    const { roles, lastHolders, handedOver } = drill.state;
    if (handedOver.includes(role)) return true;
    const assigned = this.assignment.get(role) ?? 0;
    const holder = this.bots.findIndex((b) => b.id === roles[role]);
    if (holder < 0) {
      const last = this.bots.findIndex((b) => b.id === lastHolders[role]);
      if (last >= 0) return this.claim(drill, role, (last + 1) % this.bots.length);
      this.claim(drill, role, assigned);
      return false;
    }
    const to = this.bots[(holder + 1) % this.bots.length];
    const by = role === 'ic' ? holder : this.holder(drill, ['ic'], holder);
    return this.submit(drill, by, { type: 'role.assign', role, participantId: to.id });
  }

  private ack(drill: Drill, injectId: string, to: string[]): boolean {
    if (drill.state.acks[injectId]) return true;
    return this.submit(drill, to.includes('all') ? this.holder(drill, ['ic']) : this.holder(drill, to), { type: 'inject.ack', injectId });
  }

  private page(drill: Drill, contact: string, again = false): boolean {
    const message = this.spec.writing === 'blaming' || this.spec.writing === 'shifting'
      ? 'Your platform is broken and it is hurting us. Fix it now.'
      : `We have an active ${drill.state.severity} incident and need your help: ${this.scenario.title}. Please join the bridge.`;
    const ok = this.submit(drill, this.holder(drill, ['ops'], 2), { type: 'contact.page', contact, message });
    if (again && this.rng.chance(0.5)) this.add(`repage:${contact}`, drill.now + this.draw([8, 16]), (d) => this.page(d, contact));
    return ok;
  }

  private declare(drill: Drill, status: 'mitigated' | 'resolved'): boolean {
    if (drill.state.declared[status]) return true;
    const by = this.empowered(drill, this.powers.declare);
    if (status === 'resolved') {
      // Resolving needs a standing mitigation: a team whose story never asked for one says so before closing.
      if (!drill.state.declared.mitigated) this.submit(drill, by, { type: 'incident.declare', status: 'mitigated' });
      this.status(drill, true);
    }
    const ok = this.submit(drill, by, { type: 'incident.declare', status });
    // A good team tells customers straight away when things change.
    const next = this.intents.get(`status:${this.posts + 1}`);
    if (ok && next && this.spec.deadlineAware) next.due = Math.min(next.due, drill.now + this.draw([0.5, 1.5]));
    return ok;
  }

  private status(drill: Drill, final = false): boolean {
    if (drill.state.declared.resolved) return true; // closed: the final post has been made
    const [low, high] = this.spec.statusEvery;
    const gap = Math.round(this.rng.between(low, high) * defaultCadenceMs(this.scenario) / 1000) * 1000;
    const phase = final ? 'resolved' : phaseOf(drill.state);
    const text = statusText(this.spec.writing, { phase, final, nextUpdateMinutes: gap / MINUTE }, this.rng, this.scenario.facts);
    const ok = this.submit(drill, this.holder(drill, this.commsRoles(), 1), { type: 'status.post', phase, text });
    if (!final) {
      this.posts++;
      if (this.spec.maxStatusPosts !== undefined && this.posts >= this.spec.maxStatusPosts) return ok;
      this.add(`status:${this.posts + 1}`, drill.now + gap, (d) => this.status(d));
    }
    return ok;
  }

  private chat(drill: Drill): boolean {
    const gap = this.draw(this.spec.chatEvery);
    const text = this.chatText(drill, gap);
    const ok = this.submit(drill, this.holder(drill, ['ic']), { type: 'chat.post', text });
    this.chats++;
    this.add(`chat:${this.chats + 1}`, drill.now + gap, (d) => this.chat(d));
    return ok;
  }

  private chatText(drill: Drill, gap: number): string {
    if (this.spec.writing === 'blaming') return this.rng.pick(WAR_ROOM.chaotic);
    if (this.spec.writing === 'shifting') return this.rng.pick(WAR_ROOM.shifting);
    if (this.spec.writing === 'thin') return this.rng.pick(WAR_ROOM.thin);
    if (this.chats > 0) return WAR_ROOM.update(drill.state, this.scenario, gap / MINUTE);
    const paging = this.needs(drill).flatMap((n) => (n.kind === 'page' ? [contactName(this.scenario, n.contact)] : []));
    const firstStatus = (this.intents.get('post:status-page')?.due ?? drill.now) - drill.now;
    return WAR_ROOM.open(this.bots[0].name, [...new Set(paging)], firstStatus / MINUTE);
  }

  private commsRoles(): string[] {
    // "comms", "Communications Lead" — but not "Incident Commander".
    const isComms = (text: string) => /\bcomms?\b|communicat/i.test(text);
    const comms = this.scenario.roles.filter((r) => isComms(r.id) || isComms(r.name)).map((r) => r.id);
    return comms.length ? comms : [...this.assignment].filter(([, bot]) => bot === 1).map(([role]) => role);
  }

}
