import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { baseUrl, createDrill, startDrill } from './helpers';

/**
 * The built client under the server's Content Security Policy (issue 16, defect 7): every page a facilitator,
 * a participant, a lead and a customer open, with a listener for `securitypolicyviolation` installed before any
 * script runs and the console watched for CSP errors. One violation anywhere fails the spec.
 */
test('the built client runs under the Content Security Policy without a single violation', async ({ browser }) => {
  const violations: string[] = [];
  const contexts: BrowserContext[] = [];
  const open = async (path: string): Promise<Page> => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    contexts.push(context);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.pathname}:${e.lineNumber}`);
      });
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`console on ${page.url()}: ${message.text()}`);
    });
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy'], `CSP header on ${path}`).toContain("script-src 'self'");
    return page;
  };
  const collect = async (page: Page) => {
    violations.push(...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])));
  };

  const home = await open('/');
  await expect(home.getByRole('article').first()).toBeVisible();

  const drill = await createDrill();
  const console_ = await open(`/drill/${drill.drillId}?key=${drill.facilitatorKey}&as=facilitator`);
  await expect(console_.getByRole('heading', { name: 'Scenario' })).toBeVisible();

  const ana = await open(`/join/${drill.joinCode}`);
  await ana.getByLabel('Your name').fill('Ana');
  await ana.getByRole('button', { name: 'Join drill' }).click();
  await expect(ana.getByTestId('identity')).toContainText('Ana');
  await ana.getByRole('button', { name: 'Claim Incident Commander' }).click();
  await expect(ana.getByTestId('identity')).toContainText('Incident Commander');

  await startDrill(console_, { openRequired: true });
  await expect(ana.locator('[data-inject="first-page"]')).toBeVisible();
  await ana.locator('[data-inject="first-page"]').getByRole('button', { name: 'Acknowledge' }).click();
  await ana.getByRole('tab', { name: /Status page/ }).click();
  await ana.getByLabel('Update for customers').fill('We are investigating failed checkouts. Next update in 15 minutes.');
  await ana.getByRole('button', { name: 'Publish update' }).click();
  await expect(ana.locator('.status-update:not(.draft)').first()).toContainText('investigating failed checkouts');

  const status = await open(`/status/${drill.drillId}`);
  await expect(status.getByTestId('status-page')).toContainText('investigating failed checkouts');

  await console_.getByRole('button', { name: 'End drill…' }).click();
  await console_.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(console_.getByTestId('drill-clock')).toContainText('Ended');
  await console_.getByRole('link', { name: 'Open the scorecard' }).first().click();
  await expect(console_.getByTestId('overall')).toBeVisible();

  const observer = await open(`/drill/${drill.drillId}?key=${drill.observerKey}&as=observer`);
  await expect(observer.getByText('Observer (read-only)')).toBeVisible();

  for (const page of [home, console_, ana, status, observer]) await collect(page);
  for (const context of contexts) await context.close();
  expect(violations).toEqual([]);
});
