// The shopper's return journey in headless Chromium against the real edge:
// a delivered order of shop `lab`, a final-sale item that cannot go back,
// the flow through confirm (with a lost answer and a double click), the
// slip with its barcode, and the return listed on the order page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EDGE, launch, lookUp, openPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A delivered lab order: two jackets, final-sale socks (product 990001 in
 * tests/e2e-seed.sql) and a mug, all in one delivered parcel. */
async function deliveredLabOrder() {
  const url = new URL('../../shared/tests/fixtures/shopify/order.json', import.meta.url);
  const { order } = JSON.parse(await readFile(url, 'utf8'));
  const n = Date.now() * 10 + Math.floor(Math.random() * 10);
  order.id = n;
  order.name = `#RB${n}`;
  order.order_number = `RB${n}`;
  order.email = `returner${n}@example.com`;
  const [jacket, socks, mug] = order.line_items;
  Object.assign(jacket, { title: 'Trail Jacket', quantity: 2, price: '120.00', product_id: 990002 });
  Object.assign(socks, { title: 'Outlet Socks', quantity: 1, price: '9.00', product_id: 990001 });
  Object.assign(mug, { title: 'Camp Mug', quantity: 1, price: '15.00', product_id: 990003 });
  const fulfillment = order.fulfillments[0];
  Object.assign(fulfillment, {
    id: n + 1,
    order_id: n,
    status: 'success',
    shipment_status: 'delivered',
    tracking_number: `RB${n}`,
    tracking_numbers: [`RB${n}`],
    updated_at: new Date(Date.now() - 86_400_000).toISOString(),
    line_items: order.line_items.map((item) => ({ ...item })),
  });
  const raw = JSON.stringify(order);
  const response = await fetch(`${EDGE}/v1/webhooks/lab/shopify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-event-id': randomUUID(),
      'x-shopify-hmac-sha256': createHmac('sha256', 'lab-shopify-secret').update(raw).digest('base64'),
    },
    body: raw,
  });
  assert.equal(response.status, 200, await response.text());
  return { number: order.name, email: order.email };
}

/** The order's returns as the API has them. */
async function returnsOnFile(number, email) {
  const lookup = await fetch(`${EDGE}/v1/shops/lab/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderNumber: number, email }),
  });
  const { token, order } = await lookup.json();
  const options = await fetch(`${EDGE}/v1/shops/lab/orders/${order.id}/returns`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await options.json()).returns;
}

/** A page of the lab shop with the one-tag embed. */
async function openLabStore() {
  const page = await openPage(browser);
  await page.route(`${EDGE}/lab-store`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><body><h1>Lab</h1><div style="min-height:480px">' +
        '<script src="/widget.js" data-shop="lab" async></script></div></body></html>',
    }),
  );
  await page.goto(`${EDGE}/lab-store`);
  return page;
}

const focusedText = (page) =>
  page.locator('.ac-root').evaluate((root) => root.getRootNode().activeElement?.textContent.trim());

test('a shopper returns items step by step, gets an RMA and a slip, and sees the return on the order', async () => {
  const { number, email } = await deliveredLabOrder();
  const page = await openLabStore();
  await lookUp(page, number, email);
  await page.getByRole('heading', { name: `Order ${number}` }).waitFor();

  // Items: the final-sale socks are listed, explained and not selectable.
  await page.getByRole('button', { name: 'Start a return' }).click();
  await page.getByRole('heading', { name: 'Which items would you like to return?' }).waitFor();
  assert.equal(await focusedText(page), 'Which items would you like to return?');
  const socks = page.getByRole('checkbox', { name: /Outlet Socks/ });
  assert.equal(await socks.isDisabled(), true);
  assert.match(await page.locator('.ac-refused').textContent(), /Final-sale items can't be returned/);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: 'Choose at least one item to return.' }).waitFor();
  await page.getByRole('checkbox', { name: /Trail Jacket/ }).check();
  await page.getByLabel('How many').selectOption('1');
  await page.getByRole('checkbox', { name: /Camp Mug/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Reasons: a sub-reason for the jacket, a comment and a photo for the mug.
  await page.getByRole('heading', { name: 'Why are you returning them?' }).waitFor();
  assert.equal(await focusedText(page), 'Why are you returning them?');
  const jacket = page.getByRole('group', { name: 'Trail Jacket' });
  await jacket.getByRole('radio', { name: "Doesn't fit" }).check();
  await jacket.getByRole('radio', { name: 'Too small' }).check();
  const mug = page.getByRole('group', { name: 'Camp Mug' });
  await mug.getByRole('radio', { name: 'Arrived damaged' }).check();
  await mug.getByLabel('Describe the problem').fill('The handle came off.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await mug.getByRole('alert').filter({ hasText: 'Please add a link to a photo.' }).waitFor();
  await mug.getByLabel('Link to a photo').fill('https://example.com/mug.jpg');

  // Back keeps what was entered, both ways.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('heading', { name: 'Which items would you like to return?' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: /Trail Jacket/ }).isChecked(), true);
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.equal(await jacket.getByRole('radio', { name: 'Too small' }).isChecked(), true);
  assert.equal(await mug.getByLabel('Link to a photo').inputValue(), 'https://example.com/mug.jpg');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Resolution: the fee and the bonus are shown; the policy is one click away.
  await page.getByRole('heading', { name: 'What would you like back?' }).waitFor();
  assert.match(await page.locator('.ac-choice', { hasText: 'Refund' }).textContent(), /Return fee: \$5\.00/);
  assert.match(await page.locator('.ac-choice', { hasText: 'Store credit' }).textContent(), /10% bonus/);
  await page.getByText('Return policy').click();
  await page.getByRole('heading', { name: 'What can be returned, and until when' }).waitFor();
  assert.match(await page.locator('.ac-policy').textContent(), /Outlet items: final sale/);
  await page.getByRole('radio', { name: /Store credit/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Summary: $120 + $15, a 10% bonus, no fee for store credit.
  await page.getByRole('heading', { name: 'Check your return' }).waitFor();
  const summary = await page.locator('.ac-return-flow').textContent();
  assert.match(summary, /Doesn't fit: Too small/);
  assert.match(summary, /Value of the items\s*\$135\.00/);
  assert.match(summary, /Store credit bonus\s*\$13\.50/);
  assert.match(summary, /Total\s*\$148\.50/);

  // The first answer is lost on the way back (the server did create the
  // return); the retry and its double click carry the same key.
  const keys = [];
  let dropped = false;
  await page.route('**/v1/shops/lab/orders/*/returns', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (dropped) return route.continue();
    dropped = true;
    await route.fetch();
    return route.abort();
  });
  const confirm = page.getByRole('button', { name: 'Confirm return' });
  await confirm.click();
  await page.getByRole('alert').filter({ hasText: 'Something went wrong on our side' }).waitFor();
  await confirm.dblclick();
  await page.getByRole('heading', { name: 'Your return is registered' }).waitFor();
  assert.equal(await focusedText(page), 'Your return is registered');
  const rma = (await page.locator('.ac-rma').textContent()).trim();
  assert.match(rma, /^R-[0-9A-Z]{3}-[0-9A-Z]{3}/);
  assert.ok(keys.length >= 2, `${keys}`);
  assert.equal(new Set(keys).size, 1, `one key for one confirmation: ${keys}`);
  const onFile = await returnsOnFile(number, email);
  assert.equal(onFile.length, 1, JSON.stringify(onFile));
  assert.equal(onFile[0].rma, rma);
  assert.equal(onFile[0].totalMinor, 14_850);

  // The slip: shop, order, RMA, a Code 128 barcode and the items.
  await page.getByRole('button', { name: 'Return slip' }).click();
  await page.getByRole('heading', { name: 'Return slip' }).waitFor();
  const slip = page.locator('.ac-slip');
  const text = await slip.textContent();
  for (const expected of ['Fixture Lab', `Order ${number}`, rma, 'Trail Jacket', 'Qty 1', "Doesn't fit: Too small", 'Camp Mug', 'Arrived damaged']) {
    assert.ok(text.includes(expected), `${expected} in ${text}`);
  }
  const barcode = slip.getByRole('img', { name: `Return number ${rma}` });
  assert.match(await barcode.locator('path').getAttribute('d'), /^M10 0h2v50h-2zM13 0h1v50h-1z/);
  await page.getByRole('button', { name: 'Print slip' }).waitFor();
  // In print, the slip stands alone: the buttons and the host page go.
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => {
    const host = document.querySelector('[data-ac-print]');
    const actions = host.shadowRoot.querySelector('.ac-slip .ac-no-print');
    return {
      heading: getComputedStyle(document.querySelector('h1')).visibility,
      actions: getComputedStyle(actions).display,
    };
  });
  assert.deepEqual(printed, { heading: 'hidden', actions: 'none' });
  await page.emulateMedia({ media: 'screen' });

  // Back on the order: the return with its status, the slip again, and
  // the second jacket can still go back.
  await page.getByRole('button', { name: 'Back to your order' }).click();
  await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
  assert.equal(await page.locator('[data-ac-print]').count(), 0);
  const row = page.locator('.ac-row', { hasText: rma });
  await row.waitFor();
  assert.match(await row.textContent(), /Return requested/);
  await row.getByRole('button', { name: `Return slip, ${rma}` }).click();
  await page.getByRole('heading', { name: 'Return slip' }).waitFor();
  await page.getByRole('button', { name: 'Back to your order' }).click();
  await page.getByRole('button', { name: 'Start a return' }).waitFor();
  assert.deepEqual(page.errors.filter((e) => !e.includes('ERR_FAILED')), []);
  await page.context().close();
});

test('an order with nothing to return says why, item by item', async () => {
  // Demo order #1001 has not shipped: no "Start a return", each item's reason.
  const page = await openPage(browser);
  await page.goto(`${EDGE}/`);
  await lookUp(page, '1001', 'astrid@example.com');
  await page.getByRole('heading', { name: 'Order #1001' }).waitFor();
  await page.getByText('Nothing in this order can be returned right now.').waitFor();
  const reasons = await page.locator('.ac-card', { hasText: 'Returns' }).textContent();
  assert.match(reasons, /hasn't shipped yet/);
  assert.match(reasons, /Final-sale items can't be returned/);
  assert.equal(await page.getByRole('button', { name: 'Start a return' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
