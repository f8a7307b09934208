import { describe, expect, it } from 'vitest';
import { createCommandSender, unanswered, type CommandLink, type CommandReply, type Unanswered } from '../../client/src/session/commands';

/** A link whose answers the test scripts, one per attempt; records what was sent and how often it waited for live. */
function link(answers: (CommandReply | Unanswered)[]) {
  const sent: { id: string; command: unknown }[] = [];
  let lives = 0;
  const l: CommandLink = {
    send: async (request) => {
      sent.push(request);
      return answers.shift() ?? { ok: true, data: { seq: 99 } };
    },
    live: async () => { lives++; },
  };
  return { link: l, sent, lives: () => lives };
}

let ids = 0;
const options = { newId: () => `id-${++ids}`, sleep: async () => {} };
const CHAT = { type: 'chat.post', text: 'hello' } as const;

describe('commands from the web client, exactly once (issue 16, defect 3)', () => {
  it('retries a command whose answer never came with the same id, after the session is live again', async () => {
    const { link: l, sent, lives } = link([unanswered(), unanswered(), { ok: true, data: { seq: 7 } }]);
    const send = createCommandSender(l, options);
    expect(await send(CHAT)).toEqual({ ok: true, data: { seq: 7 } });
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.id)).size).toBe(1);
    expect(lives()).toBe(3);
  });

  it('retries after "join first" (sent before the rejoin of a restarted server) and after a failed save, never after a refusal', async () => {
    const { link: l, sent } = link([
      { ok: false, error: { code: 'unauthorized', message: 'Join a drill before sending commands.' } },
      { ok: false, error: { code: 'internal', message: 'Could not save; try again.' } },
      { ok: true, data: { seq: 3 } },
      { ok: false, error: { code: 'conflict', message: 'Comms Lead is held by Ben.' } },
    ]);
    const send = createCommandSender(l, options);
    expect(await send(CHAT)).toEqual({ ok: true, data: { seq: 3 } });
    expect(sent.map((s) => s.id)).toEqual([sent[0].id, sent[0].id, sent[0].id]);
    expect(await send({ type: 'role.claim', role: 'comms' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(sent).toHaveLength(4);
    expect(sent[3].id).not.toBe(sent[0].id);
  });

  it('gives up after the deadline, and the very same command sent again keeps its id so it cannot land twice', async () => {
    let now = 0;
    const { link: l, sent } = link([unanswered(), unanswered(), { ok: true, data: { seq: 5 } }]);
    const send = createCommandSender({ ...l, send: async (r) => { now += 60_000; return l.send(r); } }, { ...options, now: () => now, deadlineMs: 100_000 });
    const first = await send(CHAT);
    expect(first).toMatchObject({ ok: false, error: { message: expect.stringContaining('will not be applied twice') } });
    expect(await send(CHAT)).toEqual({ ok: true, data: { seq: 5 } });
    expect(new Set(sent.map((s) => s.id)).size).toBe(1);
    // Once answered, the same text again is a new message with a new id.
    await send(CHAT);
    expect(sent.at(-1)!.id).not.toBe(sent[0].id);
  });

  it('makes ids the server accepts', async () => {
    const { link: l, sent } = link([]);
    await createCommandSender(l)(CHAT);
    expect(sent[0].id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
