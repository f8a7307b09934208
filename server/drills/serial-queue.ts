/**
 * A promise chain that runs one task at a time, in the order given. Each drill has exactly one: every read
 * or change of its state goes through it, so commands, timer ticks and joins never interleave.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after everything queued before it; a failing task does not stop the ones after it. */
  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
