import { describe, expect, it } from 'vitest';
import { dueDateProblem, isOverdue } from '../../../shared/drill/action-items';
import { TeamCommand, type DrillCommand } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import type { DrillEvent } from '../../../shared/drill/events';
import { score } from '../../../shared/scoring';
import { facilitator, MIN, must, player, refused, startedDrill, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, at: 0s, to: [ic], title: Orders failing }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

/** A running drill with one action item (#id) Cal added at 2 min. */
function withItem() {
  const drill = startedDrill(scenario, TEAM);
  must(drill, { type: 'action-item.add', text: 'Write the failover runbook', owner: 'Cal' }, player('cal'), 2 * MIN);
  return { drill, id: String(drill.state.actionItems[0].seq) };
}

const parse = (command: unknown) => TeamCommand.safeParse(command);
const message = (command: unknown) => {
  const result = parse(command);
  return result.success ? undefined : result.error.issues.map((i) => i.message).join('; ');
};

describe('action item commands: validation (the socket schema)', () => {
  it('takes a real calendar date and says what is wrong with anything else', () => {
    expect(dueDateProblem('2026-03-31')).toBeUndefined();
    expect(dueDateProblem('2028-02-29')).toBeUndefined();
    expect(dueDateProblem('2026-02-30')).toBe('2026-02-30 is not a date: February 2026 has 28 days.');
    expect(dueDateProblem('2026-13-01')).toMatch(/no month 13/);
    expect(dueDateProblem('next week')).toMatch(/YYYY-MM-DD, like 2026-03-31; "next week" is not one/);
    expect(dueDateProblem('31/03/2026')).toMatch(/YYYY-MM-DD/);
    expect(message({ type: 'action-item.add', text: 'Fix it', owner: 'Ann', due: '2026-02-30' })).toBe('2026-02-30 is not a date: February 2026 has 28 days.');
    expect(message({ type: 'action-item.add', text: 'Fix it', owner: 'Ann', due: 'next week' })).toMatch(/"next week" is not one/);
    expect(parse({ type: 'action-item.add', text: 'Fix it', owner: 'Ann', due: ' 2026-04-01 ' }).data).toMatchObject({ due: '2026-04-01' });
  });

  it('takes priority, status and a finding id on add; refuses unknown values', () => {
    const ok = parse({ type: 'action-item.add', text: 'Fix it', owner: 'Ann', priority: 'high', status: 'in-progress', finding: 'objective:first-status' });
    expect(ok.success).toBe(true);
    expect(message({ type: 'action-item.add', text: 'Fix it', owner: 'Ann', priority: 'urgent' })).toMatch(/high, medium or low/);
    expect(message({ type: 'action-item.add', text: 'Fix it', owner: 'Ann', status: 'closed' })).toMatch(/open, in-progress or done/);
    expect(message({ type: 'action-item.add', text: 'Fix it', owner: 'Ann', finding: 'DROP TABLE' })).toMatch(/not a finding id/);
  });

  it('an update names the item and at least one change; blank due and finding clear them', () => {
    expect(message({ type: 'action-item.update', id: '4' })).toMatch(/Say what to change/);
    expect(message({ type: 'action-item.update', id: 'x', status: 'done' })).toMatch(/number of the item/);
    expect(message({ type: 'action-item.update', id: '4', due: '2026-02-30' })).toMatch(/February 2026 has 28 days/);
    expect(message({ type: 'action-item.update', id: '4', text: '  ' })).toMatch(/cannot be empty/);
    expect(message({ type: 'action-item.update', id: '4', extra: 1, status: 'done' })).toBeDefined();
    expect(parse({ type: 'action-item.update', id: '4', due: '', finding: '' }).data).toEqual({ type: 'action-item.update', id: '4', due: null, finding: null });
  });
});

describe('action-item.update in the drill', () => {
  it('applies only the changed fields and keeps the latest values; the log keeps every version', () => {
    const { drill, id } = withItem();
    expect(drill.state.actionItems[0]).toMatchObject({ priority: 'medium', status: 'open' });
    must(drill, { type: 'action-item.update', id, priority: 'high', due: '2026-04-01', finding: 'objective:first-status' }, player('ann'), 3 * MIN);
    must(drill, { type: 'action-item.update', id, status: 'done', due: null }, player('bea'), 4 * MIN);
    expect(drill.state.actionItems[0]).toMatchObject({ text: 'Write the failover runbook', owner: 'Cal', priority: 'high', status: 'done', finding: 'objective:first-status' });
    expect(drill.state.actionItems[0].due).toBeUndefined();
    expect(drill.state.actionItems[0].updated).toMatchObject({ t: 4 * MIN, by: player('bea') });
    const add = drill.log.find((e) => e.type === 'action-item.add');
    expect(add).toMatchObject({ text: 'Write the failover runbook', owner: 'Cal' });
    expect(add).not.toHaveProperty('status');
    expect(drill.log.filter((e) => e.type === 'action-item.update')).toHaveLength(2);
  });

  it('refuses an unknown item (not-found), a change that changes nothing (conflict), observers and strangers', () => {
    const { drill, id } = withItem();
    refused(drill, { type: 'action-item.update', id: '999', status: 'done' }, player('ann'), 'not-found', /no action item #999/);
    refused(drill, { type: 'action-item.update', id, status: 'open', owner: 'Cal' }, player('ann'), 'conflict', /Nothing to change/);
    refused(drill, { type: 'action-item.update', id, status: 'done' }, { kind: 'observer' }, 'forbidden', /Observers watch/);
    refused(drill, { type: 'action-item.update', id, status: 'done' }, player('zed'), 'forbidden', /Join the drill/);
    must(drill, { type: 'participant.remove', participantId: 'dee' }, facilitator);
    refused(drill, { type: 'action-item.update', id, status: 'done' }, player('dee'), 'forbidden', /took this seat off the roster/);
  });

  it('is allowed in the lobby, while paused and after the end, to participants and the facilitator', () => {
    const lobby = new Drill(scenario);
    must(lobby, { type: 'participant.join', participantId: 'ann', name: 'Ann' }, player('ann'));
    must(lobby, { type: 'action-item.add', text: 'Book the room', owner: 'Ann' }, player('ann'));
    must(lobby, { type: 'action-item.update', id: String(lobby.state.actionItems[0].seq), priority: 'low' }, player('ann'));
    const { drill, id } = withItem();
    must(drill, { type: 'drill.pause' }, facilitator);
    must(drill, { type: 'action-item.update', id, priority: 'high' }, player('ann'));
    must(drill, { type: 'drill.end' }, facilitator);
    must(drill, { type: 'action-item.update', id, status: 'in-progress' }, player('cal'));
    must(drill, { type: 'action-item.update', id, owner: 'Dee', due: '2026-05-01' }, facilitator);
    expect(drill.state.actionItems[0]).toMatchObject({ priority: 'high', status: 'in-progress', owner: 'Dee', due: '2026-05-01' });
    expect(drill.state.status).toBe('ended');
  });

  it('lands exactly once: a retried command id is answered with the first event', () => {
    const { drill, id } = withItem();
    const command: DrillCommand = { type: 'action-item.update', id, status: 'done' };
    const first = drill.submit(command, player('ann'), { cid: 'c-1' });
    const again = drill.submit(command, player('ann'), { cid: 'c-1' });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.duplicate).toBe(true);
    expect(again.event).toBe(first.event);
    expect(drill.log.filter((e) => e.type === 'action-item.update')).toHaveLength(1);
    const other = drill.submit({ type: 'action-item.update', id, status: 'open' }, player('ann'), { cid: 'c-1' });
    expect(other.ok).toBe(false);
  });

  it('replays: a log with updates rebuilds the same log and state', () => {
    const { drill, id } = withItem();
    must(drill, { type: 'action-item.update', id, priority: 'low', finding: 'rubric:no-blame' }, player('ann'), 5 * MIN);
    must(drill, { type: 'drill.end' }, facilitator, 6 * MIN);
    must(drill, { type: 'action-item.update', id, status: 'done' }, player('bea'), 6 * MIN);
    const replayed = Drill.replay(scenario, drill.log);
    expect(replayed.log).toEqual(drill.log);
    expect(replayed.state.actionItems).toEqual(drill.state.actionItems);
  });

  it('replays a log written before action items v2: old adds get medium, open and no finding; a free-text due stays', () => {
    const { drill } = withItem();
    must(drill, { type: 'action-item.add', text: 'Page the vendor sooner', owner: 'Ann', due: 'next sprint' }, player('ann'), 3 * MIN);
    must(drill, { type: 'drill.end' }, facilitator, 4 * MIN);
    // Exactly what engine 2 stored: action-item.add with text, owner and (free-text) due only.
    const old: DrillEvent[] = JSON.parse(JSON.stringify(drill.log));
    const replayed = Drill.replay(scenario, old);
    expect(replayed.log).toEqual(old);
    expect(replayed.state.actionItems.map(({ priority, status, finding, due }) => ({ priority, status, finding, due }))).toEqual([
      { priority: 'medium', status: 'open', finding: undefined, due: undefined },
      { priority: 'medium', status: 'open', finding: undefined, due: 'next sprint' },
    ]);
    // An item of an old drill can be updated like any other.
    must(replayed, { type: 'action-item.update', id: String(replayed.state.actionItems[1].seq), due: '2026-06-30' }, player('ann'));
    expect(replayed.state.actionItems[1].due).toBe('2026-06-30');
  });

  it('reaches the scorecard with the latest values and its id', () => {
    const { drill, id } = withItem();
    must(drill, { type: 'action-item.update', id, priority: 'high', status: 'in-progress', finding: 'objective:x', due: '2026-04-01' }, player('ann'), 3 * MIN);
    const card = score(scenario, drill.log, { drillId: 'd1' });
    expect(card.actionItems).toEqual([{ id, seq: Number(id), at: 2 * MIN, text: 'Write the failover runbook', owner: 'Cal', due: '2026-04-01', priority: 'high', status: 'in-progress', finding: 'objective:x' }]);
  });
});

describe('isOverdue', () => {
  it('is past due and not done; free text never is', () => {
    expect(isOverdue({ due: '2026-01-01', status: 'open' }, '2026-01-02')).toBe(true);
    expect(isOverdue({ due: '2026-01-01', status: 'done' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ due: '2026-01-02', status: 'open' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ due: 'next sprint', status: 'open' }, '2026-01-02')).toBe(false);
  });
});
