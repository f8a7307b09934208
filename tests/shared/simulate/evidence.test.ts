import { describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../../shared/drill/events';
import { scenarioInjects } from '../../../shared/scenario/model';
import type { Condition, Scenario } from '../../../shared/scenario/schema';
import { simulate } from '../../../shared/simulate/simulate';
import { bundledScenario, bundledScenarioFiles } from '../drill/helpers';

/** Contacts whose reply a condition needs for sure: `replied` leaves reached through `all` only (not `any`/`not`). */
function requiredReplies(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(requiredReplies);
  if ('replied' in condition) return [condition.replied];
  return [];
}

/** Every `on` transition from one state to another needs these replies (a timer transition needs none). */
function repliesToEnter(scenario: Scenario, from: string, to: string): string[] {
  const def = scenario.states[from];
  if (def.after.some((a) => a.goto === to)) return [];
  const sets = def.on.filter((t) => t.goto === to).map((t) => new Set(requiredReplies(t.when)));
  if (sets.length === 0) return [];
  return [...sets[0]].filter((c) => sets.every((s) => s.has(c)));
}

/** Whether an inject's `from` names the contact by whole words ("Marek Nowak (DBA)" for Marek Nowak). */
function speaksFor(from: string | undefined, name: string): boolean {
  const words = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  return from !== undefined && words(from).includes(words(name));
}

interface Delivery { injectId: string; state: string; seq: number; from?: string }

/** The textbook log read as a story: the states in order, each inject with the state it arrived in, the replies. */
function readStory(events: readonly DrillEvent[]) {
  const entered: { state: string; from?: string; seq: number }[] = [];
  const injects: Delivery[] = [];
  const replies = new Map<string, number>();
  const pages = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'contact.page' && !pages.has(e.contact)) pages.set(e.contact, e.seq);
    if (e.type === 'state.entered') entered.push({ state: e.state, from: entered.at(-1)?.state, seq: e.seq });
    if (e.type === 'inject.delivered' && !e.adhoc) injects.push({ injectId: e.injectId, state: entered.at(-1)!.state, seq: e.seq, from: e.from });
    if (e.type === 'contact.replied' && !replies.has(e.contact)) replies.set(e.contact, e.seq);
  }
  return { entered, injects, replies, pages };
}

const files = bundledScenarioFiles();

/** Scenarios whose main path has no state waiting for a reply, and why that is right for the story. */
const NO_REPLY_GATE: Record<string, string> = {
  'compromised-integration.yaml': "containment is the team's own kill switch (a decision), not anything the partner says",
  'game-day-template.yaml': 'a live game day moves on real alerts and the fault running its course; no contact gates the story',
};

describe('bundled scenarios follow the evidence (textbook team, seed 1)', () => {
  describe.each(files)('%s', (file) => {
    const scenario = bundledScenario(file);
    const { events } = simulate(scenario, { team: 'textbook', seed: 1 });
    const story = readStory(events);

    it('delivers each inject of a state entered on a reply only after that reply', () => {
      const checked: string[] = [];
      for (const entry of story.entered) {
        if (!entry.from) continue;
        const needed = repliesToEnter(scenario, entry.from, entry.state);
        for (const inject of story.injects.filter((i) => i.state === entry.state && i.seq > entry.seq)) {
          for (const contact of needed) {
            checked.push(inject.injectId);
            expect(story.replies.get(contact), `${inject.injectId} after ${contact}'s reply`).toBeLessThan(inject.seq);
          }
        }
      }
      // A bundled scenario has a state that waits for a reply on its main path, unless the story says otherwise.
      if (NO_REPLY_GATE[file]) expect(checked).toEqual([]);
      else expect(checked.length).toBeGreaterThan(0);
    });

    it('never lets a paged contact speak in an inject before their reply to the page', () => {
      // A contact the team never paged may still write on their own (a VP the bank rang); one who was paged
      // answers the page first, and only then says more.
      for (const contact of scenario.contacts) {
        const paged = story.pages.get(contact.id);
        for (const inject of story.injects.filter((i) => speaksFor(i.from, contact.name) && paged !== undefined && paged < i.seq)) {
          expect(story.replies.get(contact.id), `${inject.injectId} (from ${inject.from}) after ${contact.id} replied`).toBeLessThan(inject.seq);
        }
      }
    });

    it('reaches a state where the service is actually fixed before the team declares', () => {
      const fixed = events.filter((e) => e.type === 'state.entered' && e.fixed).map((e) => e.seq);
      const declared = events.filter((e) => e.type === 'incident.declare').map((e) => e.seq);
      expect(fixed.length).toBeGreaterThan(0);
      expect(declared.length).toBeGreaterThan(0);
      expect(Math.min(...declared)).toBeGreaterThan(Math.min(...fixed));
    });
  });

  it.each([
    ['deleted-prod-db.yaml', ['detection', 'restore-planning', 'restoring', 'restored', 'recovery', 'verified', 'done']],
    ['sleeping-expert.yaml', ['detection', 'waiting-on-expert', 'backup-engaged', 'restarting', 'settling', 'recovery', 'settled', 'done']],
  ])('%s: the textbook team sees every scripted inject of the main path', (file, path) => {
    const scenario = bundledScenario(file);
    const story = readStory(simulate(scenario, { team: 'textbook', seed: 1 }).events);
    expect(story.entered.map((e) => e.state)).toEqual(path);
    const scripted = [...scenarioInjects(scenario).values()].filter((i) => path.includes(i.state)).map((i) => i.id);
    expect(scripted.length).toBeGreaterThan(8);
    expect(story.injects.map((i) => i.injectId).sort()).toEqual([...scripted].sort());
  });
});
