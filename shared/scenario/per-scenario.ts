import type { Scenario } from './schema';

/**
 * `derive`, worked out once per scenario object and kept as long as the scenario is (a weak map). A validated
 * scenario is immutable (the server's are deep-frozen), so what only depends on it — its machine, its inject
 * table, its schedule plan, its public part — is shared by every drill and every view of it.
 */
export function perScenario<T>(derive: (scenario: Scenario) => T): (scenario: Scenario) => T {
  const kept = new WeakMap<Scenario, T>();
  return (scenario) => {
    if (kept.has(scenario)) return kept.get(scenario) as T;
    const value = derive(scenario);
    kept.set(scenario, value);
    return value;
  };
}
