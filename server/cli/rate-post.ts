import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../shared/drill/commands';
import { didYouMean } from '../../shared/scenario/problems';
import type { Scenario } from '../../shared/scenario/schema';
import { DEFAULT_TARGETS } from '../../shared/scoring';
import { scorePost, type RubricCheck, type RubricResult, type StatusPhase } from '../../shared/scoring/rubric';
import { formatProblem, isScenarioFileName, loadScenarioDir, loadScenarioFile } from '../scenario-files';

const PHASES: readonly StatusPhase[] = ['investigating', 'identified', 'monitoring', 'resolved'];

const USAGE = [
  'Usage: npm run firedrill -- rate-post --scenario <id-or-file> --phase <phase> [--final] [--json] "<text>"',
  '',
  '  --scenario  a bundled scenario id (partner-db-down) or a scenario file; its internal terms and facts are used',
  `  --phase     ${PHASES.join(', ')}; a resolved post is the final update`,
  '  --final     rate the post as the final update of the drill (whatever its phase)',
  '  --json      print { "score": number, "checks": [...] }',
  '  --dir       where bundled scenarios are looked up (default $FIREDRILL_SCENARIOS or scenarios)',
  '  "<text>"    the post; several words are joined with spaces; "-" reads it from standard input',
].join('\n');

interface Args { scenario?: string; phase?: string; final: boolean; json: boolean; dir: string; words: string[] }

/**
 * `rate-post`: rates one status-page post with the communication rubric, as a drill of the given scenario
 * would (its internal terms, its facts), so a comms lead can rehearse wording before a drill. Prints the
 * score and every check with its explanation, or `{ score, checks }` with `--json`. Exits 2 on a usage
 * error, 1 when the scenario cannot be loaded.
 *
 * @param readStdin Reads the post when its text is "-" (injected so tests need no real stdin).
 */
export async function run(argv: string[], readStdin: () => Promise<string> = readAll): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const args = parse(argv);
  if (typeof args === 'string') return usageError(args);
  const raw = args.words.length === 1 && args.words[0] === '-' ? await readStdin() : args.words.join(' ');
  const text = raw.trim();
  if (!text) return usageError('Give the text of the post, in quotes, after the options (or "-" to read it from standard input).');
  if (text.length > LIMITS.status) return usageError(`A status update is at most ${LIMITS.status} characters; this one has ${text.length}.`);

  const scenario = findScenario(args.scenario!, args.dir);
  if (typeof scenario === 'string') {
    console.error(scenario);
    return 1;
  }
  const phase = args.phase as StatusPhase;
  const result = scorePost({ text, phase, final: args.final }, { internalTerms: scenario['internal-terms'], facts: scenario.facts });
  if (args.json) console.log(JSON.stringify({ score: result.score, checks: result.checks }, null, 2));
  else console.log(report(result, scenario, phase, args.final || phase === 'resolved'));
  return 0;
}

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

function parse(argv: string[]): Args | string {
  const args: Args = { final: false, json: false, dir: process.env.FIREDRILL_SCENARIOS?.trim() || 'scenarios', words: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--scenario' || flag === '-s') args.scenario = value();
    else if (flag === '--phase' || flag === '-p') args.phase = value();
    else if (flag === '--dir') args.dir = value() ?? '';
    else if (flag === '--final') args.final = true;
    else if (flag === '--json') args.json = true;
    else if (flag === '--') {
      args.words.push(...argv.slice(i + 1));
      break;
    }
    else if (arg.startsWith('-') && arg !== '-') return `Unknown option "${arg}"${didYouMean(flag, ['--scenario', '--phase', '--final', '--json', '--dir']) || '.'}`;
    else args.words.push(arg);
  }
  if (!args.scenario) return 'Name the scenario the post belongs to with --scenario, e.g. --scenario partner-db-down (its jargon and facts are part of the rating).';
  if (!args.phase) return `Give the post's phase with --phase: ${PHASES.join(', ')}.`;
  if (!PHASES.includes(args.phase as StatusPhase)) return `There is no phase "${args.phase}"${didYouMean(args.phase, PHASES) || '.'} The phases are ${PHASES.join(', ')}.`;
  return args;
}

/** A scenario by file path, or by id among the scenarios of `dir`; a string is the error to print. */
function findScenario(ref: string, dir: string): Scenario | string {
  const looksLikeFile = /[\\/]/.test(ref) || isScenarioFileName(ref) || existsSync(ref);
  if (looksLikeFile) {
    const { scenario, problems } = loadScenarioFile(ref);
    const errors = problems.filter((p) => p.severity === 'error');
    if (!scenario) return [`Cannot rate against ${ref}:`, ...errors.map(formatProblem)].join('\n');
    return scenario;
  }
  for (const ext of ['.yaml', '.yml', '.json']) {
    const file = join(dir, `${ref}${ext}`);
    if (existsSync(file)) {
      const { scenario } = loadScenarioFile(file);
      if (scenario?.id === ref) return scenario;
    }
  }
  if (!existsSync(dir)) return `There is no scenario folder "${dir}"; name a scenario file instead, or point --dir at your scenarios.`;
  const { scenarios } = loadScenarioDir(dir);
  const found = scenarios.find((s) => s.id === ref);
  if (found) return found;
  const ids = scenarios.map((s) => s.id).sort();
  return `There is no scenario "${ref}" in ${dir}${didYouMean(ref, ids) || '.'} The scenarios there are ${ids.join(', ') || 'none'}; you can also name a scenario file.`;
}

/** The score, then every check: ✓ passed, ✗ failed, · not counted, each with its explanation. */
function report(result: RubricResult, scenario: Scenario, phase: StatusPhase, final: boolean): string {
  const target = targetOf(scenario);
  const verdict = result.score >= target ? `meets the target of ${target}` : `below the target of ${target}`;
  const width = Math.max(...result.checks.map((c) => c.title.length));
  const line = (c: RubricCheck) => `  ${!c.applicable ? '·' : c.passed ? '✓' : '✗'} ${c.title.padEnd(width)}  ${c.explanation}`;
  return [
    `${result.score}/100 — ${verdict}`,
    `Rated as ${final && phase !== 'resolved' ? `the final update (${phase})` : AS[phase]} of "${scenario.title}" (${scenario.id}), with its ${plural(scenario['internal-terms'].length, 'internal term')} and ${plural(Object.keys(scenario.facts).length, 'fact')}.`,
    '',
    ...result.checks.map(line),
  ].join('\n');
}

const AS: Record<StatusPhase, string> = {
  investigating: 'an investigating update', identified: 'an identified update', monitoring: 'a monitoring update',
  resolved: 'the final (resolved) update',
};
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The scenario's status-page rubric target, else the default. */
function targetOf(scenario: Scenario): number {
  const objective = scenario.objectives.find((o) => o.measure.kind === 'rubric' && o.measure.channel === 'status-page');
  return typeof objective?.target === 'number' ? objective.target : DEFAULT_TARGETS.rubric;
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
