import { expect, test } from '@playwright/test';
import { claim, createDrill, joinAs, openConsole, shot, startDrill } from './helpers';

test('an inject sent to one role reaches only whoever holds that role, and moves with the role', async ({ browser }) => {
  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  // Ben is on a small laptop: the room must work at 1024 px too.
  const [ana, ben] = await Promise.all([joinAs(browser, drill.joinCode, 'Ana'), joinAs(browser, drill.joinCode, 'Ben', { width: 1024, height: 700 })]);
  await claim(ana, 'Incident Commander');
  await claim(ben, 'Communications Lead');
  await startDrill(fac.page);
  await expect(ben.page.locator('[data-inject="first-page"]')).toBeVisible();

  const form = fac.page.locator('#adhoc');
  await form.getByLabel('To').selectOption({ label: 'Communications Lead only' });
  await form.getByLabel('Channel').selectOption('news');
  await form.getByLabel('From').fill('Sam Porter, RetailTech Weekly');
  await form.getByLabel('Title').fill('Can you confirm an outage before 19:30?');
  await form.getByRole('button', { name: 'Send inject' }).click();

  const forBen = ben.page.getByTestId('inject').filter({ hasText: 'Can you confirm an outage' });
  await expect(forBen).toBeVisible();
  await expect(forBen.getByTestId('inject-to')).toHaveText('For your role: Communications Lead');
  await expect(forBen).toContainText('New');
  await shot(ben.page, 'room-targeted-1024');
  // The facilitator sees it too; Ana (IC) does not.
  await expect(fac.page.locator('.live-log')).toContainText('Can you confirm an outage');
  await expect(ana.page.getByTestId('inject')).toHaveCount(1);
  await expect(ana.page.getByText('Can you confirm an outage')).toHaveCount(0);

  // The role's inbox travels with the role: Ben hands Communications to Ana.
  await ben.page.getByTestId('role-comms').getByRole('button', { name: 'Release' }).click();
  await expect(ben.page.getByText('Can you confirm an outage')).toHaveCount(0);
  await claim(ana, 'Communications Lead');
  await expect(ana.page.getByTestId('inject').filter({ hasText: 'Can you confirm an outage' }).getByTestId('inject-to')).toHaveText('For your role: Communications Lead');

  await ana.context.close();
  await ben.context.close();
  await fac.context.close();
});
