/**
 * Hand-written drills of the golden scenario: a textbook team, a slow one, a silent one, a chaotic one,
 * the textbook drill with pauses, and one with role handovers. Every log is recorded by a real `Drill`.
 */
import type { DrillCommand } from '../../../shared/drill/commands';
import { GOLDEN } from './golden-scenario';
import { joins, play, type Line } from './play';

const TEAM = joins([['ana', 'Ana Silva'], ['ben', 'Ben Okoro'], ['chen', 'Chen Wei'], ['dev', 'Dev Patel']]);
const start: Line = ['0:00', 'facilitator', { type: 'drill.start' }];
const status = (phase: 'investigating' | 'identified' | 'monitoring' | 'resolved', text: string): DrillCommand => ({ type: 'status.post', phase, text });
const chat = (text: string): DrillCommand => ({ type: 'chat.post', text });
const page = (contact: string, message: string): DrillCommand => ({ type: 'contact.page', contact, message });

export const TEXTBOOK_POSTS = {
  investigating: 'We are investigating failed payments at checkout: some customers cannot complete orders right now. Our engineers are working with our database provider to restore service. We are sorry for the disruption. Next update in 15 minutes.',
  identified: 'We have identified the cause: the database that stores orders stopped accepting new writes. Customers still cannot complete checkout. We are working with our database provider to switch over to a standby. We are sorry, this is our responsibility. Next update in 15 minutes.',
  monitoring: 'Checkout is working again. We switched over to a standby database and are monitoring closely. Orders placed in the last 30 minutes may show as pending for a few more minutes. We are sorry for the disruption. Next update in 20 minutes.',
  resolved: 'Resolved: checkout has been working normally since 19:02 UTC. Between 18:40 and 19:02 UTC customers could not complete orders. We switched over to a standby database. No data was lost and no card was charged twice. We are sorry: this was our responsibility. We will publish an incident report within 5 business days.',
};

const TEXTBOOK_LINES: Line[] = [
  ...TEAM,
  start,
  ['0:30', 'ana', { type: 'role.claim', role: 'ic' }],
  ['0:45', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
  ['1:00', 'ben', { type: 'role.claim', role: 'comms' }],
  ['1:00', 'chen', { type: 'role.claim', role: 'ops' }],
  ['1:30', 'ana', chat('I am IC. Ben has comms, Chen has ops. Chen, please page the DB vendor; Ben, first status update within 5 minutes.')],
  ['3:00', 'chen', page('vendor', 'P1: writes to our orders cluster time out since 18:40 UTC. Please investigate.')],
  ['5:00', 'ben', status('investigating', TEXTBOOK_POSTS.investigating)],
  ['8:30', 'chen', { type: 'inject.ack', injectId: 'failover-ask' }],
  ['9:00', 'chen', chat('Vendor confirms degraded storage. Failing over to the standby now.')],
  ['15:00', 'ben', status('identified', TEXTBOOK_POSTS.identified)],
  ['20:00', 'chen', chat('Failover done, checkout error rate back to 1%.')],
  ['22:00', 'ana', { type: 'incident.declare', status: 'mitigated' }],
  ['24:00', 'ben', status('monitoring', TEXTBOOK_POSTS.monitoring)],
  ['35:00', 'ben', status('resolved', TEXTBOOK_POSTS.resolved)],
  ['35:30', 'ana', { type: 'incident.declare', status: 'resolved' }],
  ['35:30', 'ana', { type: 'action-item.add', text: 'Alert on write latency to the orders database, not only on checkout errors', owner: 'Chen Wei', due: '2025-03-28' }],
  ['35:30', 'ben', { type: 'action-item.add', text: 'Pre-approve a status-page template for database outages', owner: 'Ben Okoro', due: '2025-03-21' }],
  ['35:30', 'facilitator', { type: 'note.add', text: 'The vendor was paged before the first status update; comms and ops worked in parallel.' }],
];

export const textbook = () => play(GOLDEN, TEXTBOOK_LINES);

/** The textbook drill paused twice for a quarter of an hour of wall time; drill time does not move. */
export const paused = () => play(GOLDEN, TEXTBOOK_LINES.flatMap((line): Line[] => {
  const [at] = line;
  if (at === '9:00') return [['9:00', 'facilitator', { type: 'drill.pause' }], ['9:00', 'facilitator', { type: 'note.add', text: 'Paused to answer a question about the vendor console.' }], ['9:00', 'facilitator', { type: 'drill.resume' }, 15 * 60_000], line];
  if (at === '22:00') return [['22:00', 'facilitator', { type: 'drill.pause' }], ['22:00', 'facilitator', { type: 'drill.resume' }, 10 * 60_000], line];
  return [line];
}));

export const slow = () => play(GOLDEN, [
  ...TEAM,
  start,
  ['4:00', 'ana', { type: 'role.claim', role: 'ic' }],
  ['7:00', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
  ['9:00', 'ben', { type: 'role.claim', role: 'comms' }],
  ['9:30', 'ben', chat('Anyone know what is going on with checkout?')],
  ['13:00', 'chen', { type: 'role.claim', role: 'ops' }],
  ['14:00', 'ben', status('investigating', 'We are looking into problems with checkout. Some customers may see errors when paying. More soon.')],
  ['14:30', 'chen', page('vendor', 'Our orders database is rejecting writes, can you check?')],
  ['22:00', 'chen', { type: 'inject.ack', injectId: 'failover-ask' }],
  ['35:00', 'ben', status('identified', 'We know what is wrong and are working on it with our database provider. Checkout remains unavailable for some customers.')],
  ['55:00', 'ana', { type: 'incident.declare', status: 'mitigated' }],
  ['58:00', 'ben', status('monitoring', 'Checkout should be working again. We are keeping an eye on it.')],
], { until: '60:00' });

export const silent = () => play(GOLDEN, [
  ...TEAM,
  start,
  ['6:00', 'ana', { type: 'role.claim', role: 'ic' }],
  ['9:00', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
], { until: '60:00' });

export const chaotic = () => play(GOLDEN, [
  ...TEAM,
  start,
  ['0:20', 'ana', { type: 'role.claim', role: 'ic' }],
  ['1:00', 'chen', { type: 'role.claim', role: 'comms' }],
  ['2:00', 'chen', page('vp', 'everything is on fire')],
  ['2:10', 'chen', page('vp', '???')],
  ['2:30', 'ben', page('dba', 'db down??')],
  ['3:00', 'ana', { type: 'role.release', role: 'ic' }],
  ['4:00', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
  ['6:00', 'ben', { type: 'role.claim', role: 'ic' }],
  ['11:00', 'ben', page('vendor', 'orders db broken')],
  ['13:00', 'chen', status('investigating', 'Issue with orders-db primary, 5xx on POST /orders. Vendor issue, our provider is to blame. ETA for the fix 10 minutes.')],
  ['29:00', 'chen', status('identified', 'Checkout is down due to an outage at our database provider. It will be fixed within 30 minutes.')],
  ['31:00', 'ana', page('dba', 'still down')],
  ['45:00', 'ben', { type: 'incident.declare', status: 'mitigated' }],
], { until: '60:00' });

export const handover = () => play(GOLDEN, [
  ...TEAM,
  start,
  ['0:30', 'ana', { type: 'role.claim', role: 'ic' }],
  ['0:45', 'ana', { type: 'inject.ack', injectId: 'first-page' }],
  ['1:00', 'ben', { type: 'role.claim', role: 'comms' }],
  ['1:00', 'chen', { type: 'role.claim', role: 'ops' }],
  ['3:00', 'chen', page('vendor', 'P1: writes to our orders cluster time out. Please investigate.')],
  ['5:00', 'ben', status('investigating', TEXTBOOK_POSTS.investigating)],
  ['8:30', 'chen', { type: 'inject.ack', injectId: 'failover-ask' }],
  ['15:00', 'ben', status('identified', TEXTBOOK_POSTS.identified)],
  ['20:00', 'ana', chat('Handing IC to Dev: I am needed on the failover call.')],
  ['20:00', 'ana', { type: 'role.assign', role: 'ic', participantId: 'dev' }],
  ['22:00', 'dev', { type: 'incident.declare', status: 'mitigated' }],
  ['25:00', 'ben', { type: 'role.release', role: 'comms' }],
  ['27:00', 'chen', { type: 'role.claim', role: 'comms' }],
  ['28:00', 'chen', status('monitoring', TEXTBOOK_POSTS.monitoring)],
  ['35:00', 'chen', status('resolved', TEXTBOOK_POSTS.resolved)],
  ['35:30', 'dev', { type: 'incident.declare', status: 'resolved' }],
]);
