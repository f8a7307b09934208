import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioDir } from '../../../server/scenario-files';
import { exportMsel, formatMselProblem, formatMselTime, importMsel, parseCsv, parseMselTime } from '../../../shared/msel';
import { injectChannel, scenarioInjects } from '../../../shared/scenario/model';
import { loadScenario } from '../../../shared/scenario/load';
import type { Scenario } from '../../../shared/scenario/schema';
import { simulate } from '../../../shared/simulate';

const FIXTURE = readFileSync(join(import.meta.dirname, '../../fixtures/msel/payment-provider-outage.csv'), 'utf8');
const HEADER = 'time,phase,channel,from,to,title,body,expected action,objective';
const MIN = 60_000;

function imported(text: string): Scenario {
  const result = importMsel(text, { id: 'payment-provider-outage', title: 'Payment provider outage' });
  if (!result.ok) throw new Error(result.problems.map(formatMselProblem).join('\n'));
  return result.scenario;
}
const errorsOf = (text: string) => {
  const result = importMsel(text);
  return result.ok ? [] : result.problems.map(formatMselProblem);
};

describe('MSEL times', () => {
  it('reads T+mm:ss, T+h:mm:ss and minutes, and writes T+mm:ss', () => {
    expect(parseMselTime('T+07:00')).toBe(7 * MIN);
    expect(parseMselTime('T+1:05:30')).toBe((65 * 60 + 30) * 1000);
    expect(parseMselTime('7')).toBe(7 * MIN);
    expect(parseMselTime('7.5')).toBe(7.5 * MIN);
    expect(parseMselTime('07:30')).toBe(7.5 * MIN);
    expect(parseMselTime('7 minutes')).toBeUndefined();
    expect(parseMselTime('T+07:75')).toBeUndefined();
    expect(formatMselTime(7 * MIN)).toBe('T+07:00');
    expect(formatMselTime(65.5 * MIN)).toBe('T+1:05:30');
  });
});

describe('importMsel', () => {
  const result = importMsel(FIXTURE, { id: 'payment-provider-outage', title: 'Payment provider outage' });

  it('writes scenario YAML that starts with the schema line and validates', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=./scenario.schema.json');
    expect(loadScenario(result.yaml).ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('chains the phases in order with after transitions and lets the last one resolve', () => {
    const s = imported(FIXTURE);
    expect(s.initial).toBe('detection');
    expect(Object.keys(s.states)).toEqual(['detection', 'gateway-engaged', 'recovery', 'done']);
    expect(s.states.detection.after).toEqual([{ in: '12m', goto: 'gateway-engaged' }]);
    expect(s.states['gateway-engaged'].after).toEqual([{ in: '16m', goto: 'recovery' }]);
    expect(s.states.recovery.on).toEqual([{ when: { declared: 'resolved' }, goto: 'done' }]);
    expect(s.states.done.final).toBe(true);
  });

  it('turns rows into injects at their time within the phase', () => {
    const s = imported(FIXTURE);
    const injects = [...scenarioInjects(s).values()];
    expect(injects).toHaveLength(10);
    expect(injects[0]).toMatchObject({ id: 'detection-1', channel: 'pager', ack: true, title: 'HIGH: card payments failing at 22%' });
    expect(injects.find((i) => i.title === '25 tickets: "my card was declined twice"')).toMatchObject({ to: ['comms', 'ic'], atMs: 4 * MIN });
    expect(injects.find((i) => i.telemetry)).toMatchObject({ atMs: 4.5 * MIN, telemetry: { 'payment-success': [78, 64, 51] } });
    expect(injects.find((i) => i.title === 'Elevated latency in one region')).toMatchObject({ state: 'gateway-engaged', atMs: 0 });
  });

  it('derives roles, contacts and objectives from the rows, plus the standard objectives', () => {
    const s = imported(FIXTURE);
    expect(s.roles.map((r) => [r.id, r.required])).toEqual([['ic', true], ['comms', true], ['ops', false], ['scribe', false]]);
    expect(s.contacts.map((c) => c.id)).toEqual(['gateway-support']);
    const target = (id: string) => s.objectives.find((o) => o.id === id)?.target;
    expect(s.objectives.find((o) => o.id === 'page-acknowledged')?.measure).toEqual({ kind: 'ack', inject: 'detection-1' });
    expect(target('page-acknowledged')).toBe('5m');
    expect(target('gateway-support-engaged')).toBe('10m');
    expect(target('customers-hear-from-us')).toBe('14m'); // "within 10m" of its row at T+04:00
    expect(target('payments-flow-again')).toBe('30m');
    expect(s.objectives.map((o) => o.measure.kind)).toEqual(expect.arrayContaining(['role-filled', 'roles-filled', 'cadence', 'rubric']));
  });

  it('gives a dry run that tells a good team from a silent one', () => {
    const s = imported(FIXTURE);
    const textbook = simulate(s, { team: 'textbook', seed: 1 });
    expect(textbook.scorecard.drill.endedReason).toBe('final');
    expect(textbook.scorecard.overall).toBeGreaterThan(simulate(s, { team: 'silent', seed: 1 }).scorecard.overall + 50);
  });

  it('names the row and column of every bad cell', () => {
    const rows = [
      'T+00:00,Detection,pager,Pager,all,Page,,ack,',
      'T+01:00,,chat,Priya,all,Hello,,,',
      'T+02:00,,fax,Desk,all,Tickets,,,',
      'T+03:00,,chat,Desk,all,,,,',
      'T+04:00,,chat,Desk,all,Note,,,Team is calm within 5m',
      '7 minutes,,chat,Desk,all,Later,,,',
    ];
    expect(errorsOf([HEADER, ...rows].join('\n'))).toEqual([
      'row 4, column "channel": "fax" is not a channel; use one of pager, chat, email, support, social, news, vendor, telemetry',
      'row 5, column "title": is empty; every inject needs a title (or telemetry values)',
      expect.stringMatching(/^row 6, column "objective": Firedrill cannot measure "Team is calm within 5m" on its own; say in "expected action"/),
      'row 7, column "time": "7 minutes" is not a time; write T+07:00 or 7',
    ]);
  });

  it('rejects a first row without a phase, phases that overlap, and a header without the needed columns', () => {
    expect(errorsOf(`${HEADER}\nT+00:00,,chat,A,all,Hi,,,`)).toEqual([expect.stringMatching(/^row 2, column "phase": is empty on the first row/)]);
    expect(errorsOf(`${HEADER}\nT+00:00,One,chat,A,all,Hi,,,\nT+05:00,Two,chat,A,all,Hi,,,\nT+07:00,One,chat,A,all,Late,,,`)).toEqual([
      'row 4, column "time": T+07:00 is after phase "two" began at T+05:00; phases play one after another, so move this row into that phase or make it earlier',
    ]);
    expect(errorsOf('when,what\n1,x')).toEqual([expect.stringMatching(/^row 1: the header has no "phase" or "title" column/)]);
    expect(errorsOf(`${HEADER}\n`)).toEqual(['there are no inject rows under the header']);
    expect(errorsOf('time;phase;title\n1;a;b')).toEqual([expect.stringMatching(/^row 1: the header is one cell with ";" or tabs in it; save the sheet as CSV with commas/)]);
  });

  it('warns about columns it does not read, and skips blank rows', () => {
    const result = importMsel(`${HEADER},Controller notes\nT+00:00,One,chat,A,all,Hi,,,,ask Sam\n,,,,,,,,,\n`);
    expect(result.ok && result.warnings.map(formatMselProblem)).toEqual(['warning: row 1, column "Controller notes": is not a column Firedrill reads; it is ignored']);
  });
});

describe('exportMsel', () => {
  const { scenarios } = loadScenarioDir(join(import.meta.dirname, '../../../scenarios'));
  const key = (s: Scenario) => [...scenarioInjects(s).values()].map((i) => JSON.stringify({
    id: i.id.includes('.') ? undefined : i.id, title: i.title, body: i.body?.replace(/\n$/, ''), from: i.from,
    channel: injectChannel(i), to: i.to, ack: i.ack, telemetry: i.telemetry,
  })).sort();

  it.each(scenarios.map((s) => [s.id, s] as const))('keeps every inject of %s through a round trip', (_id, scenario) => {
    const first = exportMsel(scenario);
    expect(first.rows).toBe(scenarioInjects(scenario).size);
    const back = imported(first.csv);
    expect(key(back)).toEqual(key(scenario));
    // The timeline is the same the second time round.
    const times = (csv: string) => { const r = parseCsv(csv); return r.ok ? r.records.slice(1).map((x) => x.fields.slice(0, 6).join('|')) : []; };
    expect(times(exportMsel(back).csv)).toEqual(times(first.csv));
  });

  it('writes an imported MSEL back as the same timeline, and that imports to the same scenario', () => {
    const once = imported(FIXTURE);
    const csv = exportMsel(once).csv;
    expect(csv.split('\r\n')[0]).toBe('time,phase,channel,from,to,title,body,expected action,objective,id,telemetry');
    expect(csv).toMatch(/\r\nT\+04:30,detection,telemetry,,all,,,[^\r\n]*,payment-success: 78 64 51\r\n/);
    expect(imported(csv)).toEqual(once);
  });
});
