import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DrillEvent } from '../shared/drill/events';
import { scenarioInjects } from '../shared/scenario/model';
import type { Scenario } from '../shared/scenario/schema';
import { score } from '../shared/scoring';
import { postScorer, type RubricPost } from '../shared/scoring/rubric';
import { statusText } from '../shared/simulate/posts';
import { createRng } from '../shared/simulate/prng';
import { simulate } from '../shared/simulate/simulate';
import { loadScenarioFile } from '../server/scenario-files';
import type { OfflineResult } from './results';
import { median } from './stats';

/** The bundled 60-minute scenario the offline figures use. */
export const OFFLINE_SCENARIO = 'partner-db-down';

export function loadBundled(id: string): Scenario {
  const file = join(fileURLToPath(new URL('../scenarios', import.meta.url)), `${id}.yaml`);
  const loaded = loadScenarioFile(file);
  if (!loaded.scenario) throw new Error(`${file} does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.scenario;
}


const STATUS_TEXTS = [
  'We are investigating failed payments at checkout. Some customers cannot complete orders. Next update in 15 minutes.',
  'We have identified the cause: our database provider is failing writes. We are switching to the standby now. We are sorry for the disruption. Next update at 19:30.',
  'Checkout is working again for most customers. We are monitoring closely and will update again in 30 minutes.',
  'Resolved: checkout has been fully working since 19:52. We apologise to everyone whose order failed tonight.',
];
const CHAT_TEXTS = ['Looking at the write error graph now', 'Vendor says eu-west-1 only', 'Paging the DBA', 'Who owns comms?', 'Standby is 4 minutes behind', 'Failover started', 'Error rate dropping'];

/**
 * A plausible log of `count` events for `scenario`: eight people join and claim the roles, the drill starts,
 * then chat, status posts, telemetry, injects with acks, pages and replies, notes and action items arrive
 * every ~250 drill-ms (about seven drill-hours), until it is mitigated, resolved and ended. Seqs are 1..count.
 */
export function syntheticLog(scenario: Scenario, count: number, seed = 7): DrillEvent[] {
  // The simulator's seeded generator: the synthetic log is the same on every run.
  const rng = createRng(seed);
  const random = () => rng.next();
  const pick = <T>(items: readonly T[]): T => rng.pick(items);
  const events: DrillEvent[] = [];
  let t = 0;
  const push = (e: Record<string, unknown> & { type: string }, by: DrillEvent['by'] = { kind: 'system' }) =>
    events.push({ ...e, by, seq: events.length + 1, t } as DrillEvent);
  const people = Array.from({ length: 8 }, (_, i) => `p${i + 1}`);
  people.forEach((id, i) => push({ type: 'participant.join', participantId: id, name: `Player ${i + 1}` }, { kind: 'participant', id }));
  scenario.roles.forEach((role, i) => push({ type: 'role.claim', role: role.id }, { kind: 'participant', id: people[i % people.length] }));
  push({ type: 'drill.start', wall: Date.UTC(2025, 0, 1, 18, 40) }, { kind: 'facilitator' });
  push({ type: 'state.entered', state: scenario.initial, final: false });
  const injects = [...scenarioInjects(scenario).entries()];
  const acked = new Set<string>();
  const pending: string[] = [];
  const series = scenario.telemetry.map((s) => s.id);
  const tail = 5;
  while (events.length < count - tail) {
    t += 50 + Math.floor(random() * 400);
    const who = { kind: 'participant', id: pick(people) } as const;
    const roll = random();
    if (roll < 0.38) push({ type: 'chat.post', text: pick(CHAT_TEXTS) }, who);
    else if (roll < 0.46) push({ type: 'status.post', phase: pick(['investigating', 'identified', 'monitoring'] as const), text: pick(STATUS_TEXTS) }, who);
    else if (roll < 0.84 && series.length) push({ type: 'telemetry.point', series: pick(series), value: Math.round(random() * 1000) / 10 });
    else if (roll < 0.89) {
      const [injectId, inject] = pick(injects);
      push({ type: 'inject.delivered', injectId, state: inject.state, to: inject.to, channel: inject.channel ?? 'chat', from: inject.from, title: inject.title ?? 'Telemetry', ack: inject.ack });
      if (inject.ack && !acked.has(injectId)) pending.push(injectId);
    } else if (roll < 0.91 && pending.length) {
      const injectId = pending.shift()!;
      acked.add(injectId);
      push({ type: 'inject.ack', injectId }, who);
    } else if (roll < 0.93 && scenario.contacts.length) {
      const contact = pick(scenario.contacts);
      push({ type: 'contact.page', contact: contact.id, message: 'Can you help? Checkout writes are failing.' }, who);
      push({ type: 'contact.replied', contact: contact.id, text: contact.reply ?? 'On it.' });
    } else if (roll < 0.97) push({ type: 'note.add', text: 'IC asked for a status update before the vendor replied.' }, { kind: 'facilitator' });
    else push({ type: 'action-item.add', text: 'Add a runbook step for failing over the orders database', owner: 'Platform team' }, who);
  }
  push({ type: 'incident.declare', status: 'mitigated' }, { kind: 'participant', id: people[0] });
  push({ type: 'incident.declare', status: 'resolved' }, { kind: 'participant', id: people[0] });
  const final = Object.entries(scenario.states).find(([, s]) => s.final)?.[0] ?? scenario.initial;
  push({ type: 'state.entered', state: final, final: true });
  push({ type: 'drill.ended', reason: 'final' });
  while (events.length < count) push({ type: 'action-item.add', text: 'Write the after-action report', owner: 'IC' }, { kind: 'participant', id: people[0] });
  return events;
}

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** Runs `fn` up to `runs` times, fewer once `budgetMs` is spent (at least once); returns each run's ms. */
function repeat(runs: number, budgetMs: number, fn: (i: number) => void): number[] {
  const times: number[] = [];
  let spent = 0;
  for (let i = 0; i < runs && (i === 0 || spent < budgetMs); i++) {
    times.push(time(() => fn(i)));
    spent += times[i];
  }
  return times;
}

/**
 * Times score() on a synthetic log of `events` events, simulate() (textbook team, seeds 1..runs) on the
 * 60-minute bundled scenario, and the communication rubric on distinct posts: the median of up to `runs`
 * runs each (at least 3 for the rubric), fewer when one pass exceeds `budgetMs`.
 */
export function runOffline(events: number, runs: number, budgetMs: number): OfflineResult {
  const scenario = loadBundled(OFFLINE_SCENARIO);
  const log = syntheticLog(scenario, events);
  let overall = -1;
  const scoreCpu: number[] = [];
  const scoreTimes = repeat(runs, budgetMs, () => {
    const cpu = process.cpuUsage();
    overall = score(scenario, log).overall;
    const used = process.cpuUsage(cpu);
    scoreCpu.push((used.user + used.system) / 1000);
  });
  if (!(overall >= 0)) throw new Error('score() returned no overall score');
  const team = 'textbook' as const;
  const simulateTimes = repeat(runs, budgetMs, (i) => simulate(scenario, { team, seed: i + 1 }));
  // The rubric per distinct post: a fresh scorer each run, so no post is served from its cache.
  const posts = distinctPosts(RUBRIC_POSTS);
  const rubricTimes = repeat(Math.max(3, runs), budgetMs, () => {
    const rate = postScorer({ internalTerms: scenario['internal-terms'], facts: scenario.facts });
    for (const post of posts) rate(post);
  });
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    scoreEvents: log.length, scoreMs: round(median(scoreTimes)), scoreCpuMs: round(median(scoreCpu)), scoreRuns: scoreTimes.length,
    simulateScenario: OFFLINE_SCENARIO, simulateTeam: team, simulateMs: round(median(simulateTimes)), simulateRuns: simulateTimes.length,
    rubricPosts: posts.length, rubricUsPerPost: Math.round((1000 * median(rubricTimes)) / posts.length), rubricRuns: rubricTimes.length,
  };
}

/** How many distinct posts the rubric figure scores per run. */
const RUBRIC_POSTS = 1000;

/**
 * Distinct status posts in every style the bots write (good, thin, blaming) and the log's own texts, each
 * made unique with its number so the rubric's cache cannot serve it.
 */
function distinctPosts(count: number): RubricPost[] {
  const rng = createRng(11);
  const phases = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
  const styles = ['good', 'thin', 'blaming'] as const;
  return Array.from({ length: count }, (_, i) => {
    const phase = phases[i % phases.length];
    const text = i % 4 === 3 ? STATUS_TEXTS[i % STATUS_TEXTS.length]
      : statusText(styles[i % styles.length], { phase, final: phase === 'resolved', nextUpdateMinutes: 5 + (i % 40) }, rng);
    return { text: `${text} (Ref ${i}.)`, phase };
  });
}
