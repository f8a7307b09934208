import { describe, expect, it } from 'vitest';
import { clusterMarkdown, type ClusterResults } from '../../bench/cluster';
import { parseOptions } from '../../bench/options';

const summary = (p50: number) => ({ n: 5, p50, p95: p50 + 1, p99: p50 + 2, max: p50 + 3, mean: p50 });

/** `npm run bench -- --cluster` (the run itself needs minutes and both services, so it is not in CI). */
describe('bench --cluster', () => {
  it('is off unless asked for; on, it has its own modest sweep, results file and a deadline that fits a failover', () => {
    expect(parseOptions([]).cluster).toBe(false);
    const cluster = parseOptions(['--cluster']);
    expect(cluster).toMatchObject({ cluster: true, sweep: [{ drills: 20, participants: 5 }] });
    expect(cluster.out).toMatch(/bench\/results\/cluster\.json$/);
    expect(cluster.deadlineMs).toBeGreaterThanOrEqual(300_000);
    expect(parseOptions(['--cluster', '--quick']).sweep).toEqual([{ drills: 6, participants: 3 }]);
    expect(parseOptions(['--cluster', '--sweep', '9x4', '--out', '/tmp/x.json'])).toMatchObject({ sweep: [{ drills: 9, participants: 4 }], out: '/tmp/x.json' });
  });

  it('writes the load average, every target and the failover, and says what was not measured or made again', () => {
    const run = { inject: summary(10), injectsMissing: 0, injectsExpected: 100, postAck: summary(5), postAll: summary(6), postsSent: 20, postsRefused: 0, postsIncomplete: 0, errors: [] };
    const results: ClusterResults = {
      version: 1, date: '2026-12-01T19:38:00.000Z', runtimeMs: 237_000,
      machine: { cpus: 2, cpuModel: 'AMD EPYC', memGiB: 24, node: 'v20.20.2', platform: 'linux x64', loadavg: { start: 18.6, end: 15.5, max: 19.2, mean: 17 } },
      fanout: [{ drills: 20, participants: 5, windowMs: 20_000, targets: [{ target: 'baseline', nodes: 1, sockets: 120, ...run }, { target: 'three-nodes', nodes: 3, sockets: 120, ...run }] }],
      failover: { drills: 5, socketsPerDrill: 4, leaseMs: 10_000, killToAck: summary(10_300), killToAllSeen: summary(10_370), ackedBefore: 15, lost: 0, stuck: 0, errors: [] },
      notes: ['three-nodes 20x5: drill:command: internal: try again'], errors: ['one-node-postgres 20x5: no inject was received'],
    };
    const text = clusterMarkdown(results);
    expect(text).toContain('load average 18.6 at the start, 15.5 at the end (highest 19.2, mean 17)');
    expect(text).toContain('| three-nodes | 3 | 120 | 10 / 11 / 12 / 13 |');
    expect(text).toContain('| 10300 / 10301 / 10302 / 10303 | 10370 / 10371 / 10372 / 10373 | 15 | 0 | 0 |');
    expect(text).toContain('Failed once and made again: three-nodes 20x5');
    expect(text).toContain('Not measured: one-node-postgres 20x5');
  });
});
