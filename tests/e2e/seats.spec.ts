import { expect, test } from '@playwright/test';
import { baseUrl, claim, createDrill, joinAs, openConsole, shot, shotOf, startDrill } from './helpers';

test('the join link opened again puts the browser back in its seat, with its role', async ({ browser }) => {
  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const ivy = await joinAs(browser, drill.joinCode, 'Ivy');
  await claim(ivy, 'Incident Commander');

  // The join link again, in the same browser: "Continue as Ivy", not a second Ivy.
  await ivy.page.goto(`/join/${drill.joinCode}`);
  const continueAs = ivy.page.getByRole('button', { name: 'Continue as Ivy' });
  await expect(continueAs).toBeFocused();
  await shot(ivy.page, 'join-continue');
  await continueAs.click();
  await expect(ivy.page.getByTestId('identity')).toContainText('Incident Commander');

  // Or the join form filled in again with the same name: the same seat too.
  await ivy.page.goto('/');
  const form = ivy.page.getByRole('form', { name: 'Join a drill' });
  await form.getByLabel('Join code').fill(drill.joinCode);
  await expect(form.getByTestId('continue-as')).toContainText('Ivy');
  await form.getByLabel('Your name').fill('Ivy');
  await form.getByRole('button', { name: 'Join drill' }).click();
  await expect(ivy.page.getByTestId('identity')).toContainText('Incident Commander');

  await expect(fac.page.locator('[data-testid^="person-"]')).toHaveCount(1);
  await expect(fac.page.getByTestId('person-Ivy')).toContainText('Incident Commander');
  await expect(ivy.page.getByText('Required roles filled')).toHaveCount(0); // comms is still open: no false "filled"
  await ivy.context.close();
  await fac.context.close();
});

test('the facilitator renames and removes participants from the console', async ({ browser }) => {
  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const [ivy, ben] = await Promise.all([joinAs(browser, drill.joinCode, 'ivy'), joinAs(browser, drill.joinCode, 'Ben')]);
  await claim(ivy, 'Incident Commander');
  await claim(ben, 'Communications Lead');

  // Rename: everyone sees the new name, the participant's own header too.
  const row = fac.page.getByTestId('person-ivy');
  await row.getByRole('button', { name: 'Rename ivy' }).click();
  await row.getByLabel('New name').fill('Ivy Chen');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(fac.page.getByTestId('person-Ivy Chen')).toContainText('Incident Commander');
  await expect(ivy.page.getByTestId('identity')).toContainText('Ivy Chen');
  await expect(ben.page.getByTestId('role-ic')).toContainText('Ivy Chen');

  // Remove: Ben's tab is told at once, his role is free, his seat no longer opens the drill.
  const benRow = fac.page.getByTestId('person-Ben');
  await benRow.getByRole('button', { name: 'Remove Ben' }).click();
  await shotOf(fac.page.locator('#people'), 'console-roster', { docs: true });
  await benRow.getByRole('button', { name: 'Remove Ben' }).click();
  await expect(ben.page.getByRole('heading', { name: 'You are no longer in this drill' })).toBeVisible();
  await expect(ben.page.getByRole('alert')).toContainText('The facilitator removed you from this drill');
  await expect(fac.page.getByTestId('person-Ben')).toHaveCount(0);
  await expect(fac.page.getByTestId('role-comms')).toContainText('Open');
  await ben.page.reload();
  await expect(ben.page.getByRole('alert')).toContainText('removed you');
  await ben.page.getByRole('button', { name: 'Join with a code instead' }).click();
  await expect(ben.page.getByRole('heading', { name: 'Join this drill' })).toBeVisible();

  // The live log says what happened.
  await expect(fac.page.locator('.live-log')).toContainText('Renamed a participant to Ivy Chen');
  await expect(fac.page.locator('.live-log')).toContainText('Removed Ben from the roster');
  await startDrill(fac.page, { openRequired: true });
  await Promise.all([ivy.context.close(), ben.context.close(), fac.context.close()]);
});

test('a facilitator link opened in a participant\'s tab asks first, and the tab can go back to its seat', async ({ browser }) => {
  const drill = await createDrill();
  const ivy = await joinAs(browser, drill.joinCode, 'Ivy');
  await claim(ivy, 'Incident Commander');
  const link = `/drill/${drill.drillId}?key=${drill.facilitatorKey}&as=facilitator`;

  await ivy.page.goto(link);
  await expect(ivy.page.getByRole('heading', { name: 'Open the facilitator console here?' })).toBeVisible();
  expect(ivy.page.url()).not.toContain('key=');
  await ivy.page.getByRole('button', { name: 'Stay as Ivy' }).click();
  await expect(ivy.page.getByTestId('identity')).toContainText('Incident Commander');
  await ivy.page.reload();
  await expect(ivy.page.getByTestId('identity')).toContainText('Ivy'); // still the seat, not the console

  await ivy.page.goto(link);
  await ivy.page.getByRole('button', { name: 'Open the facilitator console in this tab' }).click();
  await expect(ivy.page.getByRole('heading', { name: 'Scenario' })).toBeVisible();
  await ivy.page.getByRole('button', { name: 'Back to Ivy’s seat' }).click();
  await expect(ivy.page.getByTestId('identity')).toContainText('Incident Commander');
  await ivy.page.reload();
  await expect(ivy.page.getByTestId('identity')).toContainText('Incident Commander');
  await ivy.context.close();
});

test('replacing the facilitator link drops every other console using the old one', async ({ browser }) => {
  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const leaked = await openConsole(browser, drill);
  await fac.page.getByRole('button', { name: 'Replace…' }).first().click();
  await fac.page.getByRole('button', { name: 'Replace it' }).click();
  await expect(fac.page.getByRole('button', { name: 'Copy the new facilitator link' })).toBeVisible();
  await expect(leaked.page.getByRole('heading', { name: 'You are no longer in this drill' })).toBeVisible();
  await expect(leaked.page.getByRole('alert')).toContainText('replaced the facilitator link');
  // The console that replaced it keeps working, also after a reload (it kept the new key).
  await fac.page.reload();
  await expect(fac.page.getByRole('button', { name: 'Start the drill' })).toBeVisible();
  // The old link opens nothing any more.
  const stranger = await browser.newContext({ baseURL: baseUrl() });
  const page = await stranger.newPage();
  await page.goto(`/drill/${drill.drillId}?key=${drill.facilitatorKey}&as=facilitator`);
  await expect(page.getByRole('heading', { name: 'Could not open this drill' })).toBeVisible();
  await Promise.all([fac.context.close(), leaked.context.close(), stranger.close()]);
});
