import { createActor, type Actor } from 'xstate';
import { createCommandSender, type Command, type CommandReply } from '../../../client/src/session/commands';
import { connectionMachine, type Credentials } from '../../../client/src/session/connectionMachine';
import { socketTransport, type DrillTransport } from '../../../client/src/session/transport';
import type { DrillView } from '../../../shared/protocol/messages';

/**
 * The web client's own session, run in Node: the connection machine (join, fold pushed events, resync after a gap,
 * rejoin after a reconnect) over the browser's Socket.IO transport, and the command sender that retries with the
 * same id. What a browser tab does, without the page: the cluster tests watch it ride out a failover.
 */
export class Browser {
  readonly actor: Actor<typeof connectionMachine>;
  readonly transport: DrillTransport;
  readonly send: (command: Command) => Promise<CommandReply>;
  /** Every state label the session went through (e.g. `live.resynced`, `resyncing`, `reconnecting`). */
  readonly states: string[] = [];
  /** Wall ms each inject first showed up in this session's view, by inject id. */
  readonly arrivals = new Map<string, number>();

  constructor(url: string, credentials: Credentials) {
    this.transport = socketTransport(url);
    this.actor = createActor(connectionMachine, { input: { transport: this.transport, credentials } });
    this.actor.subscribe((snapshot) => {
      const label = JSON.stringify(snapshot.value);
      if (this.states.at(-1) !== label) this.states.push(label);
      for (const inject of snapshot.context.view?.state.injects ?? []) {
        if (!this.arrivals.has(inject.injectId)) this.arrivals.set(inject.injectId, Date.now());
      }
    });
    this.actor.start();
    this.send = createCommandSender({
      send: (request) => this.transport.command(request),
      live: () => this.live(),
    });
  }

  get view(): DrillView | undefined {
    return this.actor.getSnapshot().context.view;
  }

  get lastSeq(): number {
    return this.actor.getSnapshot().context.lastSeq;
  }

  /** Resolves once the session is joined and live. */
  live(): Promise<void> {
    return this.when((browser) => browser.actor.getSnapshot().matches('live'), 'a live session');
  }

  /** Resolves when `predicate` holds (checked on every change of the session), or fails after `ms`. */
  when(predicate: (browser: Browser) => unknown, what: string, ms = 10_000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.unsubscribe();
        reject(new Error(`timed out after ${ms} ms waiting for ${what} (session states: ${this.states.join(' → ')})`));
      }, ms);
      const subscription = this.actor.subscribe(() => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve();
      });
    });
  }

  /** Sends a command as the page does (retried with the same id) and fails if it is refused. */
  async act(command: Command): Promise<number> {
    const reply = await this.send(command);
    if (!reply.ok) throw new Error(`${command.type} refused: ${reply.error.code}: ${reply.error.message}`);
    return reply.data.seq;
  }

  close(): void {
    this.actor.stop();
  }
}
