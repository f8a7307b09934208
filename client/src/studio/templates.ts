import { isMap, isScalar, parseDocument } from 'yaml';

/**
 * Starting points for a new scenario, and the text edits "Edit a copy" makes. The minimal scenario is the one
 * docs/scenario-format.md ends with (a test keeps the two equal).
 */
export const MINIMAL_SCENARIO = `# yaml-language-server: $schema=./scenario.schema.json
id: cache-stampede
version: 1
title: The cache went cold
summary: A cache cluster restarts at lunchtime and every request falls through to the database.
briefing: |
  It is 12:05 on a Wednesday. You run the API for a food-delivery app; lunch orders are peaking.
severity: SEV2
duration: 45m
tags: [cache, database]
internal-terms: [redis-cache, cache-01, orders-api]
facts: { data-lost: false, attack: false }
roles:
  - { id: ic, name: Incident Commander, required: true }
  - { id: comms, name: Communications Lead, required: true }
  - { id: ops, name: Operations Lead }
  - { id: scribe, name: Scribe }
contacts:
  - id: dba-oncall
    name: Luis Ferreira
    title: DBA on call
    responds: 6m
    reply: The primary is at 100% CPU from cache misses. I can add read replicas; give me ten minutes.
telemetry:
  - { id: api-latency, title: API p99 latency, unit: ms }
objectives:
  - { id: page-acked, measure: { kind: ack, inject: first-page }, target: 5m }
  - { id: ic-named, measure: { kind: role-filled, role: ic }, target: 3m, weight: 2 }
  - { id: first-update, measure: { kind: first-post, channel: status-page }, target: 10m, weight: 3 }
  - { id: dba, measure: { kind: escalated, contact: dba-oncall }, target: 10m, weight: 2 }
  - { id: quality, measure: { kind: rubric, channel: status-page }, target: 70 }
  - { id: mitigated, measure: { kind: declared, status: mitigated }, target: 30m }
initial: detection
states:
  detection:
    injects:
      - id: first-page
        channel: pager
        from: Paging system
        title: "HIGH: API p99 latency 4.2s"
        ack: true
      - { at: 1m, telemetry: { api-latency: [180, 900, 2600, 4200] } }
      - { at: 4m, channel: support, from: Support desk, title: Orders stuck on "Placing your order…" }
    on:
      - { when: { replied: dba-oncall }, goto: fixing }
    after:
      - { in: 10m, unless: { posted: status-page }, goto: complaints }
  complaints:
    injects:
      - { channel: social, from: "@hungry_hannah", title: 20 minutes to place one order. Is this app down or what? }
    on:
      - { when: { replied: dba-oncall }, goto: fixing }
  fixing:
    injects:
      - { at: 8m, telemetry: { api-latency: [3100, 1200, 400, 200] } }
    after:
      - { in: 10m, goto: recovered }
  recovered:
    fixed: resolved
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`;

/** The text with its top-level `id:` (and, with `title`, its `title:`) replaced, everything else as written. */
export function withIdAndTitle(text: string, id: string, title?: string): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) return text;
  const edits: { from: number; to: number; insert: string }[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value) || !pair.value.range) continue;
    const [from, to] = pair.value.range;
    if (pair.key.value === 'id') edits.push({ from, to, insert: id });
    if (pair.key.value === 'title' && title !== undefined) edits.push({ from, to, insert: JSON.stringify(title) });
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to);
  return out;
}

/** The id to give a copy: `<id>-copy`, then `-copy-2`, … until it is free. */
export function copyId(id: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let candidate = `${id}-copy`;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-copy-${n}`;
  return candidate;
}

/** A copy of a scenario's file for the studio: a free id and "(copy)" in the title, comments and layout kept. */
export function copyOf(text: string, id: string, title: string, taken: Iterable<string>): string {
  return withIdAndTitle(text, copyId(id, taken), `${title} (copy)`);
}

/** The top-level `id:` of scenario text, if it reads. */
export function idOf(text: string): string | undefined {
  const match = /^id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(#.*)?$/m.exec(text);
  return match?.[1];
}
