// Deep links, several orders on one page, and live updates, in headless
// Chromium against the real edge.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDGE, freshShopifyOrder, launch, lookUp, openPage, shopifyWebhook } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a merchant\'s signed link opens the order without a lookup', async () => {
  const response = await fetch(`${EDGE}/v1/admin/shops/demo/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-admin-key' },
    body: JSON.stringify({ orderId: 'demo-1005' }),
  });
  assert.equal(response.status, 201);
  const { token } = await response.json();

  const page = await openPage(browser);
  await page.goto(`${EDGE}/?t=${encodeURIComponent(token)}`);
  await page.getByRole('heading', { name: 'Order #1005' }).waitFor();
  assert.equal(await page.locator('form.ac-lookup').count(), 0);
  // The token left the address bar (history, analytics, Referer) once read.
  assert.equal(new URL(page.url()).searchParams.get('t'), null);
  assert.equal(await page.evaluate(() => window.location.search), '');

  // The link only shows the order: acting on it asks for the proof, with
  // the number filled in and the email left to type.
  await page.getByText('This link shows your order').waitFor();
  await page.getByRole('button', { name: "Confirm it's me" }).click();
  await page.locator('form.ac-lookup').waitFor();
  assert.equal(await page.locator('#ac-number').inputValue(), '#1005');
  assert.equal(
    await page.locator('.ac-root').evaluate((root) => root.getRootNode().activeElement?.id),
    'ac-email',
  );
  await page.locator('#ac-email').fill('sofia@example.com');
  await page.locator('form.ac-lookup button[type=submit]').click();
  await page.getByRole('heading', { name: 'Order #1005' }).waitFor();
  assert.equal(await page.getByText('This link shows your order').count(), 0);

  // A tampered link falls back to the form with an explanation.
  await page.goto(`${EDGE}/?t=${encodeURIComponent(token.slice(0, -4))}AAAA`);
  await page.locator('form.ac-lookup').waitFor();
  await page.getByText('Your session has expired').waitFor();
  assert.deepEqual(page.errors.filter((e) => !e.includes('401')), []);
  await page.context().close();
});

test('a shopper sees and opens their other orders on the same page', async () => {
  const page = await openPage(browser);
  await page.goto(`${EDGE}/`);
  await lookUp(page, '1002', 'erik@example.com');
  await page.getByRole('heading', { name: 'Order #1002' }).waitFor();
  await page.getByRole('heading', { name: 'Your other orders' }).waitFor();
  const other = page.getByRole('button', { name: /Order #1009/ });
  assert.match(await other.getAttribute('aria-label'), /Delivered/);
  await other.click();
  const heading = page.getByRole('heading', { name: 'Order #1009' });
  await heading.waitFor();
  assert.equal(
    await page.locator('.ac-root').evaluate((root) => root.getRootNode().activeElement?.textContent.trim()),
    'Order #1009',
  );
  // And back again from there.
  await page.getByRole('button', { name: /Order #1002/ }).waitFor();
  await page.context().close();
});

test('a webhook posted while the widget is open changes what it shows', async () => {
  const { order, number, email } = await freshShopifyOrder({ shipmentStatus: 'in_transit' });
  const page = await openPage(browser);
  await page.clock.install();
  await page.goto(`${EDGE}/`);
  await lookUp(page, number, email);
  await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
  const headline = page.locator('.ac-headline');
  assert.equal((await headline.textContent()).trim(), 'In transit');

  // The carrier delivers; the shop's system tells us.
  const fulfillment = order.fulfillments[0];
  fulfillment.shipment_status = 'delivered';
  fulfillment.updated_at = new Date(Date.now() + 1000).toISOString();
  const receipt = await shopifyWebhook('fulfillments/update', fulfillment);
  assert.equal(receipt.outcome, 'applied');

  // Nothing changes until the widget's polite refresh comes round.
  assert.equal((await headline.textContent()).trim(), 'In transit');
  await page.clock.fastForward(61_000);
  await page.locator('.ac-headline', { hasText: 'Delivered' }).waitFor();
  assert.equal(
    (await page.locator('.ac-step[aria-current="step"] .ac-step-label').textContent()).trim(),
    'Delivered',
  );
  await page.context().close();
});
