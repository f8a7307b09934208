import { expect, test } from '@playwright/test';
import { baseUrl, createDrill, playDeclareVictory, playQuickRun, shot } from './helpers';

/**
 * Issue #15 items 4 and 5: two runs of "Your partner database just went down" (a decent one and a declare-victory
 * one, played over the socket), an action item added and edited on the second run's scorecard after the drill,
 * the runs list and the comparison of the two, and the next run's console showing the item as last edited.
 */
test('an action item edited after the drill reaches the next run\'s console; two runs compare side by side', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await createDrill();
  await playQuickRun(a);
  const b = await createDrill();
  await playDeclareVictory(b);

  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // One tab holds both facilitator keys (sessionStorage), as a lead who opened both links would.
  await page.goto(`/drill/${a.drillId}/scorecard?key=${a.facilitatorKey}`);
  await expect(page.getByTestId('overall')).toBeVisible();
  await page.goto(`/drill/${b.drillId}/scorecard?key=${b.facilitatorKey}`);
  await expect(page.getByTestId('overall')).toBeVisible();

  // After the drill: add an item with a real date, then edit it (status, and the finding it answers).
  const add = page.getByRole('form', { name: 'Add an action item' });
  await add.getByLabel('Action').fill('Rehearse the all-clear criteria with the vendor');
  await add.getByLabel('Owner').fill('Ana');
  await add.getByLabel('Due').fill('2026-03-31');
  await add.getByLabel('Priority').selectOption('high');
  await add.getByRole('button', { name: 'Add' }).click();
  const item = page.locator('.ai-item').filter({ hasText: 'Rehearse the all-clear criteria' });
  await expect(item).toContainText('High priority');
  await item.getByRole('button', { name: /Edit action item/ }).click();
  const edit = page.getByRole('form', { name: 'Edit action item' });
  await edit.getByLabel('Status').selectOption('in-progress');
  await edit.getByLabel(/Answers the finding/).selectOption({ index: 1 });
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(item).toContainText('In progress');
  await expect(item).toContainText('Answers:');
  await item.scrollIntoViewIfNeeded();
  await shot(page, 'review-items-scorecard', { keepScroll: true });

  // The runs list names both runs (this tab holds their keys); the comparison puts them side by side.
  await page.goto('/scenarios/partner-db-down/runs');
  await expect(page.getByRole('heading', { name: 'Runs of this scenario' })).toBeVisible();
  await expect(page.locator('.runs-table input[type="checkbox"]')).toHaveCount(2);
  await shot(page, 'review-runs');
  await page.locator('.runs-table input[type="checkbox"]').nth(0).check();
  await page.locator('.runs-table input[type="checkbox"]').nth(1).check();
  await page.getByRole('button', { name: 'Compare the two picked runs' }).click();
  await expect(page.getByRole('heading', { name: 'Two runs side by side' })).toBeVisible();
  for (const title of ['Overall and dimensions', 'Objectives', 'Key times']) await expect(page.getByRole('region', { name: title })).toBeVisible();
  await expect(page.locator('.compare-table tr.differs').first()).toContainText('Differs');
  await shot(page, 'review-compare');
  await page.setViewportSize({ width: 390, height: 844 });
  // On a phone the three columns stay in view (no table scrolls sideways); the marked row and the ▲ on the better
  // run say what the hidden "Difference" column says.
  for (const scroller of await page.locator('.table-scroll').all()) {
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  }
  await expect(page.locator('.compare-table tr.differs td.better').first()).toBeVisible();
  await shot(page, 'review-compare-phone');
  await page.goto('/scenarios/partner-db-down/runs');
  await expect(page.locator('.runs-table')).toBeVisible();
  // On a phone each run is a card: nothing scrolls sideways, and each value is labelled with its column.
  expect(await page.locator('.table-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const ended = page.locator('.runs-table tbody td[data-label="Ended"]').first();
  expect(await ended.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Ended"');
  await expect(page.getByRole('columnheader', { name: 'Overall' })).toHaveCount(1);
  await shot(page, 'review-runs-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The next run: its facilitator sees what the last run left open, as last edited.
  const c = await createDrill();
  await page.goto(`/drill/${c.drillId}?key=${c.facilitatorKey}&as=facilitator`);
  const panel = page.locator('#previous-items');
  await expect(panel).toContainText('Open items from the last run');
  const carried = panel.locator('.ai-item').filter({ hasText: 'Rehearse the all-clear criteria with the vendor' });
  await expect(carried).toContainText('In progress');
  await expect(carried).toContainText('2026-03-31');
  await expect(carried).toContainText('Ana');
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'review-console-previous', { keepScroll: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'review-console-previous-phone', { keepScroll: true });
  await context.close();

  // A colleague whose tab holds one run's link adds the other by pasting its observer link. A drill that has not
  // finished (c, in the lobby) is a run of nothing yet: the page says so.
  const colleague = await browser.newContext({ baseURL: baseUrl() });
  const theirs = await colleague.newPage();
  await theirs.goto(`/drill/${a.drillId}/scorecard?key=${a.observerKey}`);
  await expect(theirs.getByTestId('overall')).toBeVisible();
  await theirs.goto('/scenarios/partner-db-down/runs');
  await expect(theirs.locator('.runs-table input[type="checkbox"]')).toHaveCount(1);
  const addRun = theirs.getByRole('form', { name: 'Add a run by its link' });
  await addRun.getByLabel('Observer or facilitator link').fill(`${baseUrl()}/drill/${b.drillId}?key=${b.observerKey}&as=observer`);
  await addRun.getByRole('button', { name: 'Add the run' }).click();
  await expect(theirs.getByTestId('runs-added')).toHaveText('Added: the run is named in the list.');
  await expect(theirs.locator('.runs-table input[type="checkbox"]')).toHaveCount(2);
  await addRun.getByLabel('Observer or facilitator link').fill(`${baseUrl()}/drill/${c.drillId}?key=${c.observerKey}&as=observer`);
  await addRun.getByRole('button', { name: 'Add the run' }).click();
  await expect(theirs.getByTestId('runs-added')).toContainText('That link names no run on this page');
  await colleague.close();
});
