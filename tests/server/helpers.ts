import { join } from 'node:path';
import { loadScenarioFile } from '../../server/scenario-files';
import type { Scenario } from '../../shared/scenario/schema';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The server tests' own scenario (tests/server/fixtures/scenarios/drill-test.yaml). */
export function testScenario(): Scenario {
  const { scenario, problems } = loadScenarioFile(join(FIXTURES, 'scenarios', 'drill-test.yaml'));
  if (!scenario) throw new Error(`fixture scenario is invalid: ${problems.map((p) => p.message).join('; ')}`);
  return scenario;
}
