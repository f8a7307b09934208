import { deepFreeze } from '../shared/freeze';
import type { Scenario } from '../shared/scenario/schema';
import type { Logger } from './log';

/**
 * The scenarios this server offers, by id; loaded at start, and added to when the studio saves one. `npm start`
 * opens its port before it reads the scenario folder (`later`): until the folder is in, `ready` is pending, and
 * what reads the catalog over HTTP waits for it (server/http/api.ts).
 */
export class ScenarioCatalog {
  private readonly byId = new Map<string, Scenario>();
  private pending?: Promise<void>;

  /** Keeps the first scenario of each id; a duplicate is reported and skipped. */
  constructor(scenarios: readonly Scenario[], private readonly logger?: Logger) {
    this.add(scenarios);
  }

  /**
   * Adds the scenarios `loading` resolves to, once it does (first of each id kept); called once, for the scenario
   * folder. A folder that cannot be read leaves the catalog as it was, with the reason in the log.
   */
  later(loading: Promise<readonly Scenario[]>): void {
    this.pending = loading.then(
      (scenarios) => this.add(scenarios),
      (error: unknown) => this.logger?.error(`could not load the scenario folder: ${error instanceof Error ? error.message : String(error)}`),
    ).finally(() => {
      this.pending = undefined;
    });
  }

  /** Resolves once every scenario being loaded is in (at once when none is). */
  get ready(): Promise<void> {
    return this.pending ?? Promise.resolve();
  }

  /** False while the scenario folder is still being read. */
  get loaded(): boolean {
    return this.pending === undefined;
  }

  list(): Scenario[] {
    return [...this.byId.values()];
  }

  /** Adds a scenario, or replaces the one with its id (a scenario saved from the studio). */
  put(scenario: Scenario): void {
    this.byId.set(scenario.id, deepFreeze(scenario));
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  private add(scenarios: readonly Scenario[]): void {
    for (const scenario of scenarios) {
      if (this.byId.has(scenario.id)) {
        this.logger?.warn(`scenario id "${scenario.id}" is used by more than one file; keeping the first`);
        continue;
      }
      // Every drill created from it shares it and its compiled machine (`compileScenario`): frozen, so that
      // nothing can change one drill's scenario under the others.
      this.byId.set(scenario.id, deepFreeze(scenario));
    }
  }
}
