import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Drill } from '../../../shared/drill/drill';
import type { DrillEvent } from '../../../shared/drill/events';
import { Scenario } from '../../../shared/scenario/schema';
import { score } from '../../../shared/scoring';
import { GOLDEN } from './golden-scenario';
import { textbook } from './teams';
import { formatReport, parseArgs, readLogFile } from '../../../server/cli/report';

const FIXTURE = 'tests/fixtures/sample-drill.json';
const REGENERATE = `npm run firedrill -- report --log ${FIXTURE} --format md > docs/example-report.md`;

describe('the sample drill and docs/example-report.md', () => {
  it('docs/example-report.md is the current CLI report of the sample drill', () => {
    const expected = formatReport(readLogFile(FIXTURE), 'md');
    const committed = readFileSync('docs/example-report.md', 'utf8');
    expect(committed, `docs/example-report.md is stale; regenerate it with: ${REGENERATE}`).toBe(expected);
  });

  it('the sample log is exactly what a Drill of its scenario records (it replays to itself)', () => {
    const { scenario, events } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { scenario: unknown; events: DrillEvent[] };
    const replayed = Drill.replay(Scenario.parse(scenario), events).log;
    expect(replayed).toEqual(events);
  });

  it('the sample has what the report shows off: a handover, a pause, notes, owned action items, wall times, fixed states, an override', () => {
    const { scenario, events } = readLogFile(FIXTURE);
    const card = score(scenario, events);
    expect(card.metrics.handovers).toBe(1);
    expect(events.some((e) => e.type === 'drill.pause')).toBe(true);
    expect(card.observations.length).toBeGreaterThanOrEqual(2);
    expect(card.actionItems.every((a) => a.owner)).toBe(true);
    expect(card.drill.startedAt).toBe(Date.UTC(2025, 2, 14, 18, 40));
    expect(card.overall).toBeGreaterThanOrEqual(85);
    expect(card.metrics.fixed.mitigated).not.toBeNull();
    expect(card.declarations.map((d) => d.premature)).toEqual([false, false]);
    expect(card.overrides.map((o) => o.status)).toEqual(['applied']);
    expect(card.objectives.find((o) => o.id === 'cadence')!.override).toMatchObject({ automatic: 'S', rating: 'P' });
  });

  it('prints the full scorecard as JSON', () => {
    const json = JSON.parse(formatReport(readLogFile(FIXTURE), 'json'));
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['overall', 'dimensions', 'objectives', 'metrics', 'posts', 'strengths', 'improvements', 'actionItems', 'timeline']));
  });
});

describe('report CLI arguments', () => {
  it('reads a drill id, a format and a store path', () => {
    expect(parseArgs(['d-1', '--format', 'json', '--db', '/tmp/x.db'])).toEqual({ drillId: 'd-1', format: 'json', db: '/tmp/x.db' });
    expect(parseArgs(['--log', 'a.json'])).toMatchObject({ log: 'a.json', format: 'md' });
  });

  it('says what to do about a mistake', () => {
    expect(() => parseArgs([])).toThrow('Name a drill id, or a log file with --log.');
    expect(() => parseArgs(['d-1', '--format', 'pdf'])).toThrow('--format is md, html, json or csv, not "pdf".');
    expect(() => parseArgs(['d-1', '--log', 'x.json'])).toThrow('Give a drill id or --log, not both.');
    expect(() => parseArgs(['d-1', '--db'])).toThrow('--db needs a value.');
    expect(() => readLogFile('tests/fixtures/no-such-log.json')).toThrow(/Cannot read the log/);
  });

  it('reads a log whose scenario is a file next to it, and refuses one without events', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-report-'));
    writeFileSync(join(dir, 'golden-db.json'), JSON.stringify(GOLDEN));
    writeFileSync(join(dir, 'log.json'), JSON.stringify({ scenario: 'golden-db.json', events: textbook(), drillId: 'd-9' }));
    const input = readLogFile(join(dir, 'log.json'));
    expect(input.scenario.id).toBe('golden-db');
    expect(JSON.parse(formatReport(input, 'json')).drill.id).toBe('d-9');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ scenario: 'golden-db.json', events: [{ type: 'chat.post' }] }));
    expect(() => readLogFile(join(dir, 'bad.json'))).toThrow('events[0] is not a drill event (it needs seq, t, by and type).');
  });
});
