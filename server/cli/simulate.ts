import { join } from 'node:path';
import { formatClock, formatMinutes } from '../../shared/duration';
import type { Scenario } from '../../shared/scenario/schema';
import type { Scorecard } from '../../shared/scoring';
import { ADVERSARIAL, isProfile, PROFILES, separateProfiles, simulate, THRESHOLDS, type Profile } from '../../shared/simulate';
import { formatProblem, loadScenarioDir, loadScenarioFile } from '../scenario-files';

const USAGE = [
  `Usage: npm run firedrill -- simulate <scenario-file> --team ${PROFILES.join('|')} [--seed N] [--json]`,
  '       npm run firedrill -- simulate --all [--seed N] [--dir scenarios]',
].join('\n');

interface Args { file?: string; team?: string; seed: number; json: boolean; all: boolean; dir: string }

/**
 * `simulate`: dry-runs a scenario with a bot team and prints its scorecard (a summary, or the full Scorecard
 * JSON with `--json`). `--all` plays every bundled scenario with every profile and prints a table; it exits
 * 1 when a scenario fails to separate the profiles (see docs/simulation.md), 2 on a usage error.
 */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const parsed = parse(argv);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n\n${USAGE}`);
    return 2;
  }
  return parsed.all ? runAll(parsed) : runOne(parsed);
}

function parse(argv: string[]): Args | string {
  const args: Args = { seed: 1, json: false, all: false, dir: 'scenarios' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    if (arg === '--all') args.all = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--team' || arg === '-t') args.team = value();
    else if (arg.startsWith('--team=')) args.team = arg.slice(7);
    else if (arg === '--dir') args.dir = value();
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const text = arg === '--seed' ? value() : arg.slice(7);
      if (!/^\d+$/.test(text ?? '')) return `--seed needs a whole number, like --seed 42 (got ${text === undefined ? 'nothing' : `"${text}"`}).`;
      args.seed = Number(text);
    } else if (arg.startsWith('-')) return `Unknown option "${arg}".`;
    else if (args.file) return `Name one scenario file (got "${args.file}" and "${arg}"); use --all for every bundled scenario.`;
    else args.file = arg;
  }
  if (args.all) return args.file ? 'Use either a scenario file or --all, not both.' : args;
  if (!args.file) return 'Name a scenario file, e.g. scenarios/partner-db-down.yaml, or use --all.';
  if (!args.team) return `Choose a team with --team (${PROFILES.join(', ')}).`;
  if (!isProfile(args.team)) return `There is no team "${args.team}"; choose ${PROFILES.join(', ')}.`;
  return args;
}

function runOne(args: Args): number {
  const { scenario, problems } = loadScenarioFile(args.file!);
  for (const problem of problems) console.error(formatProblem(problem));
  if (!scenario) return 1;
  const started = performance.now();
  const { events, scorecard } = simulate(scenario, { team: args.team as Profile, seed: args.seed });
  const elapsed = performance.now() - started;
  if (args.json) console.log(JSON.stringify(scorecard, null, 2));
  else {
    const path = events.flatMap((e) => (e.type === 'state.entered' ? [`${e.state} (${formatClock(e.t)})`] : []));
    console.log(summary(scenario, args.team!, args.seed, scorecard, events.length, elapsed, path));
  }
  return 0;
}

function summary(scenario: Scenario, team: string, seed: number, card: Scorecard, events: number, ms: number, path: string[]): string {
  const ended = card.drill.endedReason === 'final' ? 'reached a final state' : card.drill.endedReason === 'duration' ? 'ran out of time' : 'ended';
  const width = Math.max(...card.objectives.map((o) => o.title.length), 10);
  return [
    `${scenario.title} (${scenario.id}) — team ${team}, seed ${seed}`,
    `Overall ${card.overall}/100 · ${ended} at ${formatClock(card.drill.durationMs)} · ${events} events simulated in ${ms.toFixed(0)} ms`,
    `States: ${path.join(' → ')}`,
    '',
    'Dimensions',
    ...card.dimensions.map((d) => `  ${d.title.padEnd(24)} ${d.score === null ? '  –' : String(d.score).padStart(3)}  (weight ${d.weight}${d.basis === 'defaults' ? ', default measures' : ''})`),
    '',
    'Objectives',
    ...card.objectives.map((o) => `  ${o.rating.padEnd(3)} ${o.title.padEnd(width)}  ${measured(o)}`),
    '',
    'Ratings: P performed without challenges, S some challenges, M major challenges, U unable to perform.',
  ].join('\n');
}

function measured(o: Scorecard['objectives'][number]): string {
  if (o.unit === 'score') return `${o.value ?? 'no posts'} (target ${o.target})`;
  return `${o.value === null ? 'never' : formatMinutes(o.value)} (target ${formatMinutes(o.target)})`;
}

/** Width of a team's column in the `--all` table: its name, at least 8. */
const column = (team: string) => Math.max(8, team.length);

function runAll(args: Args): number {
  const { scenarios, problems } = loadScenarioDir(args.dir);
  for (const problem of problems) console.error(formatProblem(problem));
  if (scenarios.length === 0) {
    console.error(`No scenarios found in ${join(args.dir)}.`);
    return 1;
  }
  const width = Math.max(...scenarios.map((s) => s.id.length), 8);
  const header = `${'scenario'.padEnd(width)}  ${PROFILES.map((p) => p.padStart(column(p))).join('  ')}  separates`;
  console.log(header);
  console.log('-'.repeat(header.length));
  const failures: string[] = [];
  const caveats: { scenario: string; note: string }[] = [];
  const started = performance.now();
  for (const scenario of scenarios) {
    const { scores, problems: why, caveats: notes } = separateProfiles(scenario, args.seed);
    console.log(`${scenario.id.padEnd(width)}  ${PROFILES.map((p) => String(scores[p]).padStart(column(p))).join('  ')}  ${why.length ? 'NO' : notes.length ? 'yes*' : 'yes'}`);
    if (why.length) failures.push(`${scenario.id}: ${why.join('; ')}`);
    for (const note of notes) caveats.push({ scenario: scenario.id, note });
  }
  const elapsed = performance.now() - started;
  console.log('');
  console.log(`Seed ${args.seed}. Thresholds: textbook ≥ ${THRESHOLDS.textbook.min}, slow ${THRESHOLDS.slow.min}–${THRESHOLDS.slow.max} (strictly between silent and textbook), silent ≤ ${THRESHOLDS.silent.max}, chaotic below slow, ${ADVERSARIAL.join(', ')} ≤ ${THRESHOLDS.adversarial.max} each.`);
  // The same caveat for many scenarios is said once, with the scenarios it applies to.
  const byNote = new Map<string, string[]>();
  for (const c of caveats) byNote.set(c.note, [...(byNote.get(c.note) ?? []), c.scenario]);
  for (const [note, ids] of byNote) console.log(`\n* ${ids.join(', ')}: ${note}.`);
  console.log(`${scenarios.length * PROFILES.length} dry runs in ${(elapsed / 1000).toFixed(1)} s.`);
  if (failures.length) {
    console.error(`\n${failures.length} scenario${failures.length === 1 ? ' does' : 's do'} not separate the profiles:`);
    for (const failure of failures) console.error(`  ${failure}`);
    return 1;
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}
