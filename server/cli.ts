/**
 * `npm run firedrill -- <command> [args]`. Each command lives in server/cli/<command>.ts and exports
 * `run(args: string[]): Promise<number>` (the exit code), so commands load only what they need.
 */
const COMMANDS: Record<string, string> = {
  validate: 'Check scenario files: validate <files...>',
  schema: 'Write scenarios/scenario.schema.json from the zod schema: schema [--check]',
  report: 'After-action report of a stored drill: report <drill-id> --format md|json',
  doctor: 'Check that stored drills replay; explain one and keep it read-only or fork it: doctor [drill-id] [--keep-read-only | --fork]',
  simulate: 'Dry-run a scenario with a bot team: simulate <scenario-file> --team textbook|slow|silent|chaotic|declare-victory|keyword-stuffer|blame-shifter [--seed N] [--json] | simulate --all',
  'rate-post': 'Rate a status post with the rubric: rate-post --scenario <id-or-file> --phase <phase> [--final] [--json] "<text>"',
  'import-msel': 'Turn an MSEL spreadsheet (CSV) into a scenario: import-msel <file.csv> [--out file.yaml]',
  'migrate-store': 'Copy every drill of a SQLite store into PostgreSQL, verified: migrate-store --from sqlite:<file.db> --to postgres://… [--skip-existing] [--dry-run]',
  'export-msel': 'Write a scenario as an MSEL spreadsheet (CSV): export-msel <scenario-file> [--out file.csv]',
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return ['Usage: npm run firedrill -- <command> [args]', '', ...Object.entries(COMMANDS).map(([c, d]) => `  ${c.padEnd(width)}  ${d}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (!(name in COMMANDS)) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  const module = (await import(`./cli/${name}.ts`)) as { run: (args: string[]) => Promise<number> };
  return module.run(args);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
