// Hostile text in every field the order page shows renders inert, and the
// demo store runs the widget under a strict Content-Security-Policy (issue
// 11's XSS and CSP suites), in headless Chromium against the real edge.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { EDGE, launch, lookUp, openPage, shopifyWebhook } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Each would run script if it reached the DOM as markup or as a link. */
const HOSTILE = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '</script><script>window.__xss=(window.__xss||0)+1</script>',
  '"><svg onload="window.__xss=(window.__xss||0)+1">',
  '\u202Egpj.exe\u202C <b>bold</b>',
];

/** A demo-shop order whose every shown field is hostile. */
async function hostileOrder() {
  const url = new URL('../../shared/tests/fixtures/shopify/order.json', import.meta.url);
  const { order } = JSON.parse(await readFile(url, 'utf8'));
  const n = Date.now() * 10 + Math.floor(Math.random() * 10);
  order.id = n;
  order.name = `#X${n}`;
  order.order_number = `X${n}`;
  order.email = `hostile${n}@example.com`;
  order.customer.first_name = HOSTILE[0];
  order.billing_address.first_name = HOSTILE[0];
  order.line_items.forEach((item, i) => {
    item.title = HOSTILE[i % HOSTILE.length];
    item.name = HOSTILE[i % HOSTILE.length];
    item.variant_title = HOSTILE[(i + 1) % HOSTILE.length];
  });
  const fulfillment = order.fulfillments[0];
  Object.assign(fulfillment, {
    id: n + 1,
    order_id: n,
    status: 'success',
    shipment_status: 'in_transit',
    tracking_company: HOSTILE[2],
    tracking_number: `X${n}`,
    tracking_numbers: [`X${n}`],
    tracking_url: 'javascript:window.__xss=(window.__xss||0)+1',
    tracking_urls: ['javascript:window.__xss=(window.__xss||0)+1'],
    updated_at: new Date().toISOString(),
  });
  await shopifyWebhook('orders/create', order);
  // The carrier's own words, from AfterShip: a checkpoint's message and place.
  const tracking = JSON.parse(await readFile(
    new URL('../../shared/tests/fixtures/aftership/in_transit.json', import.meta.url), 'utf8',
  )).data.tracking;
  tracking.tracking_number = `X${n}`;
  tracking.checkpoints = tracking.checkpoints.map((checkpoint, i) => ({
    ...checkpoint,
    message: HOSTILE[(i + 1) % HOSTILE.length],
    city: HOSTILE[i % HOSTILE.length],
    checkpoint_time: new Date(Date.now() - (10 - i) * 3_600_000).toISOString().slice(0, 19),
  }));
  const raw = JSON.stringify({ event: 'tracking_update', event_id: `as-${n}`, msg: tracking, ts: 1 });
  const { createHmac } = await import('node:crypto');
  const response = await fetch(`${EDGE}/v1/webhooks/demo/aftership`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'aftership-hmac-sha256': createHmac('sha256', 'demo-webhook-secret').update(raw).digest('base64'),
    },
    body: raw,
  });
  assert.equal(response.status, 200, await response.text());
  return { number: order.name, email: order.email };
}

test('hostile text in an order renders as text and runs nothing', async () => {
  const { number, email } = await hostileOrder();
  const page = await openPage(browser);
  await page.goto(`${EDGE}/`);
  await lookUp(page, number, email);
  await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
  // Let any injected handler have its chance.
  await page.waitForTimeout(300);

  const found = await page.locator('.ac-root').evaluate((root) => {
    const shadow = root.getRootNode();
    return {
      text: shadow.textContent,
      images: shadow.querySelectorAll('img[src="x"], svg[onload], script').length,
      handlers: [...shadow.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      scriptLinks: [...shadow.querySelectorAll('a[href]')]
        .filter((a) => !/^https:/i.test(a.getAttribute('href'))).map((a) => a.getAttribute('href')),
    };
  });
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no injected script ran');
  assert.equal(found.images, 0, 'no element came from the hostile markup');
  assert.equal(found.handlers, 0, 'no inline event handler in the widget');
  assert.deepEqual(found.scriptLinks, [], 'only https links');
  // The words are there, as words.
  assert.ok(found.text.includes('<img src=x onerror='), 'item title shown literally');
  assert.ok(found.text.includes('</script><script>'), 'second title shown literally');
  assert.ok(found.text.includes('"><svg onload='), 'carrier and checkpoint shown literally');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the demo store runs the widget under a strict Content-Security-Policy', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(`${EDGE}/`);
  const policy = response.headers()['content-security-policy'] ?? '';
  const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
  assert.match(scriptSrc, /'wasm-unsafe-eval'/, policy);
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'/, policy);
  assert.match(policy, /object-src 'none'/);
  assert.match(policy, /base-uri 'none'/);

  await lookUp(page, '1007', 'maja@example.com');
  await page.getByRole('heading', { name: 'Order #1007' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  // The policy is live: a script the page injects inline does not run.
  // (Playwright's own evaluate is exempt from CSP, so eval is not tried
  // from here; the header above has no 'unsafe-eval'.)
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  assert.equal((await page.evaluate(() => window.__violations)).length > 0, true);
  await page.context().close();
});
