import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { baseUrl, createDrill, openConsole, playDeclareVictory, playQuickRun, shot, shotOf, startDrill } from './helpers';

/**
 * A silent run (the facilitator starts and ends it; nobody does anything), read by a lead through the observer
 * link: read-only console, poor ratings, and the trend against an earlier, better run of the same scenario that
 * this spec plays itself (over the socket protocol), so it does not depend on any other spec having run.
 */
test('a lead reads a silent run through the observer link, with the trend of earlier runs', async ({ browser }) => {
  await playQuickRun(await createDrill());
  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  await startDrill(fac.page, { openRequired: true });
  await fac.page.getByRole('button', { name: 'End drill…' }).click();
  await fac.page.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(fac.page.getByTestId('drill-clock')).toContainText('Ended');
  await fac.context.close();

  const lead = await browser.newContext({ baseURL: baseUrl() });
  const page = await lead.newPage();
  await page.goto(`/drill/${drill.drillId}?key=${drill.observerKey}&as=observer`);
  await expect(page.getByText('Observer (read-only)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start the drill' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send inject' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Open the scorecard' }).first().click();

  await expect(page.getByTestId('overall')).toBeVisible();
  expect(Number(await page.locator('.overall-number').textContent())).toBeLessThanOrEqual(25);
  await expect(page.getByTestId('objective-first-update')).toHaveAttribute('data-rating', 'U');
  await expect(page.getByTestId('objective-vendor')).toHaveAttribute('data-rating', 'U');
  await expect(page.getByText('The team did not post to the status page.')).toBeVisible();
  const markdown = page.getByRole('link', { name: 'Download Markdown' });
  const response = await page.request.get(new URL((await markdown.getAttribute('href'))!, baseUrl()).toString());
  expect(response.ok()).toBe(true);
  expect(await response.text()).toContain('Your partner database just went down');

  const trend = page.locator('section[aria-labelledby="trend-title"]');
  // Our earlier run and this one, and any other run of the scenario that other specs made before.
  await expect(trend.locator('.trend-dot').nth(1)).toBeVisible();
  await expect(trend).toContainText('Overall: declining.');
  await trend.scrollIntoViewIfNeeded();
  await shot(page, 'scorecard-trend', { keepScroll: true });
  await lead.close();

  // The scorecard's address shared without the key: a colleague pastes the observer link they were given.
  const colleague = await browser.newContext({ baseURL: baseUrl() });
  const theirs = await colleague.newPage();
  await theirs.goto(`/drill/${drill.drillId}/scorecard`);
  await expect(theirs.getByTestId('overall')).toHaveCount(0);
  await theirs.getByLabel('Observer or facilitator link').fill(`${baseUrl()}/drill/${drill.drillId}?key=${drill.observerKey}&as=observer`);
  await theirs.getByRole('button', { name: 'Open the scorecard' }).click();
  await expect(theirs.getByTestId('objective-vendor')).toHaveAttribute('data-rating', 'U');
  await expect(theirs).toHaveURL(`${baseUrl()}/drill/${drill.drillId}/scorecard`);
  await colleague.close();
});

/**
 * The declare-victory pattern (issue #10): the scorecard holds the overall down, names the premature all-clears,
 * and shows the evaluator's override with the automatic rating and the note.
 */
test('a lead reads a premature all-clear and the evaluator override on the scorecard', async ({ browser }) => {
  test.setTimeout(120_000); // axe takes seconds on a loaded machine
  const drill = await createDrill();
  await playDeclareVictory(drill);
  const lead = await browser.newContext({ baseURL: baseUrl() });
  const page = await lead.newPage();
  await page.goto(`/drill/${drill.drillId}/scorecard?key=${drill.observerKey}`);
  await expect(page.getByTestId('overall')).toBeVisible();
  expect(Number(await page.locator('.overall-number').textContent())).toBeLessThanOrEqual(40);
  await expect(page.getByTestId('overall-cap')).toContainText('Held at 40 or below by 2 critical failures (53 before the cap)');
  await expect(page.getByText(/^Critical: an all-clear that came too early stood to the end\. The incident was declared resolved/)).toBeVisible();
  await expect(page.getByTestId('objective-mitigated')).toHaveAttribute('data-rating', 'M');
  await expect(page.locator('[data-testid="declaration"][data-premature="true"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="override"][data-status="applied"]')).toContainText('rated M');
  await expect(page.locator('[data-testid="override"][data-status="applied"]')).toContainText('The IC was rehearsing the call; agreed in the hot wash.');
  // The new parts of the page pass axe like the rest of the scorecard (a11y.spec.ts).
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await shot(page, 'scorecard-premature');
  await shotOf(page.locator('section[aria-labelledby="declarations-title"]'), 'scorecard-declarations');
  await lead.close();
});
