import { expect, test } from '@playwright/test';
import { baseUrl, claim, createDrill, joinAs, openConsole, startDrill } from './helpers';

test('refused actions show the server\'s message next to what caused them', async ({ browser }) => {
  // A join code that opens no drill.
  const stranger = await browser.newContext({ baseURL: baseUrl() });
  const page = await stranger.newPage();
  await page.goto('/');
  const join = page.getByRole('form', { name: 'Join a drill' });
  await join.getByLabel('Join code').fill('zzz-zzz');
  await join.getByLabel('Your name').fill('Eve');
  await join.getByRole('button', { name: 'Join drill' }).click();
  await expect(join.getByRole('alert')).toHaveText('No drill is open with the code ZZZ-ZZZ. Check the code with your facilitator.');
  // A malformed code is caught before it reaches the server.
  await join.getByLabel('Join code').fill('K7P');
  await join.getByRole('button', { name: 'Join drill' }).click();
  await expect(join.getByRole('alert')).toHaveText('A join code has six letters and digits, like K7P-M2Q.');
  await stranger.close();

  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const [ana, ben] = await Promise.all([joinAs(browser, drill.joinCode, 'Ana'), joinAs(browser, drill.joinCode, 'Ben')]);

  // Two people claim the same role at once (Ben's network hiccups, so he has not seen Ana's claim yet).
  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId('connection')).toHaveAttribute('data-state', 'reconnecting');
  await claim(ana, 'Incident Commander');
  const ic = ben.page.getByTestId('role-ic');
  await ic.getByRole('button', { name: 'Claim Incident Commander' }).click();
  await ben.context.setOffline(false);
  await expect(ic.getByRole('alert')).toHaveText('Incident Commander is held by Ana. Ask them to release it, or the incident commander to reassign it.');
  await expect(ic).toContainText('Ana');

  // Publishing a status update while the facilitator has paused the drill.
  await claim(ben, 'Communications Lead');
  await startDrill(fac.page);
  await fac.page.getByRole('button', { name: 'Pause' }).click();
  await expect(ben.page.getByText('The facilitator paused the drill.')).toBeVisible();
  await ben.page.getByRole('tab', { name: /Status page/ }).click();
  await ben.page.getByLabel('Update for customers').fill('We are investigating checkout failures. Next update in 15 minutes.');
  await ben.page.getByRole('button', { name: 'Publish update' }).click();
  const composer = ben.page.locator('.composer-form');
  await expect(composer.getByRole('alert')).toHaveText('The drill is paused; wait for the facilitator to resume it.');
  await expect(ben.page.getByLabel('Update for customers')).toHaveValue(/investigating checkout failures/);

  // After resuming, the same update goes through and the message is gone.
  await fac.page.getByRole('button', { name: 'Resume' }).click();
  await expect(ben.page.getByTestId('drill-clock')).toContainText('Running');
  await ben.page.getByRole('button', { name: 'Publish update' }).click();
  await expect(composer.getByRole('alert')).toHaveCount(0);
  await expect(ben.page.locator('.status-update:not(.draft)').first()).toContainText('investigating checkout failures');

  // Only the incident commander may declare or change severity (the scenario's default powers): Ben's controls are
  // greyed out and say who can, before he clicks into a refusal (the server's refusal is tested in tests/server).
  const incident = ben.page.locator('#incident');
  await expect(incident.getByRole('button', { name: 'Declare mitigated…' })).toBeDisabled();
  await expect(incident.getByRole('button', { name: 'SEV2' })).toBeDisabled();
  await expect(incident.getByTestId('incident-power')).toHaveText('Only the Incident Commander can change the severity and declare or retract mitigated and resolved. Ask Ana (Incident Commander).');
  await ana.page.locator('#incident').getByRole('button', { name: 'Declare mitigated…' }).click();
  await ana.page.locator('#incident').getByRole('button', { name: 'Yes, declare mitigated' }).click();
  await expect(ben.page.getByTestId('declared-mitigated')).toContainText('by Ana');

  await ana.context.close();
  await ben.context.close();
  await fac.context.close();
});
