import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { CommandRequest, CreateDrillResponse, JoinRequest, Reply } from '../../shared/protocol/messages';
import { E2E_ADMIN_KEY } from './server';

/** The URL of the server global-setup started. */
export function baseUrl(): string {
  const url = process.env.FIREDRILL_E2E_URL ?? (existsSync('test-results/.e2e-server-url') ? readFileSync('test-results/.e2e-server-url', 'utf8').trim() : '');
  if (!url) throw new Error('no e2e server URL: run through playwright.config.ts (global setup starts the server)');
  return url;
}

/** The temporary copy of the scenario folder the e2e server reads and the studio saves into. */
export function scenariosDir(): string {
  const dir = process.env.FIREDRILL_E2E_SCENARIOS ?? (existsSync('test-results/.e2e-scenarios-dir') ? readFileSync('test-results/.e2e-scenarios-dir', 'utf8').trim() : '');
  if (!dir) throw new Error('no e2e scenario folder: run through playwright.config.ts (global setup makes it)');
  return dir;
}

/** A drill made through the HTTP API (specs that are not about the home page skip the clicking). */
export async function createDrill(scenarioId = 'partner-db-down'): Promise<CreateDrillResponse> {
  const response = await fetch(`${baseUrl()}/api/drills`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId }),
  });
  if (!response.ok) throw new Error(`create drill: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateDrillResponse;
}

export interface Person { context: BrowserContext; page: Page; name: string }

/** A participant in their own browser context, joined through the join link and waiting in the lobby. */
export async function joinAs(browser: Browser, joinCode: string, name: string, viewport?: { width: number; height: number }): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl(), ...(viewport ? { viewport } : {}) });
  const page = await context.newPage();
  await page.goto(`/join/${joinCode}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join drill' }).click();
  await expect(page.getByTestId('identity')).toContainText(name);
  return { context, page, name };
}

/** The facilitator console opened from the facilitator link. */
export async function openConsole(browser: Browser, drill: CreateDrillResponse): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  await page.goto(`/drill/${drill.drillId}?key=${drill.facilitatorKey}&as=facilitator`);
  await expect(page.getByRole('heading', { name: 'Scenario' })).toBeVisible();
  return { context, page, name: 'Facilitator' };
}

/**
 * Starts the drill from the console. With a required role still open the console asks first ("Start anyway"):
 * say so with `openRequired`.
 */
export async function startDrill(page: Page, { openRequired = false }: { openRequired?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Start the drill' }).click();
  if (openRequired) await page.getByRole('button', { name: 'Start anyway' }).click();
  await expect(page.getByTestId('drill-clock')).toContainText(/Running|Ended/);
}

export async function claim(person: Person, roleName: string): Promise<void> {
  await person.page.getByRole('button', { name: `Claim ${roleName}` }).click();
  await expect(person.page.getByTestId('identity')).toContainText(roleName);
}

const SHOTS = 'test-results/screenshots';
const DOCS = 'docs/images';

/**
 * Whether this run refreshes the documentation's screenshots: only when asked (`FIREDRILL_DOCS_SHOTS=1 npm run
 * test:e2e`), so an ordinary test run never modifies tracked files.
 */
export const DOCS_SHOTS = process.env.FIREDRILL_DOCS_SHOTS === '1';

/**
 * Saves a screenshot under test-results/screenshots; with `docs`, and when the run was asked to
 * (`FIREDRILL_DOCS_SHOTS=1`), also copies it to docs/images for the README and docs/ui.md.
 */
export async function shot(page: Page, name: string, options: { docs?: boolean; fullPage?: boolean; keepScroll?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  if (!options.keepScroll) await page.evaluate(() => window.scrollTo(0, 0));
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: 'disabled' });
  if (options.docs && DOCS_SHOTS) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(file, join(DOCS, `${name}.png`));
  }
}

/** Joins a drill over a plain Socket.IO client (no browser); `act` sends a command and throws on a refusal. */
export async function connect(request: JoinRequest) {
  const socket = io(baseUrl(), { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
  const reply = (await socket.timeout(10_000).emitWithAck('drill:join', request)) as Reply<unknown>;
  if (!reply.ok) throw new Error(`join: ${reply.error.message}`);
  const act = async (command: CommandRequest['command']) => {
    const answer = (await socket.timeout(10_000).emitWithAck('drill:command', { id: randomUUID(), command })) as Reply<unknown>;
    if (!answer.ok) throw new Error(`${command.type}: ${answer.error.message}`);
  };
  return { socket, act };
}

/**
 * Plays a short, decent run of a drill over the socket protocol (no browser): a participant joins and takes
 * the incident commander role, the facilitator starts it, the page is acknowledged, a status update goes out,
 * the vendor is paged and the drill is ended. For specs that need an earlier run to compare with, so that they
 * do not depend on another spec having run first.
 */
export async function playQuickRun(drill: CreateDrillResponse): Promise<void> {
  const facilitator = await connect({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
  const ana = await connect({ as: 'participant', code: drill.joinCode, name: 'Ana' });
  await ana.act({ type: 'role.claim', role: 'ic' });
  await facilitator.act({ type: 'drill.start' });
  await ana.act({ type: 'inject.ack', injectId: 'first-page' });
  await ana.act({ type: 'status.post', phase: 'investigating', text: 'Customers cannot complete checkout. We are sorry; we are working with our database provider. Next update in 30 minutes.' });
  await ana.act({ type: 'contact.page', contact: 'vendor-support', message: 'P1: writes to our orders cluster time out. Please investigate now.' });
  await facilitator.act({ type: 'drill.end' });
  facilitator.socket.disconnect();
  ana.socket.disconnect();
}

/** A socket joined to a drill by `connect`. */
export type Connected = Awaited<ReturnType<typeof connect>>;

/**
 * The opening most browser specs share, over the socket protocol: the facilitator, Ana and Ben connect, Ana claims
 * incident commander, Ben comms, and the facilitator starts the drill.
 */
export async function startTwoRoleDrill(drill: CreateDrillResponse): Promise<Record<'facilitator' | 'ana' | 'ben', Connected>> {
  const facilitator = await connect({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
  const ana = await connect({ as: 'participant', code: drill.joinCode, name: 'Ana' });
  const ben = await connect({ as: 'participant', code: drill.joinCode, name: 'Ben' });
  await ana.act({ type: 'role.claim', role: 'ic' });
  await ben.act({ type: 'role.claim', role: 'comms' });
  await facilitator.act({ type: 'drill.start' });
  return { facilitator, ana, ben };
}

/**
 * Plays issue #10's declare-victory pattern over the socket protocol: every role claimed in the lobby, the vendor
 * paged, mitigated and resolved declared at once (long before the story's `fixed` states), two template posts,
 * then the facilitator ends the drill and overrides the mitigated rating with a note.
 */
export async function playDeclareVictory(drill: CreateDrillResponse): Promise<void> {
  const { facilitator, ana, ben } = await startTwoRoleDrill(drill);
  await ana.act({ type: 'inject.ack', injectId: 'first-page' });
  await ana.act({ type: 'contact.page', contact: 'vendor-support', message: 'P1: checkout writes fail. Please investigate.' });
  await ana.act({ type: 'incident.declare', status: 'mitigated' });
  await ben.act({ type: 'status.post', phase: 'monitoring', text: 'Monitoring: checkout is working again for customers and we are watching it closely. We are sorry for the disruption. Next update in 15 minutes.' });
  await ben.act({ type: 'status.post', phase: 'resolved', text: 'Resolved: checkout works normally again. We are sorry; this was our responsibility. No customer data was lost and nobody was charged twice.' });
  await ana.act({ type: 'incident.declare', status: 'resolved' });
  await facilitator.act({ type: 'drill.end' });
  await facilitator.act({ type: 'score.override', target: { objective: 'mitigated' }, value: { rating: 'M' }, note: 'The IC was rehearsing the call; agreed in the hot wash.' });
  for (const p of [facilitator, ana, ben]) p.socket.disconnect();
}

/** Saves a screenshot of one part of a page (a panel); with `docs` (and `FIREDRILL_DOCS_SHOTS=1`), also to docs/images. */
export async function shotOf(locator: Locator, name: string, options: { docs?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: file, animations: 'disabled' });
  if (options.docs && DOCS_SHOTS) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(file, join(DOCS, `${name}.png`));
  }
}

/**
 * Puts a scenario from tests/e2e/fixtures into the e2e server's library (its temporary scenario folder) through
 * the studio's save route with the e2e admin key, so a spec can rely on a small story of its own instead of the
 * bundled scenarios, which other work rewrites. Saving the same file again replaces it.
 */
export async function installScenario(file: string): Promise<string> {
  const text = readFileSync(join('tests/e2e/fixtures', file), 'utf8');
  const id = /^id:\s*(\S+)/m.exec(text)?.[1];
  if (!id) throw new Error(`${file} has no id`);
  const response = await fetch(`${baseUrl()}/api/scenarios/${id}`, {
    method: 'PUT', headers: { 'content-type': 'application/json', 'x-firedrill-admin-key': E2E_ADMIN_KEY }, body: JSON.stringify({ text }),
  });
  if (!response.ok) throw new Error(`install ${file}: ${response.status} ${await response.text()}`);
  return id;
}
