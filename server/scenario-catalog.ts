import type { Scenario } from '../shared/scenario/schema';
import type { Logger } from './log';

/** The scenarios this server offers, by id; loaded at start, and added to when the studio saves one. */
export class ScenarioCatalog {
  private readonly byId = new Map<string, Scenario>();

  /** Keeps the first scenario of each id; a duplicate is reported and skipped. */
  constructor(scenarios: readonly Scenario[], logger?: Logger) {
    for (const scenario of scenarios) {
      if (this.byId.has(scenario.id)) {
        logger?.warn(`scenario id "${scenario.id}" is used by more than one file; keeping the first`);
        continue;
      }
      this.byId.set(scenario.id, scenario);
    }
  }

  list(): Scenario[] {
    return [...this.byId.values()];
  }

  /** Adds a scenario, or replaces the one with its id (a scenario saved from the studio). */
  put(scenario: Scenario): void {
    this.byId.set(scenario.id, scenario);
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }
}
