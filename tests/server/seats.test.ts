import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TAKE_OVER_AFTER_MS } from '../../shared/drill/presence';
import type { RevokedNotice } from '../../shared/protocol/messages';
import { hashSecret } from '../../server/ids';
import { Player, commandId, startTestServer, type TestServer } from './helpers';

/**
 * Seats that stick (issue 14): the same browser goes back to its seat from the join link, the facilitator renames,
 * removes and merges seats, and a role whose holder has been away past the grace period can be taken over.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const revocations = (player: Player): RevokedNotice[] => player.revoked;

async function lobby() {
  server = await startTestServer();
  const { drill, facilitator, team: [ivy] } = await server.open(['Ivy']);
  await ivy.act({ type: 'role.claim', role: 'ic' });
  const ben = await server.join({ as: 'participant', code: drill.joinCode, name: 'Ben' });
  return { s: server, drill, facilitator, ivy, ben, live: () => server!.app.registry.loaded(drill.drillId)! };
}

describe('joining again', () => {
  it('puts a browser that holds a seat back in it from the join link: same seat, same role, no second Ivy', async () => {
    const { s, drill, ivy, live } = await lobby();
    const joins = () => live().log.filter((e) => e.type === 'participant.join').length;
    const before = joins();
    const again = await s.join({ as: 'participant', code: drill.joinCode.toLowerCase(), name: 'Ivy', token: ivy.token! });
    expect(again.id).toBe(ivy.id);
    expect(again.token).toBe(ivy.token);
    expect(again.state!.roles.ic).toBe(ivy.id);
    expect(joins()).toBe(before);
    // Without the token (another browser) it is a new seat, as before.
    const other = await s.join({ as: 'participant', code: drill.joinCode, name: 'Ivy' });
    expect(other.id).not.toBe(ivy.id);
    expect(joins()).toBe(before + 1);
    // A token of another drill is ignored: a new seat.
    const drill2 = await s.createDrill();
    const elsewhere = await s.join({ as: 'participant', code: drill2.joinCode, name: 'Ivy', token: ivy.token! });
    expect(elsewhere.view!.drillId).toBe(drill2.drillId);
  });

  it('says that a drill has ended instead of "check the code"', async () => {
    const { s, drill, facilitator } = await lobby();
    await facilitator.act({ type: 'drill.end' });
    const p = new Player(await s.connect());
    const reply = await p.request('drill:join', { as: 'participant', code: drill.joinCode, name: 'Late' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-running', message: expect.stringMatching(/has ended, so joining is closed/) } });
  });

  it('refuses a name over 60 characters with a message instead of cutting it', async () => {
    const { s, drill } = await lobby();
    const p = new Player(await s.connect());
    const reply = await p.request('drill:join', { as: 'participant', code: drill.joinCode, name: 'm'.repeat(300) });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/Your name is too long \(at most 60 characters\)/) } });
  });
});

describe('the facilitator manages the roster', () => {
  it('renames a seat: everyone sees it, and the seat rejoins under the new name', async () => {
    const { s, drill, facilitator, ivy, ben } = await lobby();
    await facilitator.act({ type: 'participant.rename', participantId: ivy.id!, name: 'Ivy Chen' });
    await ben.until((p) => p.state!.participants[ivy.id!].name === 'Ivy Chen', 'the new name');
    const back = await s.join({ as: 'rejoin', drillId: drill.drillId, token: ivy.token! });
    expect(back.view!.identity).toEqual({ kind: 'participant', participantId: ivy.id, name: 'Ivy Chen' });
  });

  it('removes a seat: its sockets are told and leave at once, its token opens nothing, its role is free', async () => {
    const { s, drill, facilitator, ivy, ben, live } = await lobby();
    const notices = revocations(ivy);
    await facilitator.act({ type: 'participant.remove', participantId: ivy.id! });
    await ivy.until(() => notices.length === 1, 'the notice');
    expect(notices[0]).toMatchObject({ reason: 'removed', message: expect.stringMatching(/removed you/) });
    expect(live().state.roles.ic).toBeUndefined();
    const reply = await ivy.request('drill:command', { id: commandId(), command: { type: 'chat.post', text: 'still here?' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const rejoin = await new Player(await s.connect()).request('drill:join', { as: 'rejoin', drillId: drill.drillId, token: ivy.token! });
    expect(rejoin).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/removed you/) } });
    // Through the join link with the old token: a new seat, not the removed one.
    const fresh = await s.join({ as: 'participant', code: drill.joinCode, name: 'Ivy', token: ivy.token! });
    expect(fresh.id).not.toBe(ivy.id);
    await ben.act({ type: 'role.claim', role: 'ic' });
    // The seat's record is marked in the same commit as the event.
    expect(await s.store.findParticipantByToken(drill.drillId, hashSecret(ivy.token!))).toMatchObject({ removed: true });
  });

  it('merges a duplicate seat: the role moves over, the old sockets become the kept seat, the old token opens it', async () => {
    const { s, drill, facilitator, ivy } = await lobby();
    const ivy2 = await s.join({ as: 'participant', code: drill.joinCode, name: 'Ivy' });
    await facilitator.act({ type: 'participant.merge', participantId: ivy.id!, into: ivy2.id! });
    await ivy2.until((p) => p.state!.roles.ic === ivy2.id, 'the role in the kept seat');
    await ivy.until((p) => p.view!.identity.kind === 'participant' && p.view!.identity.participantId === ivy2.id, 'the old socket moved');
    await ivy.act({ type: 'chat.post', text: 'from the old tab' });
    expect((await s.app.registry.get(drill.drillId))!.state.posts.at(-1)!.by).toEqual({ kind: 'participant', id: ivy2.id });
    const back = await s.join({ as: 'rejoin', drillId: drill.drillId, token: ivy.token! });
    expect(back.id).toBe(ivy2.id);
  });

  it('is the facilitator\'s alone', async () => {
    const { ivy, ben, live } = await lobby();
    const before = live().log.length;
    for (const command of [
      { type: 'participant.rename', participantId: ben.id!, name: 'Benjamin' },
      { type: 'participant.remove', participantId: ben.id! },
      { type: 'participant.merge', participantId: ben.id!, into: ivy.id! },
    ] as const) {
      expect(await ivy.request('drill:command', { id: commandId(), command })).toMatchObject({ ok: false, error: { code: 'forbidden', message: /Only the facilitator/ } });
    }
    expect(await ivy.request('drill:rotate-key', { role: 'facilitator' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Presence commands are not part of the socket protocol at all.
    expect(await ivy.request('drill:command', { id: commandId(), command: { type: 'participant.away', participantId: ben.id! } } as never)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(live().log.length).toBe(before);
  });
});

describe('take-over', () => {
  it('logs a holder away after the grace period; a teammate takes the role over; coming back is logged too', async () => {
    const { s, drill, facilitator, ivy, ben, live } = await lobby();
    await facilitator.act({ type: 'drill.start' });
    ivy.socket.disconnect();
    await ben.until((p) => p.presence.at(-1)?.length === 1, 'Ivy offline');
    s.clock.advance(DEFAULT_TAKE_OVER_AFTER_MS - 1000);
    await ben.sync();
    expect(live().state.participants[ivy.id!].awaySince).toBeUndefined();
    expect(await ben.request('drill:command', { id: commandId(), command: { type: 'role.takeover', role: 'ic', from: ivy.id! } })).toMatchObject({ ok: false, error: { code: 'conflict', message: /has not been away for 5 min/ } });
    s.clock.advance(1000);
    await ben.until((p) => p.state!.participants[ivy.id!].awaySince !== undefined, 'Ivy away');
    const away = live().log.find((e) => e.type === 'participant.away')!;
    expect(away.by).toEqual({ kind: 'system' });
    await ben.act({ type: 'role.takeover', role: 'ic', from: ivy.id! });
    expect(live().state.roles.ic).toBe(ben.id);
    // Ivy comes back with her token: logged as back, the role stays with Ben.
    await s.join({ as: 'rejoin', drillId: drill.drillId, token: ivy.token! });
    await ben.until((p) => p.state!.participants[ivy.id!].awaySince === undefined, 'Ivy back');
    expect(live().log.filter((e) => e.type === 'participant.back')).toHaveLength(1);
    expect(live().state.roles.ic).toBe(ben.id);
  });

  it('does not log someone away who came back within the grace period', async () => {
    const { s, drill, ivy, ben, live } = await lobby();
    ivy.socket.disconnect();
    await ben.until((p) => p.presence.at(-1)?.length === 1, 'Ivy offline');
    s.clock.advance(DEFAULT_TAKE_OVER_AFTER_MS / 2);
    await s.join({ as: 'rejoin', drillId: drill.drillId, token: ivy.token! });
    s.clock.advance(DEFAULT_TAKE_OVER_AFTER_MS);
    await ben.sync();
    expect(live().log.some((e) => e.type === 'participant.away')).toBe(false);
  });
});

describe('rotating staff links', () => {
  it('gives a new facilitator key: the old one stops working at once, its other sockets are dropped', async () => {
    const { s, drill, facilitator } = await lobby();
    const second = await s.join({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
    const notices = revocations(second);
    const reply = await facilitator.request('drill:rotate-key', { role: 'facilitator' });
    if (!reply.ok) throw new Error(reply.error.message);
    const key = reply.data.key;
    expect(key).not.toBe(drill.facilitatorKey);
    await second.until(() => notices.length === 1, 'the old-key socket told');
    expect(notices[0]).toMatchObject({ reason: 'key-rotated' });
    expect(await second.request('drill:command', { id: commandId(), command: { type: 'drill.start' } })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // The socket that rotated it keeps working; the log says it happened, without the key.
    await facilitator.act({ type: 'note.add', text: 'still the console' });
    const logged = (await s.app.registry.get(drill.drillId))!.log.find((e) => e.type === 'staff.rotate-key')!;
    expect(logged).toMatchObject({ role: 'facilitator', by: { kind: 'facilitator' } });
    expect(JSON.stringify((await s.app.registry.get(drill.drillId))!.log)).not.toContain(key);
    // Old key: refused over sockets and HTTP; new key: works.
    expect(await new Player(await s.connect()).request('drill:join', { as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await fetch(`${s.url}/api/drills/${drill.drillId}/events`, { headers: { 'x-firedrill-key': drill.facilitatorKey } })).status).toBe(403);
    expect((await fetch(`${s.url}/api/drills/${drill.drillId}/events`, { headers: { 'x-firedrill-key': key } })).status).toBe(200);
    await s.join({ as: 'facilitator', drillId: drill.drillId, key });
  });

  it('gives a new observer key and drops the observers using the old one', async () => {
    const { s, drill, facilitator } = await lobby();
    const observer = await s.join({ as: 'observer', drillId: drill.drillId, key: drill.observerKey });
    const notices = revocations(observer);
    const reply = await facilitator.request('drill:rotate-key', { role: 'observer' });
    expect(reply.ok).toBe(true);
    await observer.until(() => notices.length === 1, 'the observer told');
    expect((await fetch(`${s.url}/api/drills/${drill.drillId}?key=${drill.observerKey}`)).status).toBe(403);
    // The facilitator's own key is untouched.
    expect((await fetch(`${s.url}/api/drills/${drill.drillId}?key=${drill.facilitatorKey}`)).status).toBe(200);
  });
});
