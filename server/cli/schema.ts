import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../../shared/scenario/schema';

/** The committed JSON Schema that scenario files point their editors at. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

const USAGE = 'Usage: npm run firedrill -- schema [--check] [--out <file>]';

/** The JSON Schema file's exact text: pretty-printed with two spaces and a trailing newline, so diffs stay small. */
export function schemaFileText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/**
 * `schema`: writes scenarios/scenario.schema.json from the zod schema. `--check` writes nothing and exits 1
 * when the committed file differs from what the schema generates (CI runs it so the two never drift).
 * `--out <file>` writes or checks another file.
 */
export async function run(args: string[]): Promise<number> {
  let check = false;
  let file = SCHEMA_FILE;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--check') check = true;
    else if (args[i] === '--out' && args[i + 1]) file = args[++i];
    else {
      console.error(`Unknown argument "${args[i]}".\n${USAGE}`);
      return 2;
    }
  }
  const shown = relative(process.cwd(), file) || file;
  const wanted = schemaFileText();
  if (!check) {
    writeFileSync(file, wanted);
    console.log(`wrote ${shown}`);
    return 0;
  }
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === wanted) {
    console.log(`${shown} is up to date`);
    return 0;
  }
  console.error(
    current === undefined
      ? `${shown} is missing: run \`npm run firedrill -- schema\` and commit the file.`
      : `${shown} is stale: it no longer matches shared/scenario/schema.ts. Run \`npm run firedrill -- schema\` and commit the file.`,
  );
  return 1;
}
