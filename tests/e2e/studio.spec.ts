import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { MINIMAL_SCENARIO } from '../../client/src/studio/templates';
import { PROFILES } from '../../shared/simulate/profiles';
import { baseUrl, scenariosDir, shot } from './helpers';
import { E2E_ADMIN_KEY } from './server';

/**
 * The scenario studio, under the strict Content-Security-Policy a hardened server would send (no inline
 * scripts or styles, no eval, workers from this origin only): a misspelt state is reported at its line with the
 * suggestion, the suggestion fixes it, the statechart follows the text, a rehearsal ranks the bot teams, and
 * saving writes into the (temporary) scenario folder only with the admin key, after which the library offers it.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

async function strictCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.route(`${baseUrl()}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.exposeFunction('reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportCsp: (v: string) => void }).reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('write, check, see, rehearse and save a scenario in the studio', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  const violations = await strictCsp(page);
  await page.goto('/studio');
  // A fresh browser starts from the minimal scenario of the format guide, which is valid.
  await expect(page.getByTestId('studio-status')).toContainText('Valid');
  await expect(page.getByTestId('studio-file')).toHaveText('cache-stampede.yaml');
  const story = page.getByTestId('story');
  await expect(story.locator('.sg-node[data-state="fixing"]')).toBeVisible();

  // Misspell the state that detection moves to when the DBA answers: "fixing" → "fixng".
  const target = 'when: { replied: dba-oncall }, goto: fixing }';
  const line = lineOf(MINIMAL_SCENARIO, '  detection:') + lineOf(MINIMAL_SCENARIO.split('  detection:')[1], target) - 1;
  // Clicking a transition in the statechart puts the cursor on its line.
  const detection = story.locator('.story-state[data-state="detection"]');
  await detection.locator('.story-way-btn').first().click();
  await expect(page.locator('.cm-activeLine')).toContainText(target);
  await page.keyboard.press('End');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Backspace');
  const problems = page.getByTestId('problems');
  const problem = problems.locator('.problem', { hasText: 'state "fixng" is not defined — did you mean "fixing"?' });
  await expect(problem).toBeVisible();
  await expect(problem.locator('.problem-where')).toHaveText(new RegExp(`^${line}:\\d+$`));
  await expect(page.getByTestId('studio-status')).toHaveText('1 error');
  // Inline, at its place in the text: the misspelt word is underlined.
  await expect(page.locator('.cm-lintRange-error')).toHaveText('fixng');
  // The statechart follows the text: detection's way out now leads to a state that does not exist.
  await expect(detection.locator('.story-way').first()).toContainText('fixng (not defined)');
  await shot(page, 'studio-problem', { docs: true });

  // The problem's tooltip offers the suggestion; taking it clears the problem.
  await page.locator('.cm-lintRange-error').hover();
  await page.getByRole('button', { name: 'Use "fixing"' }).click();
  await expect(page.getByTestId('studio-status')).toContainText('Valid');
  await expect(problems).toContainText('No problems');
  await expect(detection.locator('.story-way').first()).toContainText('fixing');
  await expect(detection.locator('.story-way').first()).not.toContainText('not defined');

  // A new state nothing leads to shows up in the statechart as unreachable.
  await story.locator('.story-state[data-state="done"] .story-state-name').click();
  await expect(page.locator('.cm-activeLine')).toContainText('done: { final: true }');
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n  press-leak: { description: Nobody ever gets here. }');
  const leak = story.locator('.sg-node[data-state="press-leak"]');
  await expect(leak).toBeVisible();
  await expect(leak).toHaveClass(/unreachable/);
  await expect(problems).toContainText('state "press-leak" cannot be reached from "detection"');
  // Clicking the state puts the cursor on its line.
  await story.locator('.story-state[data-state="press-leak"] .story-state-name').click();
  await expect(page.locator('.cm-activeLine')).toContainText('press-leak');
  await page.keyboard.press('Control+z');
  await expect(leak).toHaveCount(0);
  await expect(page.getByTestId('studio-status')).toContainText('Valid');

  // Rehearse: every bot team plays the scenario in a Web Worker.
  await page.getByRole('tab', { name: 'Rehearse' }).click();
  await page.getByRole('button', { name: 'Rehearse', exact: true }).click();
  await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 30_000 });
  const score = async (team: string) => Number(await page.getByTestId(`score-${team}`).textContent());
  await expect(page.locator('.team-score')).toHaveCount(PROFILES.length); // the four teams and the three that game the score
  expect(await score('textbook')).toBeGreaterThan(await score('silent'));
  await expect(page.locator('.team-path[data-team="textbook"]')).toContainText('done');
  await shot(page, 'studio-rehearse', { docs: true, keepScroll: true });

  // Coverage and the comms sandbox read the same scenario.
  await page.getByRole('tab', { name: 'Coverage' }).click();
  await expect(page.getByTestId('coverage')).toContainText('The objectives evaluate');
  await page.getByRole('tab', { name: 'Comms sandbox' }).click();
  await page.getByLabel('Status-page update').fill('Our vendor broke it. Human error on their side. Fixed in 5 minutes.');
  await expect(page.locator('.rc.fail', { hasText: 'Does not shift blame' })).toBeVisible();

  // Saving: a wrong key writes nothing.
  const file = join(scenariosDir(), 'cache-stampede.yaml');
  expect(existsSync(file)).toBe(false);
  await page.getByRole('button', { name: 'Save to library' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the scenario' });
  await dialog.getByLabel('Admin key').fill('not-the-admin-key-of-this-server');
  await dialog.getByRole('button', { name: 'Save to library' }).click();
  await expect(dialog.getByRole('alert')).toContainText("That is not this server's admin key");
  expect(existsSync(file)).toBe(false);
  // The right key saves it into the scenario folder.
  await dialog.getByLabel('Admin key').fill(E2E_ADMIN_KEY);
  await dialog.getByRole('button', { name: 'Save to library' }).click();
  await expect(dialog.getByTestId('save-done')).toContainText('Saved as cache-stampede.yaml');
  expect(readFileSync(file, 'utf8')).toBe(MINIMAL_SCENARIO);
  await dialog.getByRole('link', { name: 'Open the library' }).click();

  // The library offers it, with "Edit a copy" like every scenario.
  const card = page.locator('.scenario-card', { hasText: 'The cache went cold' });
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: /Edit a copy/ }).click();
  await expect(page.getByTestId('studio-file')).toHaveText('cache-stampede-copy.yaml');
  await expect(page.locator('.studio-title')).toHaveText('The cache went cold (copy)');
  await expect(page.getByTestId('studio-status')).toContainText('Valid');
  await shot(page, 'studio', { docs: true });

  expect(violations).toEqual([]);
  await context.close();
});

test('without the admin key no script is read and nothing is written; Ctrl-S opens saving; an MSEL spreadsheet opens as a scenario', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: baseUrl() });
  const page = await context.newPage();
  // This server has an admin key, so it keeps scenario files to people who know it (the players share it).
  await page.goto('/studio?from=partner-db-down');
  const prompt = page.getByTestId('key-prompt');
  await expect(prompt.getByRole('alert')).toContainText('This server keeps scenario files to people with its admin key');
  await prompt.getByLabel('Admin key').fill(E2E_ADMIN_KEY);
  await prompt.getByRole('button', { name: 'Open the copy' }).click();
  await expect(page.getByTestId('studio-file')).toHaveText('partner-db-down-copy.yaml');
  await expect(page.getByTestId('studio-status')).toContainText('Valid');
  await page.locator('.cm-line').first().click();
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save the scenario' });
  await expect(dialog.getByLabel('Admin key')).toBeFocused();
  // The key given to open the copy is remembered for this tab.
  await expect(dialog.getByLabel('Admin key')).toHaveValue(E2E_ADMIN_KEY);
  await expect(dialog.getByRole('button', { name: 'Save to library' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The server refuses a save without the key, and the folder is unchanged.
  expect((await page.request.get('/api/scenarios/partner-db-down/source')).status()).toBe(401);
  const text = await (await page.request.get('/api/scenarios/partner-db-down/source', { headers: { 'x-firedrill-admin-key': E2E_ADMIN_KEY } })).json() as { text: string };
  const copy = text.text.replace('id: partner-db-down', 'id: partner-db-down-copy');
  expect((await page.request.put('/api/scenarios/partner-db-down-copy', { data: { text: copy } })).status()).toBe(401);
  expect(existsSync(join(scenariosDir(), 'partner-db-down-copy.yaml'))).toBe(false);
  // The bundled scenario is never overwritten, even with the key.
  const bundled = await page.request.put('/api/scenarios/partner-db-down', { headers: { 'x-firedrill-admin-key': E2E_ADMIN_KEY }, data: { text: text.text } });
  expect(bundled.status()).toBe(409);
  expect(readFileSync(join(scenariosDir(), 'partner-db-down.yaml'), 'utf8')).toBe(text.text);

  // An MSEL spreadsheet goes straight into the editor as a scenario.
  await page.getByRole('button', { name: 'New…' }).click();
  const start = page.getByRole('dialog', { name: 'Start a scenario' });
  await start.getByLabel('Import CSV…').setInputFiles('tests/fixtures/msel/payment-provider-outage.csv');
  await expect(start).toBeHidden();
  await expect(page.getByTestId('studio-file')).toHaveText('payment-provider-outage.yaml');
  await expect(page.getByTestId('studio-status')).toContainText('Valid');
  await expect(page.getByRole('status').filter({ hasText: 'Imported payment-provider-outage.csv' })).toBeVisible();
  await context.close();
});
