import { describe, expect, it } from 'vitest';
import { fuzzProtocol } from '../fuzz/protocol';

describe('the socket protocol under fuzzing (issue 16, item 8)', () => {
  it('answers every request with an ack, never dies, and the legitimate client in another drill keeps working (2,000 cases)', async () => {
    const report = await fuzzProtocol({ cases: 2000, seed: 16 });
    try {
      expect(report.requests).toBe(2000);
      expect(report.acks).toBeGreaterThan(1000);
      expect(report.legitimateChecks).toBeGreaterThanOrEqual(8);
      expect((await fetch(`${report.server.url}/api/health`)).status).toBe(200);
    } finally {
      await report.server.close();
      report.server.store.close();
    }
  }, 120_000);
});
