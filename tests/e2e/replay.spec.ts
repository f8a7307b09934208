import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { DrillEvent, EventOf } from '../../shared/drill/events';
import type { CreateDrillResponse } from '../../shared/protocol/messages';
import { baseUrl, createDrill, shot, startTwoRoleDrill } from './helpers';

const PRESS = 'Press asks: is checkout down?';
const NOTE = 'IC took command within a minute';

/**
 * A short drill over the socket protocol: Ana (IC) and Ben (comms) talk in the war room, the facilitator sends an
 * inject to the comms role only and writes a note (staff only), Ben posts a status update, Ana pages the vendor.
 */
async function playShortDrill(drill: CreateDrillResponse): Promise<void> {
  const { facilitator, ana, ben } = await startTwoRoleDrill(drill);
  await ana.act({ type: 'inject.ack', injectId: 'first-page' });
  await ana.act({ type: 'chat.post', text: 'Ana here: I have command.' });
  await ben.act({ type: 'chat.post', text: 'Ben on comms, drafting the first update.' });
  await facilitator.act({ type: 'inject.send', to: ['comms'], channel: 'news', from: 'RetailTech Weekly', title: PRESS, ack: false });
  await facilitator.act({ type: 'note.add', text: NOTE });
  await ben.act({ type: 'status.post', phase: 'investigating', text: 'Customers cannot complete checkout. We are sorry; we are on it with our database provider. Next update in 30 minutes.' });
  await ana.act({ type: 'chat.post', text: 'Paging the vendor now.' });
  await ana.act({ type: 'contact.page', contact: 'vendor-support', message: 'P1: writes to our orders cluster time out.' });
  await facilitator.act({ type: 'drill.end' });
  for (const p of [facilitator, ana, ben]) p.socket.disconnect();
}

async function eventsOf(drill: CreateDrillResponse): Promise<DrillEvent[]> {
  const response = await fetch(`${baseUrl()}/api/drills/${drill.drillId}/events?key=${drill.observerKey}`);
  expect(response.ok).toBe(true);
  return ((await response.json()) as { events: DrillEvent[] }).events;
}

/** What the room shows at the replayed moment: the injects (by id, newest first) and the war room's messages. */
async function shown(page: Page) {
  const injects = await page.getByTestId('inject').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-inject')));
  await page.getByRole('tab', { name: /War room/ }).click();
  const chat = await page.locator('[data-testid="chat"] .chat-text').allTextContents();
  return { injects, chat };
}

/** What the log says the room held after event `seq`: worded injects (newest first) and war-room messages. */
function expected(events: DrillEvent[], seq: number) {
  const upTo = events.filter((e) => e.seq <= seq);
  return {
    injects: upTo.flatMap((e) => (e.type === 'inject.delivered' && !(e.channel === 'telemetry' && !e.title) ? [e.injectId] : [])).reverse(),
    chat: upTo.flatMap((e) => (e.type === 'chat.post' ? [e.text] : [])),
  };
}

async function axe(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a lead scrubs the replay to a past moment, switches viewpoint, and lands there from an evidence link', async ({ browser }) => {
  test.setTimeout(180_000); // axe takes seconds on a loaded machine
  const drill = await createDrill();
  await playShortDrill(drill);
  const events = await eventsOf(drill);
  const last = events.at(-1)!.seq;
  const benChat = events.find((e) => e.type === 'chat.post' && e.text.startsWith('Ben'))!.seq;
  const press = events.find((e): e is EventOf<'inject.delivered'> => e.type === 'inject.delivered' && e.title === PRESS)!;

  const lead = await browser.newContext({ baseURL: baseUrl() });
  const page = await lead.newPage();

  // From the scorecard: an evidence link opens the replay at that event, highlighted; the address keeps the moment.
  await page.goto(`/drill/${drill.drillId}/scorecard?key=${drill.observerKey}`);
  const evidence = page.getByTestId('objective-page-acked').locator('a[data-evidence]').last(); // the page's delivery, then its acknowledgement
  const seq = Number(await evidence.getAttribute('data-evidence'));
  expect(events.find((e) => e.seq === seq)?.type).toBe('inject.ack');
  await expect(evidence).toHaveAttribute('href', `/drill/${drill.drillId}/replay?seq=${seq}`);
  await evidence.click();
  await expect(page).toHaveURL(new RegExp(`/drill/${drill.drillId}/replay\\?seq=${seq}$`));
  const moment = page.getByTestId('replay-event');
  await expect(moment).toHaveAttribute('data-seq', String(seq));
  await expect(moment).toHaveClass(/linked/);
  await expect(moment).toContainText('Ana acknowledged');
  await expect(page.getByTestId('replay-position')).toHaveText(`Event ${seq} of ${last}`);
  await expect(page.getByTestId('replay-scrubber')).toBeFocused();
  await expect(page.getByTestId('replay-story-time')).toHaveText(/^18:4\d$/); // partner-db-down starts at Fri 18:40
  await expect(page.getByTestId('replay-drill-time')).toHaveText(/^T\+00:\d\d$/);
  expect(await shown(page)).toEqual(expected(events, seq));

  // The scrubber moved to a past moment shows exactly the injects and the chat of then, as the log says.
  await page.getByTestId('replay-scrubber').fill(String(benChat));
  await expect(page.getByTestId('replay-position')).toHaveText(`Event ${benChat} of ${last}`);
  expect(await shown(page)).toEqual(expected(events, benChat));
  expect((await shown(page)).injects).not.toContain(press.injectId);
  await expect(page).toHaveURL(new RegExp(`replay\\?seq=${benChat}$`));

  // Keyboard: End, then one event back; the room follows.
  await page.getByTestId('replay-scrubber').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('replay-position')).toHaveText(`Event ${last} of ${last}`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('replay-position')).toHaveText(`Event ${last - 1} of ${last}`);
  expect(await shown(page)).toEqual(expected(events, last - 1));
  await page.getByTestId('replay-scrubber').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('replay-event')).toHaveText('Before the first event: the lobby.');
  await page.keyboard.press('End');

  // The facilitator's viewpoint has the console: the note and the inject to comms are in its log.
  await expect(page.getByTestId('inject').filter({ hasText: PRESS })).toBeVisible();
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.locator('.live-log')).toContainText(NOTE);
  await expect(page.locator('#statechart')).toBeVisible();
  await shot(page, 'replay-console-1280');
  await page.getByRole('tab', { name: 'Room' }).click();
  await axe(page, 'replay, facilitator');
  await shot(page, 'replay-1280', { docs: true });

  // The IC's viewpoint hides what the IC could not see: the inject to comms only, the console, the note.
  await page.getByTestId('replay-viewpoint').selectOption({ label: 'Incident Commander' });
  await expect(page).toHaveURL(/viewpoint=ic/);
  await expect(page.getByRole('tab', { name: 'Console' })).toHaveCount(0);
  await expect(page.getByTestId('inject').filter({ hasText: PRESS })).toHaveCount(0);
  await expect(page.getByText(NOTE)).toHaveCount(0);
  expect((await shown(page)).chat).toEqual(expected(events, last).chat);
  // Stepping onto the comms-only inject tells the IC nothing about it.
  await page.getByTestId('replay-scrubber').fill(String(press.seq));
  await expect(page.getByTestId('replay-event')).toContainText('Not something Incident Commander was sent.');
  await expect(page.getByTestId('replay-event')).not.toContainText(PRESS);
  // Comms saw it.
  await page.getByTestId('replay-viewpoint').selectOption({ label: 'Communications Lead' });
  await expect(page.getByTestId('inject').filter({ hasText: PRESS })).toBeVisible();
  await expect(page.getByTestId('replay-event')).toContainText(PRESS);
  await axe(page, 'replay, comms');

  // A shared moment: the address (with the observer key, as the observer link carries it) opens the same moment
  // and viewpoint in another tab; the key leaves the address at once, the moment stays.
  const shared = page.url();
  expect(shared).toMatch(new RegExp(`/replay\\?seq=${press.seq}&viewpoint=comms$`));
  const again = await lead.newPage();
  await again.goto(`${shared}&key=${drill.observerKey}`);
  await expect(again.getByTestId('replay-position')).toHaveText(`Event ${press.seq} of ${last}`);
  await expect(again.getByTestId('replay-viewpoint')).toHaveValue('comms');
  await expect(again).toHaveURL(shared);
  await again.close();

  // Play from the start at ×60: the player runs to the end on its own.
  await page.getByTestId('replay-scrubber').focus();
  await page.keyboard.press('Home');
  await page.getByRole('button', { name: '×60' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('replay-position')).toHaveText(`Event ${last} of ${last}`, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Play from the start' })).toBeVisible();

  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('replay-scrubber').fill(String(benChat));
  await shot(page, 'replay-390', { docs: true });
  await lead.close();

  // Without a key (a participant's browser, a colleague's) the replay does not open: it explains who can open it.
  const stranger = await browser.newContext({ baseURL: baseUrl() });
  const other = await stranger.newPage();
  await other.goto(`/drill/${drill.drillId}/replay?seq=3`);
  await expect(other.getByText(/opens with the drill’s facilitator or observer link/)).toBeVisible();
  await expect(other.getByTestId('inject')).toHaveCount(0);
  // A colleague with the shared moment pastes the observer link they were given. Another drill's link is refused
  // in the page; a key the server does not take comes back with the form; the right link opens the same moment,
  // and the key never enters the address.
  const link = other.getByLabel('Observer or facilitator link');
  await link.fill(`${baseUrl()}/drill/another-drill?key=${drill.observerKey}&as=observer`);
  await link.press('Enter');
  await expect(other.getByRole('alert')).toHaveText(/That link is for another drill/);
  await other.setViewportSize({ width: 390, height: 844 });
  await shot(other, 'replay-paste-link-390');
  await other.setViewportSize({ width: 1280, height: 800 });
  await link.fill('x'.repeat(32));
  await other.getByRole('button', { name: 'Open the replay' }).click();
  await expect(other.getByRole('alert').first()).toContainText('could not be loaded');
  await other.getByLabel('Observer or facilitator link').fill(`${baseUrl()}/drill/${drill.drillId}?key=${drill.observerKey}&as=observer`);
  await other.getByRole('button', { name: 'Open the replay' }).click();
  await expect(other.getByTestId('replay-position')).toHaveText(`Event 3 of ${last}`);
  await expect(other).toHaveURL(new RegExp(`/drill/${drill.drillId}/replay\\?seq=3$`));
  await stranger.close();
});
