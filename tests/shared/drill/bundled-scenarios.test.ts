import { describe, expect, it } from 'vitest';
import { Drill } from '../../../shared/drill/drill';
import { rolesOf } from '../../../shared/drill/roster';
import { leaves } from '../../../shared/scenario/conditions';
import { scenarioDurationMs } from '../../../shared/scenario/model';
import type { Condition, Scenario } from '../../../shared/scenario/schema';
import { bundledScenario, bundledScenarioFiles, facilitator, MIN, must, ofType, player, SEC, startedDrill, statesEntered } from './helpers';

/** Every leaf of every `on`/`after` condition in the scenario. */
function conditionLeaves(scenario: Scenario) {
  const conditions: Condition[] = Object.values(scenario.states).flatMap((s) => [
    ...s.on.map((t) => t.when),
    ...s.after.flatMap((t) => (t.unless ? [t.unless] : [])),
  ]);
  return conditions.flatMap(leaves);
}

/** States only reached by an `after … unless` contingency: a good team never sees them. */
function contingencyStates(scenario: Scenario): Set<string> {
  const byOn = new Set([scenario.initial, ...Object.values(scenario.states).flatMap((s) => s.on.map((t) => t.goto))]);
  return new Set(Object.values(scenario.states).flatMap((s) => s.after.filter((a) => a.unless && !byOn.has(a.goto)).map((a) => a.goto)));
}

/**
 * A team that does everything right: one player per role, acknowledges what needs it within a minute, opens
 * the war room, posts on the status page, sets the severity the scenario asks about, pages every contact a
 * condition names, makes every decision it is asked for with the best-rated option, hands over a role the
 * story waits to see handed over, waits for the replies a condition needs, then declares mitigated and resolved.
 */
function playGoodTeam(scenario: Scenario): Drill {
  const players = Object.fromEntries(scenario.roles.map((r) => [`p-${r.id}`, [r.id]]));
  const drill = startedDrill(scenario, players);
  const holder = (role: string) => drill.state.roles[role] ?? 'p-' + scenario.roles[0].id;
  const lead = () => holder(scenario.roles[0].id);
  const found = conditionLeaves(scenario);
  const toHandOver = [...new Set(found.flatMap((c) => ('handed-over' in c ? [c['handed-over']] : [])))];
  const toPage = [...new Set(found.flatMap((c) => ('escalated' in c ? [c.escalated] : 'replied' in c ? [c.replied] : [])))];
  const awaitReplies = [...new Set(found.flatMap((c) => ('replied' in c ? [c.replied] : [])))];
  const severity = found.find((c) => 'severity' in c) as { severity: Scenario['severity'] } | undefined;

  const ackAll = (t: number) => {
    for (const inject of drill.state.injects) {
      if (!inject.ack || drill.state.acks[inject.injectId]) continue;
      const by = inject.to.includes('all') ? lead() : Object.keys(players).find((p) => inject.to.some((r) => rolesOf(drill.state, p).includes(r)));
      must(drill, { type: 'inject.ack', injectId: inject.injectId }, player(by!), t);
    }
  };

  const decideAll = (t: number) => {
    for (const decision of Object.values(drill.state.decisions)) {
      if (decision.choice || decision.closed) continue;
      const inject = drill.state.injects.find((i) => i.injectId === decision.injectId)!;
      const options = scenario.states[inject.state!].injects.find((i) => i.id === inject.injectId)!.decision!.options;
      const best = [...options].sort((a, b) => 'PSMU'.indexOf(a.rating) - 'PSMU'.indexOf(b.rating))[0];
      const by = inject.to.includes('all') ? lead() : Object.keys(players).find((p) => inject.to.some((r) => rolesOf(drill.state, p).includes(r)));
      must(drill, { type: 'decision.make', injectId: inject.injectId, option: best.id }, player(by!), t);
    }
  };

  let t = 30 * SEC;
  ackAll(t);
  must(drill, { type: 'chat.post', text: 'I am IC. War room is open, all updates here.' }, player(lead()), t);
  if (severity && drill.state.severity !== severity.severity) must(drill, { type: 'severity.set', severity: severity.severity }, player(lead()), t);
  t = 1 * MIN;
  must(drill, { type: 'status.post', phase: 'investigating', text: 'Checkout is failing for many customers. We own this and are working on it. Next update in 15 minutes.' }, player(holder('comms')), t);
  t = 2 * MIN;
  for (const contact of toPage) must(drill, { type: 'contact.page', contact, message: 'Major incident, please join the bridge now.' }, player(lead()), t);
  const end = scenarioDurationMs(scenario);
  const ended = () => drill.state.status === 'ended';
  while (!ended() && t < end) {
    t += MIN;
    drill.advanceTo(t);
    if (ended()) break;
    ackAll(t);
    decideAll(t);
    if (ended()) break;
    for (const role of toHandOver) {
      if (drill.state.handedOver.includes(role)) continue;
      const next = Object.keys(players).find((p) => p !== drill.state.roles[role] && drill.state.participants[p]);
      must(drill, { type: 'role.assign', role, participantId: next! }, player(holder('ic')), t);
    }
    const replied = new Set(drill.state.pages.filter((p) => p.reply).map((p) => p.contact));
    if (!drill.state.declared.mitigated && awaitReplies.every((c) => replied.has(c))) {
      must(drill, { type: 'incident.declare', status: 'mitigated' }, player(holder('ic')), t);
    } else if (drill.state.declared.mitigated && !drill.state.declared.resolved) {
      must(drill, { type: 'incident.declare', status: 'resolved' }, player(holder('ic')), t);
    }
  }
  return drill;
}

const files = bundledScenarioFiles();

describe('bundled scenarios', () => {
  it('include the two the product brief names', () => {
    expect(files).toEqual(expect.arrayContaining(['partner-db-down.yaml', 'mislabelled-switch.yaml']));
  });

  describe.each(files)('%s', (file) => {
    const scenario = bundledScenario(file);

    it('compiles, and a good team finishes it in a final state well before the duration', () => {
      const drill = playGoodTeam(scenario);
      const duration = scenarioDurationMs(scenario);
      expect(drill.state).toMatchObject({ status: 'ended', endedReason: 'final' });
      expect(drill.state.t).toBeLessThan(duration / 2);
      const entered = statesEntered(drill.log);
      expect(scenario.states[entered.at(-1)!].final).toBe(true);
      expect(entered.filter((s) => contingencyStates(scenario).has(s))).toEqual([]);
      // Every inject that needed acknowledging got it.
      expect(drill.state.injects.filter((i) => i.ack && !drill.state.acks[i.injectId]).map((i) => i.injectId)).toEqual([]);
      // Nothing happens after the end.
      const length = drill.log.length;
      drill.advanceTo(duration * 2);
      expect(drill.log).toHaveLength(length);
    });

    it('runs to the duration with a team that does nothing, and ends there', () => {
      const drill = new Drill(scenario);
      must(drill, { type: 'drill.start' }, facilitator, 0);
      drill.advanceTo(scenarioDurationMs(scenario) + MIN);
      expect(ofType(drill.log, 'drill.ended')).toEqual([expect.objectContaining({ reason: 'duration', t: scenarioDurationMs(scenario) })]);
      expect(drill.state.endedReason).toBe('duration');
    });
  });
});
