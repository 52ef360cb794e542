// Shared set-up for the browser tests: headless Chromium from Debian via
// playwright-core, and direct writes to the edge's local D1.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\``);
  }
  return value;
}

export const EDGE = required('AFTERCART_EDGE_URL');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.AFTERCART_CHROMIUM || '/usr/bin/chromium',
    // The machine has no outside network; these keep Chromium from trying.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser, { locale = 'en-US', width = 420, height = 900 } = {}) {
  const context = await browser.newContext({ locale, viewport: { width, height } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(msg.text());
  });
  return page;
}

/** Runs SQL against the running edge's local D1 (the same SQLite file). */
export async function d1(sql) {
  const { stdout } = await run(
    required('AFTERCART_NODE'),
    [
      required('AFTERCART_WRANGLER'),
      'd1', 'execute', 'DB', '--local',
      '--persist-to', required('AFTERCART_PERSIST_DIR'),
      '--command', sql,
    ],
    { cwd: required('AFTERCART_EDGE_DIR'), env: process.env, timeout: 60_000 },
  );
  return stdout;
}

/** POSTs a signed Shopify webhook for the demo shop, as Shopify would. */
export async function shopifyWebhook(topic, body) {
  const { createHmac, randomUUID } = await import('node:crypto');
  const raw = JSON.stringify(body);
  const signature = createHmac('sha256', 'demo-webhook-secret').update(raw).digest('base64');
  const response = await fetch(`${EDGE}/v1/webhooks/demo/shopify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-event-id': randomUUID(),
      'x-shopify-hmac-sha256': signature,
    },
    body: raw,
  });
  if (!response.ok) throw new Error(`webhook ${topic}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Shopify's real fixture order, made unique and sent to the demo shop. */
export async function freshShopifyOrder({ shipmentStatus }) {
  const { readFile } = await import('node:fs/promises');
  const url = new URL('../../shared/tests/fixtures/shopify/order.json', import.meta.url);
  const { order } = JSON.parse(await readFile(url, 'utf8'));
  const n = Date.now() * 10 + Math.floor(Math.random() * 10);
  order.id = n;
  order.name = `#B${n}`;
  order.order_number = `B${n}`;
  order.email = `browser${n}@example.com`;
  const fulfillment = order.fulfillments[0];
  fulfillment.id = n + 1;
  fulfillment.order_id = n;
  fulfillment.status = 'success';
  fulfillment.shipment_status = shipmentStatus;
  fulfillment.tracking_number = `BR${n}`;
  fulfillment.tracking_numbers = [`BR${n}`];
  fulfillment.updated_at = new Date().toISOString();
  await shopifyWebhook('orders/create', order);
  return { order, number: order.name, email: order.email };
}

/** Fills the lookup form as a shopper would and submits it. */
export async function lookUp(page, number, email) {
  await page.getByLabel('Order number').fill(number);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Find my order' }).click();
}
