import { expect, test } from '@playwright/test';
import { claim, createDrill, joinAs, openConsole, startDrill } from './helpers';

test('a dropped network and a reload both put the participant back in the room with their roles', async ({ browser }) => {
  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const ana = await joinAs(browser, drill.joinCode, 'Ana');
  await claim(ana, 'Incident Commander');
  await claim(ana, 'Scribe');
  await startDrill(fac.page, { openRequired: true });
  await expect(ana.page.locator('[data-inject="first-page"]')).toBeVisible();
  await ana.page.getByLabel('Message to the war room').fill('IC here, I have it.');
  await ana.page.getByLabel('Message to the war room').press('Enter');
  await expect(ana.page.locator('.chat-msg')).toHaveCount(1);

  // The network drops and comes back: the header says so, and the room catches up with what it missed.
  await ana.context.setOffline(true);
  await expect(ana.page.getByTestId('connection')).toHaveAttribute('data-state', /reconnecting|resyncing/);
  await fac.page.locator('#adhoc').getByLabel('Title').fill('Are you still there?');
  await fac.page.locator('#adhoc').getByRole('button', { name: 'Send inject' }).click();
  await ana.context.setOffline(false);
  await expect(ana.page.getByTestId('connection')).toHaveAttribute('data-state', /resynced|connected/);
  await expect(ana.page.getByTestId('inject').filter({ hasText: 'Are you still there?' })).toBeVisible();

  await ana.page.reload();
  await expect(ana.page.getByTestId('connection')).toHaveText('Connected');
  await expect(ana.page.getByTestId('identity')).toContainText('Incident Commander, Scribe');
  await expect(ana.page.locator('.chat-msg')).toContainText('IC here, I have it.');
  // Read marks survive the reload too: the acknowledged page stays read, the feed is where it was.
  await expect(ana.page.locator('[data-inject="first-page"]')).toBeVisible();

  // A second tab of the same browser is the same person.
  const tab = await ana.context.newPage();
  await tab.goto(`/drill/${drill.drillId}`);
  await expect(tab.getByTestId('identity')).toContainText('Incident Commander');
  await tab.close();

  await fac.page.reload();
  await expect(fac.page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(fac.page.getByTestId('person-Ana')).toContainText('Incident Commander');
  await expect(fac.page.getByTestId('connection')).toHaveText('Connected');

  await ana.context.close();
  await fac.context.close();
});
