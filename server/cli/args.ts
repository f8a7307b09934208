/**
 * Reads a command's arguments in order. `value(option)` takes the argument after an option that needs one, and
 * throws `fail("--db needs a value.")` when there is none or the next one is another option.
 */
export function argReader(args: readonly string[], fail: (message: string) => Error): { next(): string | undefined; value(option: string): string } {
  let i = 0;
  return {
    next: () => args[i++],
    value(option) {
      const next = args[i++];
      if (next === undefined || next.startsWith('--')) throw fail(`${option} needs a value.`);
      return next;
    },
  };
}
