import { vi } from 'vitest';

/** Runs a CLI command's `run` in-process; returns its exit code and the lines it printed to stdout and stderr. */
export async function runCli(run: (args: string[]) => Promise<number>, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.map(String).join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.map(String).join(' ')));
  try {
    return { code: await run(args), out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
