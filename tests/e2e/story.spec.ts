import { expect, test } from '@playwright/test';
import { baseUrl, claim, createDrill, installScenario, joinAs, openConsole, shot, shotOf, startDrill } from './helpers';

/**
 * The story features in the browser, on a small scenario of this spec's own (tests/e2e/fixtures): the incident
 * commander makes the failover call on its card and the story follows it; times read as story time
 * ("18:40 · T+00:12") in the room and on the public status page; the composer offers "next update by";
 * a declaration can be undone within its window and the retraction is shown; the scorecard shows the decision with
 * its rating; and an evaluator's override in the console changes an open scorecard without a reload.
 */
test('a decision in the room changes the story, and the scorecard shows it and an override live', async ({ browser }) => {
  // Three browser contexts and a scorecard tab on a shared two-core machine: generous, like the other whole-flow specs.
  test.setTimeout(300_000);
  const scenarioId = await installScenario('e2e-failover-call.yaml');
  const drill = await createDrill(scenarioId);
  const fac = await openConsole(browser, drill);
  const [ivy, ben] = await Promise.all([joinAs(browser, drill.joinCode, 'Ivy'), joinAs(browser, drill.joinCode, 'Ben')]);
  await claim(ivy, 'Incident Commander');
  await claim(ben, 'Communications Lead');
  await startDrill(fac.page);

  // Story time: the header clock and every stamp read as the story's time of day (Fri 18:40 at T+0).
  await expect(ivy.page.getByTestId('story-clock')).toContainText(/18:4\d/);
  const call = ivy.page.locator('[data-inject="failover-call"]');
  await expect(call.locator('.stamp')).toContainText(/18:40 · T\+00:0\d/);
  await expect(call.getByTestId('decision')).toHaveAttribute('data-state', 'open');
  await expect(fac.page.getByTestId('decision-failover-call')).toHaveAttribute('data-state', 'open');
  await expect(fac.page.getByTestId('decisions-open')).toHaveText('1 open');

  // Ben is not the incident commander: the severity and declaration controls say who can, before any click.
  await expect(ben.page.getByTestId('incident-power')).toHaveText('Only the Incident Commander can change the severity and declare or retract mitigated and resolved. Ask Ivy (Incident Commander).');
  await expect(ben.page.locator('#incident').getByRole('button', { name: 'Declare mitigated…' })).toBeDisabled();

  // Ivy makes the call, with a reason; the story moves on and the decision closes.
  await call.getByRole('radio', { name: 'Fail over to the standby now' }).check();
  await call.getByLabel(/^Why/).fill('Restores checkout fastest; we accept a few seconds of lost writes');
  await shotOf(call, 'room-decision', { docs: true });
  await call.getByRole('button', { name: 'Decide' }).click();
  await expect(ivy.page.locator('[data-inject="standby-promoted"]')).toBeVisible();
  await expect(call.getByTestId('decision')).toHaveAttribute('data-state', 'closed');
  await expect(call.getByTestId('decision-choice')).toHaveText('Fail over to the standby now');
  await expect(call).toContainText('“Restores checkout fastest; we accept a few seconds of lost writes”');
  await expect(fac.page.locator('.sc-node.current')).toHaveAttribute('data-state', 'failing-over');
  await expect(fac.page.getByTestId('decision-failover-call')).toHaveAttribute('data-state', 'closed');
  await expect(fac.page.getByTestId('console-decision-choice')).toHaveText('Fail over to the standby now');
  await shotOf(fac.page.locator('#decisions'), 'console-decisions', { docs: true });

  // Ben promises the next update from the story clock and publishes.
  await ben.page.getByRole('tab', { name: /Status page/ }).click();
  const draft = ben.page.getByLabel('Update for customers');
  await draft.fill('Investigating: customers cannot pay at checkout. We are sorry; this is our problem, and we are switching to a standby database now.');
  await ben.page.getByRole('group', { name: 'Promise the next update' }).getByRole('button').first().click();
  await expect(draft).toHaveValue(/switching to a standby database now\. Next update by (18|19):\d[05]\.$/);
  await shot(ben.page, 'room-status-story-time');
  await ben.page.getByRole('button', { name: 'Publish update' }).click();
  await expect(ben.page.locator('.status-update:not(.draft)').first()).toContainText('Next update by');

  // The public status page (no seat, no key) prints the update's story time, as customers would read it.
  const stranger = await browser.newContext({ baseURL: baseUrl() });
  const status = await stranger.newPage();
  await status.goto(`/status/${drill.drillId}`);
  await expect(status.getByTestId('status-update-time').first()).toHaveText(/^18:4\d$/);
  await shot(status, 'status-page-story-time');
  await stranger.close();

  // Ivy declares mitigated, undoes it within the window (a logged retraction), and declares again.
  const incident = ivy.page.locator('#incident');
  await incident.getByRole('button', { name: 'Declare mitigated…' }).click();
  await incident.getByRole('button', { name: 'Yes, declare mitigated' }).click();
  await expect(incident.getByTestId('undo-note')).toContainText('Declared mitigated.');
  await incident.getByTestId('undo-note').getByRole('button', { name: /Undo/ }).click();
  await expect(incident.getByTestId('declaration-log')).toContainText('Ivy retracted mitigated — “Undone within 10 seconds”');
  await expect(ben.page.getByTestId('declaration-log')).toContainText('retracted mitigated');
  await incident.getByRole('button', { name: 'Declare mitigated…' }).click();
  await incident.getByRole('button', { name: 'Yes, declare mitigated' }).click();
  await expect(incident.getByTestId('declared-mitigated')).toContainText('by Ivy');
  await expect(fac.page.locator('.sc-node.current')).toHaveAttribute('data-state', 'recovery');
  await shotOf(incident, 'room-declarations', { docs: true });

  // The facilitator ends the drill; the scorecard (opened in a tab of its own) rates the call by its option.
  await fac.page.getByRole('button', { name: 'End drill…' }).click();
  await fac.page.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(fac.page.getByTestId('drill-clock')).toContainText('Ended');
  const scorecard = await fac.context.newPage();
  await scorecard.goto(`/drill/${drill.drillId}/scorecard?key=${drill.facilitatorKey}`);
  const decided = scorecard.getByTestId('objective-failover-decided');
  await expect(decided).toHaveAttribute('data-rating', 'P');
  await expect(decided).toContainText('"Fail over to the standby now" (rated P: Restores checkout fastest');

  // An override in the console: the open scorecard follows without a reload, automatic value and note included.
  const row = fac.page.getByTestId('objective-failover-decided');
  await row.getByRole('button', { name: 'Override: The failover call is made' }).click();
  const form = fac.page.getByRole('form', { name: 'Override: The failover call is made' });
  await form.locator('label.seg').filter({ hasText: /^S$/ }).click();
  await expect(form.getByRole('radio', { name: 'S', exact: true })).toBeChecked();
  await form.getByLabel(/^Note/).fill('Right call, but the IC did not tell the war room before failing over');
  await form.getByRole('button', { name: 'Save override' }).click();
  await expect(row.getByTestId('override')).toContainText('Right call, but the IC did not tell the war room');
  await expect(decided).toHaveAttribute('data-rating', 'S');
  await expect(decided).toHaveAttribute('data-automatic', 'P');
  await expect(decided.getByTestId('override')).toContainText('(automatic: P)');
  await expect(decided.getByTestId('override')).toContainText('“Right call, but the IC did not tell the war room before failing over”');
  await shotOf(decided, 'scorecard-override', { docs: true });
  await shotOf(fac.page.locator('#objectives'), 'console-override');

  // A rubric check of the status post, overridden on the scorecard itself: the flip is the default, a note is required.
  const check = scorecard.getByTestId('scored-post').first().locator('li.check.pass').first();
  const title = (await check.locator('.check-title').textContent())!;
  await check.getByRole('button', { name: new RegExp(`^Override: ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
  const checkForm = check.getByRole('form');
  await expect(checkForm.getByRole('button', { name: 'Save override' })).toBeDisabled();
  await checkForm.getByLabel(/^Note/).fill('Says it, but only in the last sentence');
  await checkForm.getByRole('button', { name: 'Save override' }).click();
  const overridden = scorecard.getByTestId('scored-post').first().locator('li.check.overridden');
  await expect(overridden).toHaveAttribute('data-passed', 'false');
  await expect(overridden.getByTestId('override')).toContainText('Evaluator: missed (automatic: passed)');
  await shotOf(scorecard.getByTestId('scored-post').first(), 'scorecard-check-override');

  await ivy.context.close();
  await ben.context.close();
  await fac.context.close();
});
