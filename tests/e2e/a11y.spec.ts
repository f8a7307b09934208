import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { baseUrl, claim, createDrill, joinAs, openConsole, shot, startDrill } from './helpers';

/** axe-core on the page as it is now: no serious or critical violation (listed in full when there is one). */
async function axe(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n')}`).join('\n');
  expect(bad, `${where}:\n${report}`).toEqual([]);
}

test('keyboard: skip links, focus after join and claim; axe finds nothing serious on any page', async ({ browser }) => {
  // axe is slow on a loaded machine (seconds per page): this test has room for it.
  test.setTimeout(300_000);
  const drill = await createDrill();

  // Home: the first Tab reaches "Skip to the join form", which lands in the join code field.
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Scenario library' })).toBeVisible();
  await axe(page, 'home');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the join form' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Join code')).toBeFocused();
  await page.keyboard.type(drill.joinCode);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ivy');
  await page.keyboard.press('Enter');

  // Lobby: focus lands on the first required role to claim; after the claim, on the lobby heading.
  await expect(page.getByRole('button', { name: 'Claim Incident Commander' })).toBeFocused();
  await axe(page, 'lobby');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Waiting for the facilitator to start' })).toBeFocused();
  await expect(page.getByText('You are Incident Commander.')).toBeVisible();

  // Console: starting with a required role open asks first.
  const fac = await openConsole(browser, drill);
  await axe(fac.page, 'console (lobby)');
  await fac.page.getByRole('button', { name: 'Start the drill' }).click();
  await expect(fac.page.getByRole('group', { name: 'Confirm: start with a required role open' })).toContainText('Communications Lead is still open (required)');
  await expect(fac.page.getByRole('button', { name: 'Start anyway' })).toBeFocused();
  await shot(fac.page, 'console-start-confirm');
  await fac.page.getByRole('button', { name: 'Wait for the team' }).click();
  const ben = await joinAs(browser, drill.joinCode, 'Ben');
  await claim(ben, 'Communications Lead');
  await startDrill(fac.page);

  // Room: the skip link goes to the message box; axe on the room and on the console while running.
  await expect(page.locator('[data-inject="first-page"]')).toBeVisible();
  // From the top of the page, as after a fresh load.
  await page.evaluate(() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the message box' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Message to the war room')).toBeFocused();
  await page.keyboard.type('@ic here, I have command.');
  await page.keyboard.press('Escape'); // closes the suggestions
  await page.keyboard.press('Enter');
  await expect(page.locator('.chat-msg')).toHaveCount(1);
  await axe(page, 'room');
  await axe(fac.page, 'console (running)');

  // Severity: a confirmation, then ten seconds to take it back.
  await page.getByRole('button', { name: 'SEV3', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Confirm: set severity to SEV3' })).toContainText('from SEV1 to SEV3');
  await axe(page, 'room with a confirmation');
  await page.getByRole('button', { name: 'Set SEV3' }).click();
  await expect(page.getByRole('button', { name: 'SEV3', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('undo-note')).toContainText('Severity set to SEV3.');
  await page.getByRole('button', { name: /Undo, back to SEV1/ }).click();
  await expect(page.getByRole('button', { name: 'SEV1', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(fac.page.locator('.live-log')).toContainText('Ivy set severity to SEV1');
  // Declarations ask first too.
  await page.getByRole('button', { name: 'Declare mitigated…' }).click();
  await expect(page.getByRole('button', { name: 'Yes, declare mitigated' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Public status page and scorecard.
  const status = await context.newPage();
  await status.goto(`/status/${drill.drillId}`);
  await expect(status.getByTestId('status-page')).toBeVisible();
  await axe(status, 'status page');
  await fac.page.getByRole('button', { name: 'End drill…' }).click();
  await fac.page.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(page.getByTestId('ended-banner')).toBeVisible();
  await axe(page, 'room (ended)');
  await page.getByRole('link', { name: 'Open the scorecard' }).click();
  await expect(page.getByTestId('overall')).toBeVisible();
  await axe(page, 'scorecard');
  await Promise.all([context.close(), fac.context.close(), ben.context.close()]);
});
