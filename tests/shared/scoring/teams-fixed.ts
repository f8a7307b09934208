/**
 * Drills of GOLDEN_FIXED: a textbook team, and teams that try to game the scorecard — declaring victory
 * early, retracting and trying again, claiming roles in the lobby and doing nothing, stuffing posts with cue
 * words, blaming the vendor. Every log is recorded by a real `Drill`.
 */
import type { DrillCommand } from '../../../shared/drill/commands';
import { GOLDEN_FIXED } from './golden-fixed';
import { joins, play, type Line } from './play';

export const TEAM = joins([['ana', 'Ana Silva'], ['ben', 'Ben Okoro'], ['chen', 'Chen Wei'], ['dev', 'Dev Patel']]);
export const start: Line = ['0:00', 'facilitator', { type: 'drill.start' }];
const status = (phase: 'investigating' | 'identified' | 'monitoring' | 'resolved', text: string): DrillCommand => ({ type: 'status.post', phase, text });
const page = (contact: string, message: string): DrillCommand => ({ type: 'contact.page', contact, message });
const declare = (s: 'mitigated' | 'resolved'): DrillCommand => ({ type: 'incident.declare', status: s });

export const POSTS = {
  investigating: 'We are investigating failed payments at checkout: some customers cannot complete orders right now. Our engineers are working with our database provider to restore service. We are sorry for the disruption. Next update in 15 minutes.',
  identified: 'We have found the cause: the database that stores orders stopped accepting new writes. Customers still cannot complete checkout. We are switching over to a standby database now. We are sorry, this is our responsibility. Next update in 15 minutes.',
  monitoring: 'Checkout is working again. We switched over to a standby database and are monitoring closely. We are sorry for the disruption. Next update in 15 minutes.',
  resolved: 'Resolved: checkout has been working normally since 19:02 UTC. Between 18:40 and 19:02 UTC customers could not complete orders. We switched over to a standby database. No data was lost and no card was charged twice. We are sorry: this was our responsibility. We will publish an incident report within 5 business days.',
};

/**
 * Textbook: roles at once, the vendor paged at 1:00 (reply at 5:00), the useful DBA paged too, the failover
 * call a minute after it arrives, mitigated once the failover completed (10:00), resolved once stable (21:00).
 */
const TEXTBOOK: Line[] = [
  ...TEAM,
  start,
  ['0:20', 'ana', { type: 'role.claim', role: 'ic' }],
  ['0:30', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
  ['0:40', 'ben', { type: 'role.claim', role: 'comms' }],
  ['0:40', 'chen', { type: 'role.claim', role: 'ops' }],
  ['0:50', 'ana', { type: 'chat.post', text: 'I am IC. Ben has comms, Chen ops. Chen: page the vendor and the DBA. Ben: first update within 5 minutes.' }],
  ['1:00', 'chen', page('vendor', 'P1: writes to our orders database time out since 18:40 UTC. Please investigate.')],
  ['2:00', 'chen', page('dba', 'Orders database rejects writes. Can you check the pool and the primary?')],
  ['4:00', 'ben', status('investigating', POSTS.investigating)],
  ['7:00', 'ana', { type: 'decision.make', injectId: 'failover-call', option: 'failover', reason: 'Checkout is down at peak; seconds of writes are worth it.' }],
  ['9:00', 'ben', status('identified', POSTS.identified)],
  ['11:00', 'ana', declare('mitigated')],
  ['12:00', 'ben', status('monitoring', POSTS.monitoring)],
  ['23:00', 'ben', status('resolved', POSTS.resolved)],
  ['23:30', 'ana', declare('resolved')],
  ['23:30', 'ana', { type: 'action-item.add', text: 'Alert on write latency to the orders database', owner: 'Chen Wei', due: '2025-03-28' }],
];

export const fixedTextbook = () => play(GOLDEN_FIXED, TEXTBOOK);

/**
 * The declare-victory pattern: every role claimed in the lobby, the vendor paged at minute 1, mitigated
 * declared at 1:12 before anyone replied, two template updates, resolved at 4:00 — then nothing. The story
 * fixes itself later (the vendor's own timer), and the standing declarations move it on to the end.
 */
export const declareVictory = () => play(GOLDEN_FIXED, [
  ...TEAM,
  ['0:00', 'ana', { type: 'role.claim', role: 'ic' }],
  ['0:00', 'ben', { type: 'role.claim', role: 'comms' }],
  ['0:00', 'chen', { type: 'role.claim', role: 'ops' }],
  ['0:00', 'dev', { type: 'role.claim', role: 'scribe' }],
  start,
  ['0:30', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
  ['1:00', 'chen', page('vendor', 'P1: writes to our orders database time out. Please investigate.')],
  ['1:12', 'ana', declare('mitigated')],
  ['2:00', 'ben', status('monitoring', POSTS.monitoring)],
  ['3:30', 'ben', status('resolved', POSTS.resolved)],
  ['4:00', 'ana', declare('resolved')],
], { until: '60:00' });

/** Textbook, but the IC declares mitigated at 3:00, before the failover; retracts it at 5:00 with a reason. */
export const retracted = (again = true) => play(GOLDEN_FIXED, TEXTBOOK.flatMap((line): Line[] => {
  if (line[0] === '4:00') return [['3:00', 'ana', declare('mitigated')], line, ['5:00', 'ana', { type: 'incident.retract', status: 'mitigated', reason: 'The vendor says writes still fail; we called it too early.' }]];
  if (!again && (line[0] === '11:00' || line[0] === '23:30' || line[0] === '23:00')) return [];
  return [line];
}), { until: again ? undefined : '60:00' });

/** Every role claimed in the lobby, then silence. */
export const lobbyClaimers = () => play(GOLDEN_FIXED, [
  ...TEAM,
  ['0:00', 'ana', { type: 'role.claim', role: 'ic' }],
  ['0:00', 'ben', { type: 'role.claim', role: 'comms' }],
  ['0:00', 'chen', { type: 'role.claim', role: 'ops' }],
  ['0:00', 'dev', { type: 'role.claim', role: 'scribe' }],
  start,
], { until: '60:00' });

/** Textbook timing, every status post replaced: with cue words, or with blame. */
export const rewritten = (texts: Record<keyof typeof POSTS, string>) => play(GOLDEN_FIXED, TEXTBOOK.map((line): Line => {
  const [at, who, command] = line;
  return command.type === 'status.post' ? [at, who, { ...command, text: texts[command.phase] }] : line;
}));

export const STUFFED: Record<keyof typeof POSTS, string> = {
  investigating: 'We are sorry. We take this seriously. Our responsibility. Next update in 30 minutes. Sorry. Impact. Fix. Update.',
  identified: 'Sorry. Identified. Our responsibility. Impact. Fix. Next update in 30 minutes. We apologise. Update.',
  monitoring: 'Monitoring. Sorry. Fixed. Our responsibility. Impact. Next update in 30 minutes. Update. Update.',
  resolved: 'Resolved. Sorry. Our responsibility. Impact. Fix. Data. Update. We apologise. Thank you.',
};

export const BLAMING: Record<keyof typeof POSTS, string> = {
  investigating: 'Checkout is failing for some customers because our database vendor had an outage. This is their fault, not ours. Next update in 15 minutes.',
  identified: 'Checkout still fails for some customers. An engineer at our provider typed the wrong command; we are waiting for them to fix it. Next update in 15 minutes.',
  monitoring: 'Checkout works again now that the vendor fixed their mistake. This will never happen again. Next update in 15 minutes.',
  resolved: 'Resolved: checkout works again. The outage was caused by human error at our database vendor. No data was lost and no card was charged twice.',
};
