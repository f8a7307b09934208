import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { connectionLabel, connectionMachine, joinRequests } from '../../client/src/session/connectionMachine';
import { ev, FakeTransport, flush, msg, viewAt } from './fixtures';

function start(credentials = { as: 'participant' as const, drillId: 'd1', token: 'x'.repeat(20) }) {
  const transport = new FakeTransport();
  const actor = createActor(connectionMachine, { input: { transport, credentials } });
  actor.start();
  const label = () => connectionLabel(actor.getSnapshot().value);
  return { transport, actor, label };
}

describe('connection machine', () => {
  it('stops and says why when the server revokes the identity (seat removed, link replaced)', async () => {
    const { transport, actor, label } = start();
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    transport.emit({ type: 'REVOKED', notice: { reason: 'removed', message: 'The facilitator removed you from this drill.' } });
    expect(label()).toBe('refused');
    expect(actor.getSnapshot().context.error).toEqual({ code: 'removed', message: 'The facilitator removed you from this drill.' });
  });

  it('joins with the new key after this tab replaced its staff link', async () => {
    const { transport, actor } = start({ as: 'staff', drillId: 'd1', key: 'a'.repeat(32), role: 'facilitator' } as never);
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    actor.send({ type: 'REKEY', key: 'b'.repeat(32) });
    transport.emit({ type: 'DOWN', reason: 'transport close' });
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    expect(transport.joins.at(-1)).toEqual({ as: 'facilitator', drillId: 'd1', key: 'b'.repeat(32) });
    transport.emit({ type: 'OUTBOUND', status: { configured: true, channels: ['injects'], delivered: 1, failed: 0, pending: 0, dropped: 0 } });
    expect(actor.getSnapshot().context.outbound?.delivered).toBe(1);
  });

  it('connects, rejoins with the token and goes live with the view', async () => {
    const { transport, actor, label } = start();
    expect(transport.connected).toBe(1);
    expect(label()).toBe('connecting');
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    expect(transport.joins).toEqual([{ as: 'rejoin', drillId: 'd1', token: 'x'.repeat(20) }]);
    expect(label()).toBe('connected');
    expect(actor.getSnapshot().context.view?.drillId).toBe('d1');
    expect(actor.getSnapshot().context.joinedAs).toBe('participant');
  });

  it('folds pushed events with the shared reducer and ignores ones it already has', async () => {
    const { transport, actor } = start();
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    transport.emit({ type: 'EVENT', message: msg(ev(4, { type: 'chat.post', text: 'hello' }), 3) });
    transport.emit({ type: 'EVENT', message: msg(ev(4, { type: 'chat.post', text: 'hello' }), 3) });
    const { view, lastSeq, log } = actor.getSnapshot().context;
    expect(view?.state.posts.map((p) => p.text)).toEqual(['hello']);
    expect(lastSeq).toBe(4);
    expect(log.map((e) => e.seq)).toEqual([4]);
  });

  it('resyncs when an event reveals a gap, then shows "resynced"', async () => {
    const { transport, actor, label } = start();
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    transport.emit({ type: 'EVENT', message: msg(ev(9, { type: 'chat.post', text: 'late' }), 8) });
    expect(actor.getSnapshot().value).toBe('resyncing');
    expect(transport.resyncs).toEqual([3]);
    await flush();
    expect(label()).toBe('resynced');
    expect(actor.getSnapshot().context.lastSeq).toBe(10);
  });

  it('after a drop, a recovered socket keeps the view; an unrecovered one joins again', async () => {
    const { transport, label } = start();
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    transport.emit({ type: 'DOWN', reason: 'transport close' });
    expect(label()).toBe('reconnecting');
    transport.emit({ type: 'UP', recovered: true });
    expect(label()).toBe('resynced');
    expect(transport.joins).toHaveLength(1);
    transport.emit({ type: 'DOWN', reason: 'transport close' });
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    expect(transport.joins).toHaveLength(2);
    expect(label()).toBe('resynced');
  });

  it('shows the refusal when the token is not accepted, and retries on request', async () => {
    const { transport, actor, label } = start();
    transport.joinReply = () => ({ ok: false, error: { code: 'unauthorized', message: 'That seat is not in this drill.' } });
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    expect(label()).toBe('refused');
    expect(actor.getSnapshot().context.error?.message).toBe('That seat is not in this drill.');
    transport.joinReply = () => ({ ok: true, data: { view: viewAt() } });
    actor.send({ type: 'RETRY' });
    await flush();
    expect(label()).toBe('connected');
  });

  it('tries a link key as facilitator, then as observer', async () => {
    const { transport, actor } = start({ as: 'staff', drillId: 'd1', key: 'k'.repeat(20), role: 'unknown' } as never);
    transport.joinReply = (r) => (r.as === 'observer'
      ? { ok: true, data: { view: viewAt(3, { identity: { kind: 'observer' } }) } }
      : { ok: false, error: { code: 'unauthorized', message: 'bad key' } });
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    await flush();
    expect(transport.joins.map((j) => j.as)).toEqual(['facilitator', 'observer']);
    expect(actor.getSnapshot().context.joinedAs).toBe('observer');
  });

  it('keeps pushed clock, presence and views current', async () => {
    const { transport, actor } = start();
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    transport.emit({ type: 'CLOCK', clock: { status: 'running', t: 5000, speed: 60, wall: 1 }, at: 42 });
    transport.emit({ type: 'PRESENCE', online: ['p1', 'p2'] });
    const { view, clockAt } = actor.getSnapshot().context;
    expect(view?.clock.speed).toBe(60);
    expect(clockAt).toBe(42);
    expect(view?.online).toEqual(['p1', 'p2']);
    transport.emit({ type: 'VIEW', view: viewAt(20) });
    expect(actor.getSnapshot().context.lastSeq).toBe(20);
  });

  it('closes the transport when stopped', () => {
    const { transport, actor } = start();
    actor.stop();
    expect(transport.closed).toBe(1);
  });

  it('builds the join requests for each kind of credentials', () => {
    expect(joinRequests({ as: 'staff', drillId: 'd', key: 'k', role: 'observer' })).toEqual([{ as: 'observer', drillId: 'd', key: 'k' }]);
  });
});

describe('connection machine, recovery replays', () => {
  it('folds events a recovered socket replays before it reports the reconnection', async () => {
    const { transport, actor, label } = start();
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    transport.emit({ type: 'DOWN', reason: 'ping timeout' });
    transport.emit({ type: 'EVENT', message: msg(ev(4, { type: 'chat.post', text: 'while you were away' }), 3) });
    transport.emit({ type: 'UP', recovered: true });
    expect(label()).toBe('resynced');
    expect(actor.getSnapshot().context.view?.state.posts.map((p) => p.text)).toEqual(['while you were away']);
  });

  it('joins again when the replay has a hole in it', async () => {
    const { transport, label } = start();
    transport.emit({ type: 'UP', recovered: false });
    await flush();
    transport.emit({ type: 'DOWN', reason: 'ping timeout' });
    transport.emit({ type: 'EVENT', message: msg(ev(8, { type: 'chat.post', text: 'x' }), 7) });
    transport.emit({ type: 'UP', recovered: true });
    await flush();
    expect(transport.joins).toHaveLength(2);
    expect(label()).toBe('resynced');
  });
});
