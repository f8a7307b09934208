import { expect, test, type Page } from '@playwright/test';
import { baseUrl, createDrill, playDeclareVictory, playQuickRun, shot, shotOf } from './helpers';
import { pdfText } from './pdf-text';

/** Page text without line-break or ligature noise ("ﬁrst" → "first", runs of spaces → one). */
const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, ' ');

async function openScorecard(page: Page, drillId: string, key: string) {
  await page.goto(`/drill/${drillId}/scorecard?key=${key}`);
  await expect(page.getByTestId('summary')).toBeVisible();
}

/**
 * The lead's one-page summary (issue #15, items 1, 2 and 6): a decent run, then a declare-victory run of the same
 * scenario, read through the observer link. The summary comes first with the change since the previous run, the
 * response-times chart and the ranked findings; the exports stand alone; the PDF's page 1 is the summary.
 */
test('a lead reads the one-page summary, downloads the exports and prints the summary on page 1', async ({ browser }) => {
  test.setTimeout(120_000);
  await playQuickRun(await createDrill());
  const drill = await createDrill();
  await playDeclareVictory(drill);
  const lead = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 900 } });
  const page = await lead.newPage();
  await openScorecard(page, drill.drillId, drill.observerKey);

  // The summary opens the page, before every detail.
  const summary = page.getByTestId('summary');
  const summaryBox = (await summary.boundingBox())!;
  const objectivesBox = (await page.locator('#objectives-title').boundingBox())!;
  expect(summaryBox.y).toBeLessThan(objectivesBox.y);
  // This run against the quick run before it: the overall fell (a critical failure holds it at 40).
  await expect(page.getByTestId('overall-change')).toContainText(/▼ −\d+down \d+ since run \d+ \(\d+\)/);
  // The areas that matter most lead with the critical failure, marked in words, not colour alone.
  await expect(page.getByTestId('summary-areas').locator('li').first()).toContainText('Critical');
  await expect(page.getByTestId('summary-areas').locator('li')).toHaveCount(3);
  // The response-times chart: a bar per key time with its target mark, described for screen readers.
  const chart = summary.locator('[data-chart="sc-response-times"] svg');
  await expect(chart).toHaveAttribute('role', 'img');
  await expect(chart.locator('[data-key-time]')).toHaveCount(4);
  await expect(chart.locator('[data-bar="target"]')).toHaveCount(4);
  await expect(chart.locator('desc')).toContainText('against a target of');
  await shotOf(summary, 'scorecard-summary', { docs: true });

  // The exports, with the observer's key (the same access rules as report.md).
  const get = (path: string) => page.request.get(`${baseUrl()}/api/drills/${drill.drillId}/${path}?key=${drill.observerKey}`);
  const md = await (await get('report.md')).text();
  const first40 = md.split('\n').slice(0, 40).join('\n');
  expect(first40).toContain('## Summary');
  expect(first40).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Response times against targets\./);
  expect(first40).toMatch(/since the previous run/);
  const html = await get('report.html');
  expect(html.headers()['content-type']).toContain('text/html');
  expect(html.headers()['content-security-policy']).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  const htmlText = await html.text();
  expect(htmlText).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  expect(htmlText).not.toMatch(/<script|<link|src="http/);
  const csv = await get('timeline.csv');
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.text()).split('\r\n')[0]).toBe('event,drill_time,story_time,seconds,kind,text,real_alert');
  expect((await page.request.get(`${baseUrl()}/api/drills/${drill.drillId}/timeline.csv`)).status()).toBe(401);

  // The standalone HTML page renders under its own policy with no violation.
  const violations: string[] = [];
  const htmlPage = await lead.newPage();
  htmlPage.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
  await htmlPage.goto(`/api/drills/${drill.drillId}/report.html?key=${drill.observerKey}`);
  await expect(htmlPage.locator('#summary-section svg').first()).toBeVisible();
  expect(await htmlPage.locator('h2#summary').evaluate((h) => getComputedStyle(h).borderBottomStyle)).toBe('solid');
  expect(violations).toEqual([]);
  await htmlPage.close();

  // Print: no header or buttons; page 1 of the PDF is the summary with its chart, the details start on page 2.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print / PDF' })).toBeHidden();
  const pageOne = plain(pdfText(await page.pdf({ format: 'A4', pageRanges: '1' })));
  for (const words of ['Summary', 'Response times against targets', 'Incident commander', 'target 10 min', 'Strengths that matter most', 'Areas that matter most', 'Key decisions', 'Improvement plan']) {
    expect(pageOne, `page 1 says "${words}"`).toContain(words);
  }
  expect(pageOne).not.toContain('Details');
  expect(pageOne).not.toContain('Download Markdown');
  const pageTwo = plain(pdfText(await page.pdf({ format: 'A4', pageRanges: '2' })));
  expect(pageTwo).toContain('Details');
  await shot(page, 'scorecard-summary-print');
  await page.emulateMedia({ media: 'screen' });

  // On a phone: one column, nothing wider than the screen, the chart in its narrow layout.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(summary.locator('[data-chart="sc-response-times"] svg')).toHaveAttribute('viewBox', /^0 0 360 /);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'scorecard-summary-390', { docs: true });
  await shotOf(summary, 'scorecard-summary-390-full');
  await lead.close();
});
