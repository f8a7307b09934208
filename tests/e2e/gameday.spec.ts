import { expect, test } from '@playwright/test';
import { baseUrl, claim, createDrill, joinAs, openConsole, shot, shotOf, startDrill } from './helpers';

test('a live game day: the fault waits for the facilitator, and a real alert pages the team', async ({ browser }) => {
  const drill = await createDrill('game-day-template');
  const fac = await openConsole(browser, drill);
  const ivy = await joinAs(browser, drill.joinCode, 'Ivy');
  await claim(ivy, 'Incident Commander');
  const panel = fac.page.locator('#gameday');
  await expect(panel.getByTestId('alert-ingest')).toContainText('no ingest token');

  // The token is shown once; the drill's alert endpoint takes an Alertmanager notification with it.
  await panel.getByRole('button', { name: 'Make an alert token' }).click();
  const token = await panel.getByLabel('Alert token').inputValue();
  expect(token).toMatch(/^fdat_/);
  await expect(panel.getByLabel('Alert webhook URL')).toHaveValue(new RegExp(`/api/drills/${drill.drillId}/alerts$`));

  await startDrill(fac.page, { openRequired: true });
  await fac.page.getByLabel('Speed', { exact: true }).selectOption('60');
  // Three story minutes later the fault is proposed; this server has no fault webhooks, so only a dry run is possible.
  const fault = panel.getByTestId('fault');
  await expect(fault).toHaveAttribute('data-status', 'proposed');
  await fac.page.getByLabel('Speed', { exact: true }).selectOption('1'); // live from here: the rest is not timed
  await expect(fault).toContainText('not configured on this server');
  await expect(fault.getByRole('button', { name: 'Confirm and send…' })).toBeDisabled();
  await fault.getByRole('button', { name: 'Dry run' }).click();
  await expect(fault).toHaveAttribute('data-status', 'running');
  await expect(fault).toContainText('logged as a dry run, not sent');

  const alert = {
    version: '4', status: 'firing', receiver: 'firedrill',
    alerts: [{ status: 'firing', fingerprint: 'e2e0000000000001', labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' },
      annotations: { summary: 'Checkout error rate above 5%', runbook_url: 'https://runbooks.example/checkout' }, startsAt: '2026-12-01T16:00:00Z' }],
  };
  const posted = await fetch(`${baseUrl()}/api/drills/${drill.drillId}/alerts`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(alert),
  });
  expect(posted.status).toBe(202);
  const page = ivy.page.locator('[data-testid="inject"]', { hasText: 'Checkout error rate above 5%' });
  await expect(page).toContainText('Real alert');
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page).toContainText('Acknowledged by Ivy');
  await expect(panel.getByTestId('alert-ingest')).toContainText('firing now: HighErrorRate');

  await shotOf(panel, 'console-gameday', { docs: true });
  await shot(ivy.page, 'room-real-alert');
  await fault.getByRole('button', { name: 'Abort…' }).click();
  await fault.getByRole('button', { name: 'Abort the fault' }).click();
  await expect(fault).toHaveAttribute('data-status', 'aborted');
  await Promise.all([ivy.context.close(), fac.context.close()]);
});
