import { expect, test, type Page } from '@playwright/test';
import { claim, createDrill, joinAs, openConsole, shot, startDrill } from './helpers';

/** How far the chat list is from its end (px): 0 when the newest message is in view. */
const fromBottom = (page: Page) => page.getByTestId('chat').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

test('the war room opens at the newest message, follows it, marks what arrived while you scrolled up, and keeps drafts', async ({ browser }) => {
  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const [ivy, ben] = await Promise.all([joinAs(browser, drill.joinCode, 'Ivy'), joinAs(browser, drill.joinCode, 'Ben')]);
  await claim(ivy, 'Incident Commander');
  await claim(ben, 'Communications Lead');
  await startDrill(fac.page);

  // Enough messages to scroll.
  const box = ben.page.getByLabel('Message to the war room');
  for (let i = 1; i <= 10; i++) {
    await box.fill(`Update ${i}: still looking at orders-db.`);
    await box.press('Enter');
    await expect(ben.page.locator('.chat-msg')).toHaveCount(i);
  }
  await expect(ivy.page.locator('.chat-msg')).toHaveCount(10);
  expect(await fromBottom(ivy.page)).toBeLessThan(4);
  expect(await fromBottom(ben.page)).toBeLessThan(4);

  // Switching tabs and back still shows the newest message.
  await ivy.page.getByRole('tab', { name: /Status page/ }).click();
  await ivy.page.getByRole('tab', { name: /War room/ }).click();
  await expect(ivy.page.locator('.chat-msg').last()).toBeInViewport();
  expect(await fromBottom(ivy.page)).toBeLessThan(4);

  // Ivy scrolls up to read: new messages do not yank her down, a marker says they came.
  await ivy.page.getByTestId('chat').evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
  await box.fill('@ic the vendor answered: failover in 2 minutes.');
  await box.press('Enter');
  await expect(ivy.page.getByTestId('new-messages')).toHaveText('↓ 1 new message');
  expect(await fromBottom(ivy.page)).toBeGreaterThan(100);
  await shot(ivy.page, 'room-new-messages');
  await ivy.page.getByTestId('new-messages').click();
  expect(await fromBottom(ivy.page)).toBeLessThan(4);
  await expect(ivy.page.getByTestId('new-messages')).toHaveCount(0);
  // The mention of her role is highlighted for her, not for Ben.
  await expect(ivy.page.locator('.chat-msg').last()).toHaveClass(/mentions-me/);
  await expect(ivy.page.locator('.chat-msg').last().locator('.mention')).toHaveText('@ic');
  await expect(ben.page.locator('.chat-msg').last()).not.toHaveClass(/mentions-me/);

  // Your own post always brings you to the bottom, even from higher up.
  await ivy.page.getByTestId('chat').evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
  const ivyBox = ivy.page.getByLabel('Message to the war room');
  await ivyBox.fill('@Be');
  await expect(ivy.page.getByRole('option', { name: /@Ben/ })).toBeVisible();
  await ivyBox.press('Enter'); // takes the suggestion
  await expect(ivyBox).toHaveValue('@Ben ');
  await ivyBox.pressSequentially('thanks, go ahead.');
  await ivyBox.press('Enter');
  await expect(ivy.page.locator('.chat-msg').last()).toContainText('@Ben thanks, go ahead.');
  await expect.poll(() => fromBottom(ivy.page)).toBeLessThan(4);
  await expect(ben.page.locator('.chat-msg').last()).toHaveClass(/mentions-me/);

  // A reload keeps the drafts (chat and status post) and the selected tab.
  await ivyBox.fill('half-written thought about the failover');
  await ivy.page.getByRole('tab', { name: /Status page/ }).click();
  await ivy.page.locator('label.seg', { hasText: 'Identified' }).click();
  await ivy.page.getByLabel('Update for customers').fill('We found the cause: our database provider');
  await ivy.page.reload();
  await expect(ivy.page.getByRole('tab', { name: /Status page/ })).toHaveAttribute('aria-selected', 'true');
  await expect(ivy.page.getByLabel('Update for customers')).toHaveValue('We found the cause: our database provider');
  await expect(ivy.page.getByRole('radio', { name: 'Identified' })).toBeChecked();
  await ivy.page.getByRole('tab', { name: /War room/ }).click();
  await expect(ivy.page.getByLabel('Message to the war room')).toHaveValue('half-written thought about the failover');
  expect(await fromBottom(ivy.page)).toBeLessThan(4);
  await Promise.all([ivy.context.close(), ben.context.close(), fac.context.close()]);
});
