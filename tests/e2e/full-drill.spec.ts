import { expect, test } from '@playwright/test';
import { baseUrl, claim, joinAs, shot, startDrill, type Person } from './helpers';

/**
 * A whole drill of "Your partner database just went down" at ×30 (a drill minute is two real seconds, so the
 * 60-minute drill has two real minutes; at ×60 a busy shared machine ran out of drill before the team was done): a
 * facilitator and three participants in separate browser contexts, from "Run this drill" to the scorecard.
 */
test('a facilitator and three participants run a whole drill at x30 and read the scorecard', async ({ browser }) => {
  test.setTimeout(240_000);

  // The facilitator creates the drill from the library.
  const fac = await browser.newContext({ baseURL: baseUrl() });
  const console_ = await fac.newPage();
  await console_.goto('/');
  const card = console_.getByRole('article').filter({ hasText: 'Your partner database just went down' });
  await expect(card).toBeVisible();
  await shot(console_, 'home', { docs: true });
  await card.getByRole('button', { name: 'Run this drill' }).click();
  const joinCode = (await console_.getByTestId('join-code').textContent())!.trim();
  expect(joinCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  await expect(console_.getByTestId('facilitator-link')).toHaveValue(/\/drill\/.+\?key=.+&as=facilitator$/);
  await expect(console_.getByTestId('observer-link')).toHaveValue(/as=observer$/);
  await shot(console_, 'home-created', { docs: true, keepScroll: true });
  await console_.getByRole('button', { name: 'Open the facilitator console' }).click();
  await expect(console_.getByTestId('console-join-code')).toHaveText(joinCode);
  // The key left the address bar for sessionStorage (the projector shows the URL).
  expect(console_.url()).not.toContain('key=');
  const drillId = new URL(console_.url()).pathname.split('/')[2];

  // Three people join with the code and take roles; the incident commander assigns the scribe.
  const [ana, ben, chloe] = await Promise.all([
    joinAs(browser, joinCode, 'Ana'), joinAs(browser, joinCode, 'Ben'), joinAs(browser, joinCode, 'Chloe'),
  ]);
  await claim(ana, 'Incident Commander');
  await claim(ben, 'Communications Lead');
  await claim(chloe, 'Operations Lead');
  const assign = ana.page.getByRole('form', { name: 'Assign a role' });
  await assign.getByLabel('Assign').selectOption({ label: 'Scribe' });
  await assign.getByLabel('to', { exact: true }).selectOption({ label: 'Chloe' });
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(chloe.page.getByTestId('identity')).toContainText('Scribe');
  await expect(console_.getByTestId('person-Chloe')).toContainText('Scribe');
  await expect(ana.page.getByText('Required roles filled')).toBeVisible();
  await shot(ana.page, 'lobby', { docs: true });
  await shot(console_, 'console-lobby');

  // The facilitator sets ×30 and starts.
  await console_.getByLabel('Speed').selectOption('30');
  await expect(console_.getByTestId('drill-clock')).toContainText('×30');
  await startDrill(console_);

  // Everyone gets the page; the team acknowledges, opens the war room, posts a status update and pages the
  // vendor at once (a drill minute is two real seconds).
  for (const p of [ana, ben, chloe]) await expect(p.page.locator('[data-inject="first-page"]')).toBeVisible();
  await Promise.all([
    ana.page.locator('[data-inject="first-page"]').getByRole('button', { name: 'Acknowledge' }).click(),
    (async () => {
      await chloe.page.getByLabel('Message to the war room').fill('Ops here: every INSERT on orders-db times out. Paging PartnerDB.');
      await chloe.page.getByLabel('Message to the war room').press('Enter');
      await chloe.page.getByRole('tab', { name: /Escalation/ }).click();
      await chloe.page.getByRole('button', { name: 'Page PartnerDB support' }).click();
      await chloe.page.getByLabel('Message to PartnerDB support').fill('P1: writes to our orders cluster in eu-west-1 time out since 18:40. Please investigate now.');
      await chloe.page.getByRole('button', { name: 'Send page' }).click();
    })(),
    (async () => {
      await ben.page.getByRole('tab', { name: /Status page/ }).click();
      await ben.page.getByLabel('Update for customers').fill('Investigating: customers cannot complete checkout or pay for orders right now. We are sorry; this is our problem to fix. We are working with our database provider to restore payments. Next update in 30 minutes.');
      await expect(ben.page.getByText('Preview — not published')).toBeVisible();
      await ben.page.getByRole('button', { name: 'Publish update' }).click();
    })(),
  ]);
  await expect(ana.page.locator('[data-inject="first-page"]')).toContainText('Acknowledged by Ana');
  await expect(ben.page.locator('[data-inject="first-page"]')).toContainText('Acknowledged by Ana');
  await expect(chloe.page.getByTestId('contact-vendor-support').getByTestId('contact-state')).toHaveText(/waiting|Answered/);
  await shot(ben.page, 'room-status', { docs: true });

  // PartnerDB answers four drill minutes after the page.
  await expect(chloe.page.getByTestId('contact-vendor-support').getByTestId('contact-reply')).toContainText('fail your primary over', { timeout: 20_000 });
  await expect(chloe.page.getByTestId('contact-vendor-support').getByTestId('contact-state')).toHaveText('Answered');
  await expect(console_.locator('.sc-node.current')).toHaveAttribute('data-state', 'vendor-engaged');
  await shot(chloe.page, 'room-escalation', { docs: true });
  await shot(ana.page, 'room', { docs: true });
  await shot(console_, 'console', { docs: true });

  // PartnerDB recommends a failover two drill minutes later; ops confirms it by acknowledging, and the standby
  // takes over (the story only calls checkout fixed once the failover is done, not when someone declares it).
  const advice = chloe.page.locator('[data-inject="failover-advice"]');
  await expect(advice.getByRole('button', { name: 'Acknowledge' })).toBeVisible({ timeout: 20_000 });
  // The card may still be settling into the feed as it arrives: retry the click until the acknowledgement shows.
  await expect(async () => {
    if (await advice.getByText(/Acknowledged by/).count() === 0) await advice.getByRole('button', { name: 'Acknowledge' }).click({ timeout: 2_000 });
    await expect(advice).toContainText('Acknowledged by Chloe', { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(console_.locator('.sc-node.current')).toHaveAttribute('data-state', 'failed-over', { timeout: 30_000 });

  // Mitigated once checkout works again; the stuck orders are replayed seven drill minutes (14 s at ×30) into
  // recovery (`fixed: resolved`). Only then a final status update and resolved: declaring resolved before the story
  // got there would be a premature all-clear. The scenario reaches its final state and the drill ends.
  await declare(ana, 'mitigated');
  await expect(console_.locator('.sc-node.current')).toHaveAttribute('data-state', 'orders-replayed', { timeout: 60_000 });
  await ben.page.locator('label.seg', { hasText: 'Resolved' }).click();
  await expect(ben.page.getByRole('radio', { name: 'Resolved' })).toBeChecked();
  await ben.page.getByLabel('Update for customers').fill('Resolved: checkout and payments work again for all customers. We are sorry for the disruption. No orders or payment data were lost. We are monitoring the system closely and will post our incident review in 2 days.');
  await ben.page.getByRole('button', { name: 'Publish update' }).click();
  await expect(ben.page.locator('.status-update:not(.draft)').first()).toContainText('Resolved');
  await declare(ana, 'resolved');
  for (const p of [ana, ben, chloe]) await expect(p.page.getByTestId('ended-banner')).toBeVisible({ timeout: 40_000 });

  // The hot wash: an action item with an owner, after the end.
  await ana.page.getByRole('tab', { name: /Action items/ }).click();
  await ana.page.getByLabel('Action', { exact: true }).fill('Write a runbook for failing orders-db over to the standby');
  await ana.page.getByLabel('Owner').fill('Chloe');
  await ana.page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(ana.page.locator('.ai-item').filter({ hasText: 'Write a runbook for failing orders-db over to the standby' })).toBeVisible();

  // What customers saw.
  const status = await ben.context.newPage();
  await status.goto(`/status/${drillId}`);
  await expect(status.getByTestId('status-page')).toContainText('All systems operational');
  await expect(status.locator('.status-update')).toHaveCount(2);
  await shot(status, 'status-page', { docs: true });

  // The scorecard, with the ratings a prompt team earns.
  await expect(console_.getByRole('link', { name: 'Open the scorecard' }).first()).toBeVisible();
  await console_.getByRole('link', { name: 'Open the scorecard' }).first().click();
  await expect(console_.getByTestId('overall')).toBeVisible();
  const rating = (id: string) => console_.getByTestId(`objective-${id}`);
  // Roles were filled in the lobby, and what the team wrote does not depend on the machine: performed.
  for (const id of ['roles-filled', 'quality']) {
    await expect(rating(id), `objective ${id}`).toHaveAttribute('data-rating', 'P');
  }
  // The rest is measured in drill time, and every real second the browsers take is 30 drill seconds: a prompt team
  // on a loaded shared machine may lose a band (acknowledging had 5 drill minutes, that is 10 real seconds).
  // The vendor is working with us once PartnerDB has answered, 4 drill minutes after the page: measured in drill time too.
  // So is the incident commander: named in the lobby, but taken up only when Ana first acts (her acknowledgement), and
  // the target is 3 drill minutes, 6 real seconds (a CI run on a loaded machine once took 6.2).
  for (const id of ['ic-named', 'page-acked', 'war-room', 'first-update', 'vendor', 'vendor-working', 'mitigated', 'resolved']) {
    await expect(rating(id), `objective ${id}`).toHaveAttribute('data-rating', /^[PS]$/);
  }
  // The longest gap between the two status updates is every browser step between them, times 30: on a loaded
  // machine that alone can reach "major challenges". Never "unable": the team did keep customers posted.
  await expect(rating('cadence'), 'objective cadence').toHaveAttribute('data-rating', /^[PSM]$/);
  await expect(console_.getByTestId('scored-post')).toHaveCount(2);
  await expect(console_.locator('.ai-item').filter({ hasText: 'Write a runbook for failing orders-db over to the standby' })).toBeVisible();
  const overall = Number(await console_.locator('.overall-number').textContent());
  expect(overall).toBeGreaterThanOrEqual(75);
  await shot(console_, 'scorecard', { docs: true });
  await shot(console_, 'scorecard-full', { fullPage: true });
  // The print stylesheet: no header or buttons, a clean PDF.
  await console_.emulateMedia({ media: 'print' });
  await expect(console_.getByRole('button', { name: 'Print / PDF' })).toBeHidden();
  await shot(console_, 'scorecard-print', { fullPage: true });
  await console_.pdf({ path: 'test-results/scorecard.pdf', format: 'A4' });
  await console_.emulateMedia({ media: 'screen' });

  for (const p of [ana, ben, chloe]) await p.context.close();
  await fac.close();
});

async function declare(person: Person, status: 'mitigated' | 'resolved') {
  await person.page.getByRole('button', { name: `Declare ${status}…` }).click();
  await person.page.getByRole('button', { name: `Yes, declare ${status}` }).click();
  await expect(person.page.getByTestId(`declared-${status}`)).toBeVisible();
}
