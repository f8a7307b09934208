import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { baseUrl, claim, createDrill, joinAs, openConsole, shot, startDrill } from './helpers';

/**
 * What people without a key see: the console shows the join code from the server's staff view (also after a
 * reload, in a browser that did not create the drill); the public status page opens in a browser with no seat
 * and no storage and follows the team's posts; a participant opens the scorecard once the drill has ended, and
 * it has no facilitator observations.
 */
test('public status page, join code after a reload, and the scorecard for a participant', async ({ browser }) => {
  test.setTimeout(90_000);
  const drill = await createDrill('partner-db-down');

  // The facilitator link opened in its own browser: nothing in storage from "Run this drill".
  const fac = await openConsole(browser, drill);
  await expect(fac.page.getByTestId('console-join-code')).toHaveText(drill.joinCode);
  await fac.page.reload();
  await expect(fac.page.getByRole('heading', { name: 'Scenario' })).toBeVisible();
  await expect(fac.page.getByTestId('console-join-code')).toHaveText(drill.joinCode);
  await expect(fac.page.getByRole('link', { name: 'Public status page' })).toHaveAttribute('href', `/status/${drill.drillId}`);

  const ben = await joinAs(browser, drill.joinCode, 'Ben');
  await claim(ben, 'Communications Lead');
  await startDrill(fac.page, { openRequired: true });
  await expect(ben.page.locator('[data-inject="first-page"]')).toBeVisible();

  // Before the end, the scorecard stays closed to participants.
  const early = await ben.context.newPage();
  await early.goto(`/drill/${drill.drillId}/scorecard`);
  await expect(early.getByRole('alert')).toContainText('The scorecard opens when the drill ends.');
  await early.close();

  const warRoom = 'Ops: orders-db-primary is wedged; paging PartnerDB now.';
  await ben.page.getByLabel('Message to the war room').fill(warRoom);
  await ben.page.getByLabel('Message to the war room').press('Enter');
  const first = 'Investigating: customers cannot complete checkout right now. We are sorry and are working on it. Next update in 15 minutes.';
  await ben.page.getByRole('tab', { name: /Status page/ }).click();
  await ben.page.getByLabel('Update for customers').fill(first);
  await ben.page.getByRole('button', { name: 'Publish update' }).click();
  await expect(ben.page.locator('.status-update:not(.draft)').filter({ hasText: first })).toBeVisible();
  const note = 'Ben hesitated before publishing the first update';
  await fac.page.getByRole('textbox', { name: 'Observation' }).fill(note);
  await fac.page.getByRole('button', { name: 'Add observation' }).click();
  await expect(fac.page.locator('.notes')).toContainText(note);

  // A customer: a fresh browser, no seat, no key, nothing stored.
  const customer = await browser.newContext({ baseURL: baseUrl() });
  const page = await customer.newPage();
  await page.goto(`/status/${drill.drillId}`);
  const statusPage = page.getByTestId('status-page');
  await expect(statusPage).toContainText(first);
  await expect(statusPage).toContainText('Service status');
  await expect(statusPage).toContainText('We are having a service disruption');
  await expect(page.getByTestId('public-status-foot')).toContainText('the drill is running');
  const body = await page.locator('body').innerText();
  for (const secret of [warRoom, 'Ben', 'Your partner database just went down', 'SEV1', note]) expect(body).not.toContain(secret);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  await shot(page, 'status-public');

  // The page polls: a new update shows up without a reload.
  const second = 'Monitoring: checkout works again for all customers. We are watching closely. Next update in 30 minutes.';
  await ben.page.locator('label.seg', { hasText: 'Monitoring' }).click();
  await ben.page.getByLabel('Update for customers').fill(second);
  await ben.page.getByRole('button', { name: 'Publish update' }).click();
  await expect(page.locator('.status-update').first()).toContainText(second, { timeout: 12_000 });
  await expect(page.locator('.status-update')).toHaveCount(2);
  await expect(statusPage).toContainText('Recovering');
  await shot(page, 'status-public-live', { fullPage: true });

  // The facilitator ends the drill; the participant opens the scorecard from the room.
  await fac.page.getByRole('button', { name: 'End drill…' }).click();
  await fac.page.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(ben.page.getByTestId('ended-banner')).toBeVisible();
  // Nobody acknowledged the page: after the end it says so instead of offering a button that can only be refused.
  const firstPage = ben.page.locator('[data-inject="first-page"]');
  await expect(firstPage).toContainText('Never acknowledged');
  await expect(firstPage.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
  await expect(page.getByTestId('public-status-foot')).toContainText('the drill has ended', { timeout: 12_000 });
  await shot(ben.page, 'room-ended');
  await ben.page.getByTestId('ended-banner').getByRole('link', { name: 'Open the scorecard' }).click();
  await expect(ben.page.getByTestId('overall')).toBeVisible();
  await expect(ben.page.getByTestId('scored-post')).toHaveCount(2);
  await expect(ben.page.getByRole('button', { name: 'Download Markdown' })).toBeVisible();
  const scorecard = await ben.page.locator('main').innerText();
  expect(scorecard).not.toContain(note);
  expect(scorecard).not.toContain('Facilitator observations');
  await shot(ben.page, 'scorecard-participant');
  // The Markdown report downloads with the seat token in a header, without the observations.
  const download = ben.page.waitForEvent('download');
  await ben.page.getByRole('button', { name: 'Download Markdown' }).click();
  const report = await (await download).path();
  const markdown = readFileSync(report, 'utf8');
  expect(markdown).toMatch(/^# After-action report: /);
  expect(markdown).not.toContain('Facilitator observations');
  expect(markdown).not.toContain(note);

  // The facilitator's scorecard still has the observation.
  await fac.page.getByRole('link', { name: 'Open the scorecard' }).first().click();
  await expect(fac.page.getByTestId('overall')).toBeVisible();
  await expect(fac.page.locator('main')).toContainText(note);

  await customer.close();
  await ben.context.close();
  await fac.context.close();
});
