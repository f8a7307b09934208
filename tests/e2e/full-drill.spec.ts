import { expect, test } from '@playwright/test';
import { baseUrl, claim, joinAs, shot, startDrill, type Person } from './helpers';

/**
 * A whole drill of "Your partner database just went down": the browser steps at ×10 (a drill minute is six real
 * seconds: a busy shared machine takes tens of seconds for the first acknowledgement, post and page, and at ×30
 * or ×60 the drill ran out before the team was done), the waits for the story (the vendor's reply, the failover,
 * the replay of stuck orders) at ×60. A facilitator and three participants in separate browser contexts, from
 * "Run this drill" to the scorecard.
 */
test('a facilitator and three participants run a whole drill and read the scorecard', async ({ browser }) => {
  test.setTimeout(420_000); // the story runs 30+ drill minutes; on a loaded shared machine the browser steps take minutes

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

  // The facilitator sets ×10 and starts.
  const speed = async (x: string) => {
    await console_.getByLabel('Speed', { exact: true }).selectOption(x);
    await expect(console_.getByTestId('drill-clock')).toContainText(`×${x}`);
  };
  await speed('10');
  await startDrill(console_);

  // Everyone gets the page; the team acknowledges, opens the war room, posts a status update and pages the
  // vendor at once.
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

  // PartnerDB answers four drill minutes after the page, and fails the primary over: ten drill minutes after it
  // was engaged, writes flow again (the scenario's `fixed: mitigated` state). Declaring before that would be a
  // premature all-clear, so the IC waits for it. The facilitator runs the story's waits at ×60 and the browser
  // steps at ×10, so a loaded machine does not run out of drill. (Should the machine be so slow that the
  // exec escalation comes first, declaring mitigated still leads to recovery.)
  await speed('60');
  await expect(chloe.page.getByTestId('contact-vendor-support').getByTestId('contact-reply')).toContainText('fail your primary over', { timeout: 20_000 });
  await expect(chloe.page.getByTestId('contact-vendor-support').getByTestId('contact-state')).toHaveText('Answered');
  await expect(console_.locator('.sc-node.current')).toHaveAttribute('data-state', /^(failed-over|exec-escalation)$/, { timeout: 40_000 });
  await speed('10');
  await declare(ana, 'mitigated');
  await expect(console_.locator('.sc-node.current')).toHaveAttribute('data-state', /^(recovery|stable)$/);
  await shot(chloe.page, 'room-escalation', { docs: true });
  await shot(ana.page, 'room', { docs: true });
  await shot(console_, 'console', { docs: true });

  // The stuck orders are replayed eight drill minutes into recovery (`fixed: resolved`); then a final status
  // update and resolved: the scenario reaches its final state and the drill ends.
  await speed('60');
  await expect(console_.locator('.sc-node.current')).toHaveAttribute('data-state', 'stable', { timeout: 40_000 });
  await speed('10');
  await ben.page.locator('label.seg', { hasText: 'Resolved' }).click();
  await expect(ben.page.getByRole('radio', { name: 'Resolved' })).toBeChecked();
  await ben.page.getByLabel('Update for customers').fill('Resolved: checkout and payments work again for all customers. We are sorry for the disruption. No orders or payment data were lost. We are monitoring the system closely and will post our incident review in 2 days.');
  await ben.page.getByRole('button', { name: 'Publish update' }).click();
  await expect(ben.page.locator('.status-update:not(.draft)').first()).toContainText('Resolved');
  await declare(ana, 'resolved');
  for (const p of [ana, ben, chloe]) await expect(p.page.getByTestId('ended-banner')).toBeVisible();

  // The hot wash: an action item with an owner, after the end.
  await ana.page.getByRole('tab', { name: /Action items/ }).click();
  await ana.page.getByLabel('Action', { exact: true }).fill('Write a runbook for failing orders-db over to the standby');
  await ana.page.getByLabel('Owner').fill('Chloe');
  await ana.page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(ana.page.getByRole('cell', { name: 'Write a runbook for failing orders-db over to the standby' })).toBeVisible();

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
  // Roles were claimed in the lobby and taken up with each holder's first action at once, and what the team wrote
  // does not depend on the machine: performed.
  for (const id of ['ic-named', 'roles-filled', 'vendor-working', 'quality']) {
    await expect(rating(id), `objective ${id}`).toHaveAttribute('data-rating', 'P');
  }
  // The rest is measured in drill time, and every real second the browsers take is 10 drill seconds: a prompt team
  // on a loaded shared machine may lose a band (acknowledging had 5 drill minutes, that is 30 real seconds).
  for (const id of ['page-acked', 'war-room', 'first-update', 'vendor', 'mitigated', 'resolved']) {
    await expect(rating(id), `objective ${id}`).toHaveAttribute('data-rating', /^[PS]$/);
  }
  // The longest gap between the two status updates is every browser step between them, times 10, and the story's
  // waits: that alone can reach "major challenges". Never "unable": the team did keep customers posted.
  await expect(rating('cadence'), 'objective cadence').toHaveAttribute('data-rating', /^[PSM]$/);
  await expect(console_.getByTestId('scored-post')).toHaveCount(2);
  await expect(console_.getByRole('cell', { name: 'Write a runbook for failing orders-db over to the standby' })).toBeVisible();
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
