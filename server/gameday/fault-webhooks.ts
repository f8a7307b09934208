import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Id } from '../../shared/scenario/schema';
import { urlProblem } from '../outbound/deliver';
import { urlHint } from '../outbound/outbound';
import { describeZodError } from '../validation';

/** One named fault webhook: where a chaos tool listens, and the secret its requests are signed with. */
export interface FaultWebhook { name: string; url: string; secret: string; hint: string }

/** What the console may know of one: its name and a recognisable, unusable hint of its URL. */
export interface FaultWebhookInfo { name: string; target: string }

const FaultsFile = z.strictObject({
  webhooks: z.record(z.string(), z.strictObject({
    url: z.string().min(1),
    secret: z.string().min(16, { message: 'a signing secret has at least 16 characters (openssl rand -hex 32)' }),
  })),
});

/**
 * Reads FIREDRILL_FAULTS_FILE (docs/game-day.md): `{"webhooks": {"<name>": {"url": "...", "secret": "..."}}}`. The
 * scenario names a webhook; its URL and secret live only here, on the server. Throws with what to fix.
 */
export function parseFaultWebhooks(text: string, allowPrivate: boolean, from = 'FIREDRILL_FAULTS_FILE'): Map<string, FaultWebhook> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${from} is not valid JSON; write {"webhooks": {"chaos": {"url": "https://…", "secret": "…"}}}`);
  }
  const parsed = FaultsFile.safeParse(raw);
  if (!parsed.success) throw new Error(`${from}: ${describeZodError(parsed.error)}`);
  const out = new Map<string, FaultWebhook>();
  for (const [name, { url, secret }] of Object.entries(parsed.data.webhooks)) {
    if (!Id.safeParse(name).success) throw new Error(`${from}: webhook name "${name}" must be lower-case kebab-case, like "chaos" or "litmus-staging" (the scenario's fault: { webhook: … } names it)`);
    const problem = urlProblem(url, allowPrivate);
    if (problem) throw new Error(`${from}: webhook "${name}": ${problem}`);
    out.set(name, { name, url, secret, hint: urlHint(url) });
  }
  return out;
}

/** The fault webhooks of FIREDRILL_FAULTS_FILE, or none when it is unset. */
export function loadFaultWebhooks(file: string | undefined, allowPrivate: boolean): Map<string, FaultWebhook> {
  if (!file) return new Map();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`FIREDRILL_FAULTS_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseFaultWebhooks(text, allowPrivate, file);
}
