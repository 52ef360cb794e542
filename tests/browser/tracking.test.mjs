// The shopper's tracking journey on the demo store, in headless Chromium,
// against the real edge and its D1 database.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDGE, d1, launch, lookUp, openPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openStore(options) {
  const page = await openPage(browser, options);
  // Sum the layout shifts the page itself causes (not those after input).
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.__shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${EDGE}/`);
  return page;
}

test('the widget mounts in a shadow root, isolated from the shop, without shifting the page', async () => {
  const page = await openStore();
  const form = page.locator('form.ac-lookup');
  await form.waitFor();

  const placement = await page.evaluate(() => {
    const script = document.querySelector('script[src="/widget.js"]');
    const host = script.nextElementSibling;
    return {
      hasShadow: Boolean(host && host.shadowRoot),
      lightDomForms: document.querySelectorAll('form').length,
      inShadow: Boolean(host.shadowRoot.querySelector('form.ac-lookup')),
    };
  });
  assert.deepEqual(placement, { hasShadow: true, lightDomForms: 0, inShadow: true });

  // The shop hides `.ac-root` and restyles buttons and headings; none of it
  // may reach the widget.
  const inside = await page.locator('.ac-root').evaluate((root) => {
    const button = root.querySelector('button');
    const title = root.querySelector('h2');
    const style = getComputedStyle(button);
    return {
      visible: getComputedStyle(root).display !== 'none',
      buttonFont: style.fontFamily,
      buttonColor: style.color,
      titleTransform: getComputedStyle(title).textTransform,
    };
  });
  assert.equal(inside.visible, true);
  assert.doesNotMatch(inside.buttonFont, /Comic Sans/);
  assert.notEqual(inside.buttonColor, 'rgb(255, 105, 180)');
  assert.notEqual(inside.titleTransform, 'uppercase');

  // And the widget's styles do not reach the shop.
  const shop = await page.evaluate(() => ({
    h1Font: getComputedStyle(document.querySelector('h1')).fontFamily,
    footerAlign: getComputedStyle(document.querySelector('footer')).textAlign,
  }));
  assert.match(shop.h1Font, /Georgia/);
  assert.equal(shop.footerAlign, 'center');

  const shift = await page.evaluate(() => window.__shift);
  assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a shopper sees the status stored in D1, and a changed row shows up', async () => {
  const page = await openStore();
  await lookUp(page, '#1003', 'Ingrid@Example.com');
  await page.getByRole('heading', { name: 'Order #1003' }).waitFor();
  const headline = page.locator('.ac-headline');
  assert.equal((await headline.textContent()).trim(), 'Out for delivery');
  assert.equal(
    (await page.locator('.ac-step[aria-current="step"] .ac-step-label').textContent()).trim(),
    'Out for delivery',
  );
  assert.equal(await page.locator('.ac-root').evaluate(
    (root) => root.getRootNode().activeElement?.textContent.trim(),
  ), 'Order #1003');

  // The carrier delivers: a new checkpoint row lands in D1.
  const now = Math.floor(Date.now() / 1000);
  await d1(
    'INSERT INTO checkpoints (shop_id, order_id, shipment_id, occurred_at, status, raw_status, ' +
      "message, sub_status, location, received_at) VALUES ('demo', 'demo-1003', 'demo-1003-s1', " +
      `${now}, 'Delivered', 'OK', 'Delivered to the front door', NULL, 'Göteborg, SE', ${now})`,
  );

  await page.getByRole('button', { name: 'Look up another order' }).click();
  await lookUp(page, '1003', 'ingrid@example.com');
  await page.getByRole('heading', { name: 'Order #1003' }).waitFor();
  await page.locator('.ac-headline', { hasText: 'Delivered' }).waitFor();
  const latest = page.locator('.ac-checkpoint').first();
  assert.match(await latest.textContent(), /Delivered to the front door/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a wrong email gets the same answer as an unknown order', async () => {
  const page = await openStore();
  await lookUp(page, '1002', 'not-erik@example.com');
  const status = page.locator('form.ac-lookup [role="status"]');
  await status.filter({ hasText: "We couldn't find an order" }).waitFor();
  const wrongEmail = (await status.textContent()).trim();

  await lookUp(page, '424242', 'erik@example.com');
  await page.waitForTimeout(300);
  await status.filter({ hasText: "We couldn't find an order" }).waitFor();
  assert.equal((await status.textContent()).trim(), wrongEmail);
  await page.context().close();
});

test('a delivery exception is shown honestly, and two parcels are both shown', async () => {
  const page = await openStore();
  await lookUp(page, '1006', 'oskar@example.com');
  await page.locator('.ac-headline', { hasText: 'Delivery problem' }).waitFor();
  assert.match(await page.locator('.ac-summary').textContent(), /problem with this delivery/);

  await page.getByRole('button', { name: 'Look up another order' }).click();
  await lookUp(page, '1007', 'maja@example.com');
  await page.getByRole('heading', { name: 'Package 1 of 2' }).waitFor();
  await page.getByRole('heading', { name: 'Package 2 of 2' }).waitFor();
  const statuses = await page.locator('.ac-ship-status').allTextContents();
  assert.deepEqual(statuses.map((s) => s.trim()), ['Delivered', 'In transit']);
  await page.context().close();
});

test('long histories show three updates, then all on request', async () => {
  const page = await openStore();
  await lookUp(page, '1004', 'nils@example.com');
  await page.locator('.ac-headline', { hasText: 'Delivered' }).waitFor();
  const visible = page.locator('.ac-checkpoint:not([hidden])');
  assert.equal(await visible.count(), 3);
  const toggle = page.getByRole('button', { name: 'Show all updates' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await visible.count(), 5);
  assert.equal(
    await page.getByRole('button', { name: 'Show fewer updates' }).getAttribute('aria-expanded'),
    'true',
  );
  await page.context().close();
});

test('the widget speaks the browser language', async () => {
  const page = await openStore({ locale: 'sv-SE' });
  await page.getByRole('heading', { name: 'Spåra din beställning' }).waitFor();
  await page.getByLabel('Ordernummer').fill('1002');
  await page.getByLabel('E-postadress').fill('erik@example.com');
  await page.getByRole('button', { name: 'Hitta min beställning' }).click();
  await page.locator('.ac-headline', { hasText: 'På väg' }).waitFor();
  assert.equal(await page.locator('.ac-root').getAttribute('lang'), 'sv');
  await page.context().close();
});
