import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { claim, createDrill, joinAs, openConsole, shotOf, startDrill } from './helpers';

test('the facilitator mirrors the drill to a webhook from the console and sees it deliver', async ({ browser }) => {
  // A receiver on this machine stands in for Slack.
  const received: { text: string; signature?: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      received.push({ text: (JSON.parse(body) as { text: string }).text, signature: req.headers['x-firedrill-signature'] as string });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T1/B2/abcdefXYZ9`;

  const drill = await createDrill();
  const fac = await openConsole(browser, drill);
  const panel = fac.page.locator('#outbound');
  await panel.getByLabel('Webhook URL').fill('not a url');
  await panel.getByRole('button', { name: 'Start mirroring' }).click();
  await expect(panel.getByRole('alert')).toContainText('That is not a URL');
  await panel.getByLabel('Webhook URL').fill(url);
  await panel.getByLabel('War room messages').check();
  await panel.getByRole('button', { name: 'Start mirroring' }).click();
  await expect(panel.getByLabel('Signing secret')).toHaveValue(/^whsec_/);
  await expect(panel.getByTestId('outbound-status')).toContainText(/127\.0\.0\.1:\d+\/…XYZ9/);
  await expect(panel).not.toContainText('abcdef'); // never shown back

  const ivy = await joinAs(browser, drill.joinCode, 'Ivy');
  await claim(ivy, 'Incident Commander');
  await startDrill(fac.page, { openRequired: true });
  await ivy.page.getByLabel('Message to the war room').fill('IC here: I have command.');
  await ivy.page.getByLabel('Message to the war room').press('Enter');
  await expect.poll(() => received.map((r) => r.text).join('\n')).toContain('Ivy in the war room');
  expect(received[0].text).toMatch(/^\[DRILL\] The drill ".+" has started/);
  expect(received.every((r) => /^t=\d+,v1=[0-9a-f]{64}$/.test(r.signature ?? ''))).toBe(true);
  await expect(panel.getByTestId('outbound-status')).toContainText(/[3-9] delivered · 0 failed/);
  await shotOf(panel, 'console-webhook', { docs: true });

  await Promise.all([ivy.context.close(), fac.context.close()]);
  await new Promise((resolve) => receiver.close(resolve));
});
