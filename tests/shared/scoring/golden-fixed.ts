/**
 * The golden scenario with the story's truth marked: states where the service actually works again
 * (`fixed: mitigated`) and is actually fixed (`fixed: resolved`), reached on evidence (the vendor's reply, the
 * failover call, time), never by a declaration; a decision inject; a `useful` contact. Frozen for the tests of
 * the scoring rules that need them.
 */
import { scenarioFrom } from '../drill/helpers';

export const GOLDEN_FIXED = scenarioFrom(`
id: golden-fixed
version: 1
title: The orders database stops accepting writes
summary: Checkout fails at peak hour because the managed orders database rejects writes.
severity: SEV1
duration: 60m
facts: { data-lost: false, customers-charged: false }
roles:
  - { id: ic, name: Incident Commander, required: true }
  - { id: comms, name: Communications Lead, required: true }
  - { id: ops, name: Operations Lead }
  - { id: scribe, name: Scribe }
contacts:
  - { id: vendor, name: DB vendor support, title: Vendor support, responds: 4m, reply: We see a degraded storage node. We can fail you over to the standby on request. }
  - { id: vp, name: Dana Okafor, title: VP Engineering, responds: 10m }
  - { id: dba, name: Luis Ferreira, title: DBA on call, responds: 5m, useful: true }
objectives:
  - { id: page-acked, title: The page is acknowledged, measure: { kind: ack, inject: first-page }, target: 5m }
  - { id: ic-named, title: An incident commander is named, measure: { kind: role-filled, role: ic }, target: 3m, weight: 2 }
  - { id: roles-filled, measure: { kind: roles-filled }, target: 8m }
  - { id: first-update, title: Customers hear from us, measure: { kind: first-post, channel: status-page }, target: 10m, weight: 3 }
  - { id: cadence, measure: { kind: cadence, channel: status-page }, target: 20m }
  - { id: vendor, measure: { kind: escalated, contact: vendor }, target: 10m, weight: 2 }
  - { id: quality, measure: { kind: rubric, channel: status-page }, target: 70 }
  - { id: failover-call, measure: { kind: decision, inject: failover-call }, target: 5m, weight: 2 }
  - { id: mitigated, title: Checkout works again, measure: { kind: declared, status: mitigated }, target: 40m }
  - { id: resolved, title: The incident is closed, measure: { kind: declared, status: resolved }, target: 55m }
initial: detection
states:
  detection:
    description: Checkout writes start failing; the team has to notice, organise and call the vendor.
    injects:
      - { id: first-page, at: 0s, channel: pager, from: Paging system, title: "CRITICAL: checkout error rate 38%", ack: true }
      - { at: 3m, channel: support, from: Support desk, title: 40 tickets in 10 minutes }
    on:
      - { when: { replied: vendor }, goto: engaged }
    after:
      - { in: 12m, unless: { posted: status-page }, goto: storm }
  storm:
    description: Twelve minutes without a status update; customers go public.
    injects:
      - { channel: social, from: "@angry_customer", title: Checkout broken and not a word from you }
    on:
      - { when: { replied: vendor }, goto: engaged }
  engaged:
    description: The vendor is on the case; the team has to make the failover call.
    injects:
      - id: failover-call
        at: 1m
        to: [ic]
        channel: vendor
        from: DB vendor
        title: Fail over now?
        body: We can promote the standby; two minutes read-only, the last seconds of writes may be lost.
        decision:
          options:
            - { id: failover, label: Fail over to the standby now, rating: P, why: Restores checkout fastest; the loss window is seconds. }
            - { id: wait, label: Wait for the storage fix, rating: M, why: No ETA from the vendor while checkout is down at peak. }
    on:
      - { when: { decided: { inject: failover-call, option: failover } }, goto: failing-over }
    after:
      - { in: 15m, goto: failing-over }
  failing-over:
    description: The standby is being promoted; writes still fail.
    after:
      - { in: 3m, goto: failed-over }
  failed-over:
    description: The failover completed and writes flow again
    fixed: mitigated
    injects:
      - { channel: telemetry, title: Checkout error rate back to 1% }
    on:
      - { when: { declared: mitigated }, goto: recovery }
  recovery:
    description: The team replays the stuck orders and watches the error rate.
    after:
      - { in: 10m, goto: stable }
  stable:
    description: Every stuck order is replayed and checkout has been normal for ten minutes
    fixed: resolved
    on:
      - { when: { declared: resolved }, goto: done }
  done:
    final: true
`);
