import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { formatMselProblem, importMsel } from '../../shared/msel';
import { scenarioInjects } from '../../shared/scenario/model';

const USAGE = 'Usage: npm run firedrill -- import-msel <file.csv> [--out file.yaml] [--id scenario-id] [--title "Title"]';

/**
 * `import-msel`: turns an MSEL spreadsheet saved as CSV into a scenario (YAML on stdout, or `--out`).
 * Problems print as `file.csv: row 7, column "time": …`; exits 1 when the file has errors, 2 on usage errors.
 */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const opts: { file?: string; out?: string; id?: string; title?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '-o' || arg === '--id' || arg === '--title') {
      const value = argv[++i];
      if (value === undefined) return usage(`${arg} needs a value.`);
      opts[arg === '-o' ? 'out' : (arg.slice(2) as 'out' | 'id' | 'title')] = value;
    } else if (arg.startsWith('-')) return usage(`Unknown option "${arg}".`);
    else if (opts.file) return usage(`Name one CSV file (got "${opts.file}" and "${arg}").`);
    else opts.file = arg;
  }
  if (!opts.file) return usage('Name the MSEL file, e.g. tests/fixtures/msel/payment-provider-outage.csv.');
  let text: string;
  try {
    text = readFileSync(opts.file, 'utf8');
  } catch (error) {
    console.error(`${opts.file}: cannot read the file: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 1;
  }
  // The id follows the file the scenario is written to, so that `validate` finds them matching.
  const named = opts.out ?? opts.file;
  const result = importMsel(text, { id: opts.id ?? basename(named, extname(named)), ...(opts.title ? { title: opts.title } : {}) });
  if (!result.ok) {
    for (const problem of result.problems) console.error(`${opts.file}: ${formatMselProblem(problem)}`);
    console.error(`\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; no scenario written. The columns are described in docs/msel.md.`);
    return 1;
  }
  for (const warning of result.warnings) console.error(`${opts.file}: ${formatMselProblem(warning)}`);
  const { scenario } = result;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = [
    `${count(scenarioInjects(scenario).size, 'inject')} in ${count(Object.keys(scenario.states).length - 1, 'phase')}`,
    count(scenario.roles.length, 'role'), count(scenario.contacts.length, 'contact'), count(scenario.objectives.length, 'objective'),
  ].join(', ');
  if (opts.out) {
    writeFileSync(opts.out, result.yaml);
    console.error(`wrote ${opts.out}: ${summary}. Check it with: npm run firedrill -- simulate ${opts.out} --team textbook`);
  } else {
    process.stdout.write(result.yaml);
  }
  return 0;
}

function usage(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}
