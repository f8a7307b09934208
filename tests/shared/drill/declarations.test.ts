import { describe, expect, it } from 'vitest';
import type { DrillCommand } from '../../../shared/drill/commands';
import { factsOf } from '../../../shared/drill/state';
import { facilitator, MIN, must, ofType, player, startedDrill, statesEntered, TEAM, tinyScenario, refused } from './helpers';

const declare = (status: 'mitigated' | 'resolved'): DrillCommand => ({ type: 'incident.declare', status });
const retract = (status: 'mitigated' | 'resolved', reason = 'The error rate is climbing again'): DrillCommand => ({ type: 'incident.retract', status, reason });

/**
 * A story that is fixed in `failed-over` (mitigated, entered when the vendor replies) and in `stable`
 * (resolved, ten minutes later); it answers a premature all-clear with angry customers.
 */
const story = tinyScenario(`
  start:
    on:
      - { when: { replied: vendor }, goto: failed-over }
      - { when: { premature: resolved }, goto: still-broken }
  still-broken:
    injects:
      - { id: angry, channel: social, title: Your status page says resolved. Checkout still fails. }
    on:
      - { when: { replied: vendor }, goto: failed-over }
  failed-over:
    fixed: mitigated
    after:
      - { in: 10m, goto: stable }
  stable:
    fixed: resolved
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`, { duration: '60m' });

describe('who may declare, retract and set severity', () => {
  it('by default only the incident commander, naming who holds the role', () => {
    const drill = startedDrill(story, { ...TEAM, ivy: [] });
    drill.advanceTo(MIN);
    refused(drill, declare('mitigated'), player('bea'), 'forbidden', /^Only the Incident Commander can declare the incident mitigated\. Claim the role, or ask Ann \(Incident Commander\)\.$/);
    refused(drill, { type: 'severity.set', severity: 'SEV1' }, player('cal'), 'forbidden', /^Only the Incident Commander can change the severity\. .*ask Ann/);
    must(drill, declare('mitigated'), player('ann'));
    refused(drill, retract('mitigated'), player('dee'), 'forbidden', /^Only the Incident Commander can retract the mitigated declaration\./);
    must(drill, { type: 'severity.set', severity: 'SEV1' }, player('ann'));
  });

  it('says so when nobody holds the role yet', () => {
    const drill = startedDrill(story, { bea: ['comms'] });
    drill.advanceTo(MIN);
    refused(drill, declare('mitigated'), player('bea'), 'forbidden', /Claim the role; nobody holds it yet\./);
    must(drill, { type: 'role.claim', role: 'ic' }, player('bea'));
    must(drill, declare('mitigated'), player('bea'));
  });

  it('follows the scenario\'s powers, for several roles', () => {
    const scenario = { ...story, powers: { declare: ['ic', 'ops'], severity: ['comms'], 'take-over-after': '5m' } };
    const drill = startedDrill(scenario, { ann: ['ic'], bea: ['comms'], dee: ['scribe'] });
    drill.advanceTo(MIN);
    refused(drill, declare('mitigated'), player('dee'), 'forbidden',
      /^Only the Incident Commander or the Operations Lead can declare the incident mitigated\. Claim the role, or ask Ann \(Incident Commander\)\.$/);
    refused(drill, { type: 'severity.set', severity: 'SEV1' }, player('ann'), 'forbidden', /^Only the Communications Lead can change the severity\. Claim the role, or ask Bea/);
    must(drill, { type: 'severity.set', severity: 'SEV1' }, player('bea'));
    must(drill, { type: 'role.claim', role: 'ops' }, player('dee'));
    must(drill, declare('mitigated'), player('dee'));
  });

  it('lets the facilitator declare, retract and set severity, logged as the facilitator', () => {
    const drill = startedDrill(story, TEAM);
    must(drill, { type: 'severity.set', severity: 'SEV1' }, facilitator, MIN);
    must(drill, declare('mitigated'), facilitator, 2 * MIN);
    must(drill, retract('mitigated'), facilitator, 3 * MIN);
    expect(drill.state.declarations.map((d) => [d.action, d.by.kind])).toEqual([['declare', 'facilitator'], ['retract', 'facilitator']]);
    expect(drill.state.severity).toBe('SEV1');
  });
});

describe('declaring and retracting', () => {
  it('refuses resolved before mitigated, and mitigated twice', () => {
    const drill = startedDrill(story, TEAM);
    drill.advanceTo(MIN);
    refused(drill, declare('resolved'), player('ann'), 'conflict', /^Declare mitigated first\.$/);
    must(drill, declare('mitigated'), player('ann'));
    refused(drill, declare('mitigated'), player('ann'), 'conflict', /already declared mitigated/);
    must(drill, declare('resolved'), player('ann'));
  });

  it('retracts a standing declaration with a reason; resolved first; then it can be declared again', () => {
    const drill = startedDrill(story, TEAM);
    drill.advanceTo(MIN);
    refused(drill, retract('mitigated'), player('ann'), 'conflict', /not declared mitigated, so there is nothing to retract/);
    must(drill, declare('mitigated'), player('ann'));
    must(drill, declare('resolved'), player('ann'));
    refused(drill, retract('mitigated'), player('ann'), 'conflict', /^Retract resolved first\.$/);
    must(drill, retract('resolved', 'Customers still report failures'), player('ann'));
    must(drill, retract('mitigated'), player('ann'));
    expect(drill.state.declared).toEqual({});
    must(drill, declare('mitigated'), player('ann'), 2 * MIN);
    expect(drill.state.declarations.map((d) => `${d.action} ${d.status}${d.reason ? `: ${d.reason}` : ''}`)).toEqual([
      'declare mitigated', 'declare resolved', 'retract resolved: Customers still report failures',
      'retract mitigated: The error rate is climbing again', 'declare mitigated',
    ]);
  });

  it('refuses a retraction without a reason or with one that is too long', async () => {
    const { TeamCommand } = await import('../../../shared/drill/commands');
    expect(TeamCommand.safeParse({ type: 'incident.retract', status: 'mitigated' }).success).toBe(false);
    expect(TeamCommand.safeParse({ type: 'incident.retract', status: 'mitigated', reason: '   ' }).success).toBe(false);
    expect(TeamCommand.safeParse({ type: 'incident.retract', status: 'mitigated', reason: 'x'.repeat(501) }).success).toBe(false);
    expect(TeamCommand.safeParse({ type: 'incident.retract', status: 'mitigated', reason: 'x'.repeat(500) }).success).toBe(true);
  });
});

describe('premature declarations', () => {
  it('are declarations made before the story reached a fixed state of that level', () => {
    const drill = startedDrill(story, TEAM);
    must(drill, { type: 'contact.page', contact: 'vendor', message: 'P1' }, player('cal'), MIN);
    must(drill, declare('mitigated'), player('ann'), 2 * MIN); // the vendor answers at 5m
    expect(drill.state.declared.mitigated?.premature).toBe(true);
    drill.advanceTo(5 * MIN);
    expect(drill.state.fixedLevel).toBe('mitigated');
    expect(ofType(drill.log, 'state.entered').map((e) => [e.state, e.fixed])).toEqual([['start', undefined], ['failed-over', 'mitigated']]);
    // Still premature: it was made too early, and stands. Retracted and made again, it is not.
    expect(factsOf(drill.state).premature).toEqual(['mitigated']);
    must(drill, retract('mitigated', 'We called it before the failover finished'), player('ann'), 6 * MIN);
    must(drill, declare('mitigated'), player('ann'), 6 * MIN);
    expect(drill.state.declared.mitigated?.premature).toBe(false);
    must(drill, declare('resolved'), player('ann'), 7 * MIN); // stable only at 15m
    expect(drill.state.declared.resolved?.premature).toBe(true);
    expect(factsOf(drill.state)).toMatchObject({ declared: ['mitigated', 'resolved'], premature: ['resolved'] });
  });

  it('resolved counts as fixed for mitigated too', () => {
    const scenario = tinyScenario(`
      start:
        on:
          - { when: { replied: vendor }, goto: fixed }
      fixed:
        fixed: resolved
        on:
          - { when: { declared: resolved }, goto: done }
      done: { final: true }
    `);
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'contact.page', contact: 'vendor', message: 'P1' }, player('cal'), MIN);
    drill.advanceTo(5 * MIN);
    must(drill, declare('mitigated'), player('ann'));
    must(drill, declare('resolved'), player('ann'));
    expect(drill.state.declarations.map((d) => d.premature)).toEqual([false, false]);
  });

  it('can be answered by the story (a premature condition)', () => {
    const drill = startedDrill(story, TEAM);
    must(drill, declare('mitigated'), player('ann'), MIN);
    must(drill, declare('resolved'), player('ann'), MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'still-broken']);
    expect(drill.state.injects.map((i) => i.injectId)).toContain('angry');
  });
});
