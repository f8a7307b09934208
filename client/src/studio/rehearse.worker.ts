/// <reference lib="webworker" />
import './zod-jitless';
import { rateStatusPost, rehearse } from '../../../shared/simulate/rehearse';
import type { WorkerReply, WorkerRequest } from './rehearse-protocol';

/**
 * Runs the bot teams and the comms sandbox off the page's thread: a rehearsal plays every team through a whole
 * drill, which takes long enough to stall typing if it ran beside the editor.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  let reply: WorkerReply;
  try {
    if (request.kind === 'rehearse') {
      const started = performance.now();
      const rehearsal = rehearse(request.scenario, request.seed);
      reply = { id: request.id, ok: true, kind: 'rehearse', rehearsal, ms: Math.round(performance.now() - started) };
    } else {
      reply = { id: request.id, ok: true, kind: 'rate', post: rateStatusPost(request.scenario, request.post) };
    }
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
