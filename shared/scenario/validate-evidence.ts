import { parseDuration } from '../duration';
import type { Finding, Path } from './problems';
import type { Condition, Contact, Scenario } from './schema';

/**
 * Evidence before the story moves on. A transition that fires when a contact is *paged* (`escalated`) enters
 * its next state at once, before the contact could have answered; if that state's injects speak in the
 * contact's name before the reply is due ("I'm on it, here is what I found" ten minutes before "Got your
 * page, looking now"), the team reads them in the wrong order. The check is mechanical, so it looks only at
 * what it can know: an inject whose `from` contains the contact's `name`, delivered sooner after the state is
 * entered than the contact `responds`. Such a state should wait for the answer (`replied`), or the inject
 * should come later.
 */
export function evidenceFindings(scenario: Scenario): Finding[] {
  const findings: Finding[] = [];
  const contacts = new Map(scenario.contacts.map((c) => [c.id, c]));
  for (const [from, state] of Object.entries(scenario.states)) {
    state.on.forEach((transition, i) => {
      const next = scenario.states[transition.goto];
      if (!next || next.final || transition.goto === from) return;
      const paged: { contact: string; path: Path }[] = [];
      const awaited = new Set<string>();
      positiveLeaves(transition.when, ['states', from, 'on', i, 'when'], (leaf, path) => {
        if ('escalated' in leaf) paged.push({ contact: leaf.escalated, path: [...path, 'escalated'] });
        if ('replied' in leaf) awaited.add(leaf.replied);
      });
      for (const { contact: id, path } of paged) {
        const contact = contacts.get(id);
        const responds = contact ? parseDuration(contact.responds) : undefined;
        if (!contact || responds === undefined || awaited.has(id)) continue;
        const early = next.injects.find((inject) => speaksFor(inject.from, contact) && (parseDuration(inject.at) ?? 0) < responds);
        if (!early) continue;
        const what = early.title ? `"${early.title}"` : 'an inject';
        findings.push({
          path,
          severity: 'warning',
          message: `the story moves on to "${transition.goto}" as soon as ${contact.name} is paged, but there ${what} (at ${early.at}) comes from ${contact.name}, who replies ${contact.responds} after the page: the team would read it before the reply. Wait for the answer with { replied: ${id} }, or deliver the inject at ${contact.responds} or later`,
        });
      }
    });
  }
  return findings;
}

/** Whether an inject's `from` names the contact ("Marek Nowak (DBA)" for Marek Nowak). */
function speaksFor(from: string | undefined, contact: Contact): boolean {
  if (!from) return false;
  const words = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const name = words(contact.name);
  return name.trim() !== '' && words(from).includes(name);
}

type Leaf = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>;

/** The leaves a condition needs to hold (not those it needs *not* to hold), with their paths. */
function positiveLeaves(condition: Condition, path: Path, visit: (leaf: Leaf, path: Path) => void, positive = true): void {
  if ('all' in condition) condition.all.forEach((c, i) => positiveLeaves(c, [...path, 'all', i], visit, positive));
  else if ('any' in condition) condition.any.forEach((c, i) => positiveLeaves(c, [...path, 'any', i], visit, positive));
  else if ('not' in condition) positiveLeaves(condition.not, [...path, 'not'], visit, !positive);
  else if (positive) visit(condition, path);
}
