import { writeFileSync } from 'node:fs';
import { exportMsel } from '../../shared/msel';
import { formatProblem, loadScenarioFile } from '../scenario-files';

const USAGE = 'Usage: npm run firedrill -- export-msel <scenario-file> [--out file.csv]';

/**
 * `export-msel`: writes a scenario as an MSEL spreadsheet (CSV on stdout, or `--out`), one row per inject.
 * Exits 1 when the scenario file has errors, 2 on usage errors.
 */
export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let file: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '-o') {
      out = argv[++i];
      if (out === undefined) return usage('--out needs a file name.');
    } else if (arg.startsWith('-')) return usage(`Unknown option "${arg}".`);
    else if (file) return usage(`Name one scenario file (got "${file}" and "${arg}").`);
    else file = arg;
  }
  if (!file) return usage('Name a scenario file, e.g. scenarios/partner-db-down.yaml.');
  const { scenario, problems } = loadScenarioFile(file);
  for (const problem of problems) console.error(formatProblem(problem));
  if (!scenario) return 1;
  const result = exportMsel(scenario);
  if (out) {
    writeFileSync(out, result.csv);
    console.error(`wrote ${out}: ${result.rows} injects.`);
  } else {
    process.stdout.write(result.csv);
  }
  if (result.skipped.length) {
    console.error(`Not in the MSEL (it has no column for them; import-msel adds standard ones): objectives ${result.skipped.join(', ')}.`);
  }
  return 0;
}

function usage(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}
