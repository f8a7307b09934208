/**
 * A small, frozen scenario for the golden tests: it must not change when the bundled scenarios are edited.
 */
import { Scenario } from '../../../shared/scenario/schema';

export const GOLDEN = Scenario.parse({
  id: 'golden-db',
  version: 1,
  title: 'The orders database stops accepting writes',
  summary: 'Checkout fails at peak hour because the managed orders database rejects writes.',
  severity: 'SEV1',
  duration: '60m',
  roles: [
    { id: 'ic', name: 'Incident Commander', required: true },
    { id: 'comms', name: 'Communications Lead', required: true },
    { id: 'ops', name: 'Operations Lead' },
  ],
  contacts: [
    { id: 'vendor', name: 'DB vendor support', title: 'Vendor support', responds: '4m' },
    { id: 'vp', name: 'Dana Okafor', title: 'VP Engineering', responds: '10m' },
    { id: 'dba', name: 'Luis Ferreira', title: 'DBA on call', responds: '5m' },
  ],
  objectives: [
    { id: 'page-acked', title: 'The page is acknowledged', measure: { kind: 'ack', inject: 'first-page' }, target: '5m' },
    { id: 'ic-named', title: 'An incident commander is named', measure: { kind: 'role-filled', role: 'ic' }, target: '3m', weight: 2 },
    { id: 'roles-filled', measure: { kind: 'roles-filled' }, target: '8m' },
    { id: 'first-update', title: 'Customers hear from us', measure: { kind: 'first-post', channel: 'status-page' }, target: '10m', weight: 3 },
    { id: 'cadence', measure: { kind: 'cadence', channel: 'status-page' }, target: '20m' },
    { id: 'vendor', measure: { kind: 'escalated', contact: 'vendor' }, target: '10m', weight: 2 },
    { id: 'quality', measure: { kind: 'rubric', channel: 'status-page' }, target: 70 },
    { id: 'mitigated', measure: { kind: 'declared', status: 'mitigated' }, target: '40m' },
  ],
  initial: 'detection',
  states: {
    detection: {
      injects: [
        { id: 'first-page', at: '0s', channel: 'pager', from: 'Paging system', title: 'CRITICAL: checkout error rate 38%', ack: true },
        { at: '3m', channel: 'support', from: 'Support desk', title: '40 tickets in 10 minutes' },
      ],
      on: [{ when: { escalated: 'vendor' }, goto: 'engaged' }],
      after: [{ in: '12m', unless: { posted: 'status-page' }, goto: 'storm' }],
    },
    storm: {
      injects: [{ channel: 'social', from: '@angry_customer', title: 'Checkout broken and not a word from you' }],
      on: [{ when: { escalated: 'vendor' }, goto: 'engaged' }],
    },
    engaged: {
      injects: [{ id: 'failover-ask', at: '5m', to: ['ops'], channel: 'vendor', from: 'DB vendor', title: 'Confirm the failover', ack: true }],
      on: [{ when: { declared: 'mitigated' }, goto: 'recovery' }],
    },
    recovery: { on: [{ when: { declared: 'resolved' }, goto: 'done' }] },
    done: { final: true },
  },
});
