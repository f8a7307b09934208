import { expect, test, type Page } from '@playwright/test';
import { baseUrl, claim, createDrill, joinAs, openConsole, shot, startDrill } from './helpers';

const PHONE = { width: 390, height: 844 };
const LONG_NAME = 'maximilian.alexander.schmidt@example-corporation.com';

/** Nothing on the page is wider than the window: no sideways scrolling. */
async function noSidewaysScroll(page: Page, where: string) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${where}: page is ${scroll}px wide in a ${client}px window`).toBeLessThanOrEqual(client);
}

test('phones are first-class: join form on top, the room\'s tabs and message box in the first screen, nothing wider than the screen', async ({ browser }) => {
  // Home at phone size: the join form comes before the library.
  const home = await browser.newContext({ baseURL: baseUrl(), viewport: PHONE });
  const homePage = await home.newPage();
  await homePage.goto('/');
  await expect(homePage.getByRole('heading', { name: 'Scenario library' })).toBeVisible();
  const join = await homePage.getByRole('form', { name: 'Join a drill' }).boundingBox();
  const library = await homePage.getByRole('heading', { name: 'Scenario library' }).boundingBox();
  expect(join!.y).toBeLessThan(library!.y);
  expect(join!.y + join!.height).toBeLessThanOrEqual(PHONE.height);
  await noSidewaysScroll(homePage, 'home');
  await shot(homePage, 'home-390');
  await home.close();

  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const ivy = await joinAs(browser, drill.joinCode, 'Ivy', PHONE);
  const max = await joinAs(browser, drill.joinCode, LONG_NAME);
  await claim(ivy, 'Incident Commander');
  await claim(max, 'Communications Lead');
  await noSidewaysScroll(ivy.page, 'lobby');
  await shot(ivy.page, 'lobby-390');
  await noSidewaysScroll(max.page, 'lobby at 1280 with a long name');
  await shot(max.page, 'lobby-1280');

  await startDrill(fac.page);
  await expect(ivy.page.getByTestId('latest-inject')).toContainText('CRITICAL');
  // The first screen holds the tab strip (every tab within the width) and the message box.
  const composer = ivy.page.getByLabel('Message to the war room');
  await expect(composer).toBeInViewport();
  const box = await composer.boundingBox();
  expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
  for (const tab of await ivy.page.getByRole('tab').all()) {
    const b = await tab.boundingBox();
    expect(b!.x).toBeGreaterThanOrEqual(0);
    expect(b!.x + b!.width).toBeLessThanOrEqual(PHONE.width);
    await expect(tab).toBeInViewport();
  }
  await noSidewaysScroll(ivy.page, 'room');
  await shot(ivy.page, 'room-390', { docs: true });

  // The injects are a tab: acknowledge from there.
  await ivy.page.getByTestId('latest-inject').click();
  await expect(ivy.page.getByRole('tab', { name: /Injects/ })).toHaveAttribute('aria-selected', 'true');
  await ivy.page.locator('[data-inject="first-page"]').getByRole('button', { name: 'Acknowledge' }).click();
  await expect(ivy.page.locator('[data-inject="first-page"]')).toContainText('Acknowledged by Ivy');
  await shot(ivy.page, 'room-390-injects');

  // A long name wraps in the roles and team cards; the 1280 room does not scroll sideways.
  await expect(max.page.getByTestId('role-comms')).toContainText(LONG_NAME);
  await noSidewaysScroll(max.page, 'room at 1280 with a long name');
  const card = await max.page.getByTestId('role-comms').boundingBox();
  const side = await max.page.locator('.room-side').boundingBox();
  expect(card!.x + card!.width).toBeLessThanOrEqual(side!.x + side!.width + 1);
  // The name breaks beside its presence dot, not on a line of its own under it.
  const dot = await max.page.getByTestId('role-comms').locator('.role-holder .presence').boundingBox();
  const name = await max.page.getByTestId('role-comms').locator('.role-holder .name').boundingBox();
  expect(name!.x).toBeGreaterThan(dot!.x + dot!.width - 1);
  const dotMiddle = dot!.y + dot!.height / 2;
  expect(dotMiddle).toBeGreaterThan(name!.y);
  expect(dotMiddle).toBeLessThan(name!.y + 20); // within the name's first line
  await shot(max.page, 'room-1280');

  // The console at phone size.
  const phoneConsole = await browser.newContext({ baseURL: baseUrl(), viewport: PHONE });
  const consolePage = await phoneConsole.newPage();
  await consolePage.goto(`/drill/${drill.drillId}?key=${drill.facilitatorKey}&as=facilitator`);
  await expect(consolePage.getByRole('heading', { name: 'Scenario' })).toBeVisible();
  await noSidewaysScroll(consolePage, 'console');
  await shot(consolePage, 'console-390');
  await shot(fac.page, 'console-1280');

  for (const c of [ivy.context, max.context, fac.context, phoneConsole]) await c.close();
});

test('a name over 60 characters gets a message instead of being cut', async ({ browser }) => {
  const drill = await createDrill();
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  await page.goto(`/join/${drill.joinCode}`);
  await page.getByLabel('Your name').fill('m'.repeat(300));
  await page.getByRole('button', { name: 'Join drill' }).click();
  await expect(page.getByRole('alert')).toHaveText('A name can be at most 60 characters; this one has 300. Shorten it (a first name is fine).');
  await expect(page.getByLabel('Your name')).toHaveValue('m'.repeat(300));
  await context.close();
});
