// The engagement slot in headless Chromium against the real edge: which
// prompt an order gets, a review written with the keyboard, NPS, a
// dismissal that sticks, the referral link copied and shared, a
// recommendation followed, and the prompts in Swedish.
//
// The scheduler remembers every shopper across their orders (one new
// prompt per visit-day), so each test makes its own orders for a fresh
// shopper: shop `lab` (review coupon THANKS10, recommendations for
// lab-tent, a thank-you line; tests/e2e-seed.sql) and shop `refs`
// (referrals and loyalty).
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

const DAY = 86_400_000;
const SECRETS = { lab: 'lab-shopify-secret', refs: 'refs-shopify-secret' };

/** A fresh shopper's order of one product: delivered `deliveredDaysAgo`
 * days ago, or in transit when that is null. */
async function order({ shop = 'lab', product, title = 'Trail Stove', deliveredDaysAgo }) {
  const url = new URL('../../shared/tests/fixtures/shopify/order.json', import.meta.url);
  const { order } = JSON.parse(await readFile(url, 'utf8'));
  const n = Date.now() * 10 + Math.floor(Math.random() * 10);
  order.id = n;
  order.name = `#EB${n}`;
  order.order_number = `EB${n}`;
  order.email = `engaged${n}@example.com`;
  order.line_items = [{ ...order.line_items[0], id: n + 2, title, product_id: product ?? `wb-${n}`, price: '80.00' }];
  const delivered = deliveredDaysAgo != null;
  Object.assign(order.fulfillments[0], {
    id: n + 1,
    order_id: n,
    status: 'success',
    shipment_status: delivered ? 'delivered' : 'in_transit',
    tracking_number: `EB${n}`,
    tracking_numbers: [`EB${n}`],
    updated_at: new Date(Date.now() - (delivered ? deliveredDaysAgo : 1) * DAY).toISOString(),
    line_items: order.line_items.map((item) => ({ ...item })),
  });
  const raw = JSON.stringify(order);
  const response = await fetch(`${EDGE}/v1/webhooks/${shop}/shopify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-event-id': randomUUID(),
      'x-shopify-hmac-sha256': createHmac('sha256', SECRETS[shop]).update(raw).digest('base64'),
    },
    body: raw,
  });
  assert.equal(response.status, 200, await response.text());
  return { shop, number: order.name, email: order.email, title };
}

/** The shopper's token and order id, as the API hands them out. */
async function session({ shop, number, email }) {
  const response = await fetch(`${EDGE}/v1/shops/${shop}/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderNumber: number, email }),
  });
  const body = await response.text();
  assert.equal(response.status, 200, body);
  const { token, order } = JSON.parse(body);
  const call = (path, init = {}) =>
    fetch(`${EDGE}/v1/shops/${shop}/orders/${order.id}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
  return { order, call };
}

/** The review of `orderId` in the merchant's moderation queue. */
async function pendingReview(shop, orderId) {
  let query = '';
  for (;;) {
    const response = await fetch(`${EDGE}/v1/admin/shops/${shop}/reviews?status=pending${query}`, {
      headers: { authorization: `Bearer ${shop}-admin-key` },
    });
    const { reviews, nextCursor } = await response.json();
    const found = reviews.find((review) => review.orderId === orderId);
    if (found || !nextCursor) return found;
    query = `&cursor=${encodeURIComponent(nextCursor)}`;
  }
}

/** A page of `shop`'s store with the one-tag embed, every prompt event it
 * sends recorded in `page.events` as `kind:action`. */
async function openShop(shop, options) {
  const page = await openPage(browser, options);
  page.events = [];
  // Answers the browser logs as console errors, as `METHOD path status`.
  page.failed = [];
  page.on('response', (response) => {
    if (response.status() >= 400) {
      const { pathname } = new URL(response.url());
      page.failed.push(`${response.request().method()} ${pathname} ${response.status()}`);
    }
  });
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/engagement/events')) {
      const { prompt, action } = JSON.parse(request.postData());
      page.events.push(`${prompt.kind}:${action}`);
    }
  });
  await page.route(`${EDGE}/${shop}-store`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><body><h1>Shop</h1><div style="min-height:480px">' +
        `<script src="/widget.js" data-shop="${shop}" async></script></div><footer>Below</footer></body></html>`,
    }),
  );
  await page.goto(`${EDGE}/${shop}-store`);
  return page;
}

/** Looks the order up and waits until the engagement view has arrived. */
async function openOrder(page, { number, email }) {
  const engagement = page.waitForResponse((r) => r.url().includes('/engagement?'));
  await lookUp(page, number, email);
  await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
  assert.equal((await engagement).status(), 200);
}

/** `refs` runs no online returns: the returns card's request gets 404
 * (and the browser logs it). Nothing else may fail. */
function onlyReturnsMissing(page, orderId) {
  assert.deepEqual(page.failed, [`GET /v1/shops/refs/orders/${orderId}/returns 404`]);
  assert.deepEqual(page.errors.filter((e) => !e.includes('status of 404')), []);
}

/** Resolves once the page has sent `kind:action` and heard back. */
function sent(page, kind, action) {
  return page.waitForResponse((r) => {
    if (!r.url().endsWith('/engagement/events')) return false;
    const body = JSON.parse(r.request().postData());
    return body.prompt.kind === kind && body.action === action;
  });
}

const card = (page) => page.locator('section.ac-engage');
const focusedText = (page) =>
  page.locator('.ac-root').evaluate((root) => root.getRootNode().activeElement?.textContent.trim());

test('ten days after delivery the shopper is asked for a review; two days after, thanked instead', async () => {
  const due = await order({ deliveredDaysAgo: 10, title: 'Summit Stove' });
  const page = await openShop('lab');
  const shown = sent(page, 'reviewRequest', 'shown');
  await openOrder(page, due);
  const prompt = card(page);
  await prompt.getByRole('heading', { name: 'How do you like Summit Stove?' }).waitFor();
  // The coupon is promised before any star is chosen, the same for all.
  assert.equal(
    (await prompt.locator('.ac-notice').textContent()).trim(),
    'Every review earns 10% off your next order, whatever your rating.',
  );
  const stars = prompt.getByRole('radiogroup', { name: 'Your rating' });
  assert.deepEqual(
    await stars.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.labels[0].textContent.trim())),
    ['1 star', '2 stars', '3 stars', '4 stars', '5 stars'],
  );
  assert.equal((await shown).status(), 204);
  // Below the order, after the items.
  assert.equal(
    await page.locator('.ac-contents').evaluate((contents) => {
      const cards = [...contents.children];
      const items = cards.findIndex((c) => c.textContent.includes('Items'));
      return cards.indexOf(contents.querySelector('.ac-engage')) > items;
    }),
    true,
  );
  await page.context().close();

  const fresh = await order({ deliveredDaysAgo: 2 });
  const second = await openShop('lab');
  const thanked = sent(second, 'thankYou', 'shown');
  await openOrder(second, fresh);
  const thanks = card(second);
  await thanks.getByRole('heading', { name: 'Your order has arrived, Bob. Thank you for shopping with us!' }).waitFor();
  assert.match(await thanks.textContent(), /Thanks from the lab!/);
  assert.equal(await second.getByRole('radiogroup').count(), 0);
  assert.equal(await second.getByText(/How do you like/).count(), 0);
  await thanked;
  // Closing it is a dismissal.
  const dismissed = sent(second, 'thankYou', 'dismissed');
  await thanks.getByRole('button', { name: 'Close' }).click();
  assert.equal((await dismissed).status(), 204);
  assert.equal(await card(second).count(), 0);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(second.errors, []);
  assert.deepEqual(second.events, ['thankYou:shown', 'thankYou:dismissed']);
  await second.context().close();
});

test('a review is written with the keyboard alone and answered with the coupon', async () => {
  const due = await order({ deliveredDaysAgo: 10, title: 'Ridge Tarp' });
  const page = await openShop('lab');
  await openOrder(page, due);
  const prompt = card(page);
  const send = prompt.getByRole('button', { name: 'Send' });
  await send.waitFor();

  // Nothing chosen yet: the rating is asked for, inline.
  await send.click();
  await prompt.getByRole('alert').filter({ hasText: 'Choose a rating from 1 to 5 stars.' }).waitFor();

  // Into the stars with Tab, then Space and the arrow keys, as in any radio group.
  await prompt.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.locator('.ac-root').evaluate((root) => root.getRootNode().activeElement.name), 'ac-rating');
  await page.keyboard.press('Space');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  assert.equal(await prompt.getByRole('radio', { name: '4 stars' }).isChecked(), true);
  assert.equal(await prompt.getByRole('radio', { name: '5 stars' }).isChecked(), false);
  // The focused star is outlined; four stars are filled, the fifth is not.
  const look = await prompt.locator('.ac-stars .ac-choice').evaluateAll((labels) =>
    labels.map((label) => ({
      outline: getComputedStyle(label).outlineStyle,
      star: getComputedStyle(label.querySelector('span'), '::before').color,
    })),
  );
  assert.deepEqual(look.map((l) => l.outline), ['none', 'none', 'none', 'solid', 'none']);
  assert.equal(new Set(look.slice(0, 4).map((l) => l.star)).size, 1);
  assert.notEqual(look[4].star, look[0].star);

  await page.keyboard.press('Tab');
  await page.keyboard.type('Light and quick to pitch');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kept two of us dry through a night of rain.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('http://example.com/tarp.jpg');
  await page.keyboard.press('Enter');
  const photo = prompt.getByLabel('Link to a photo (optional, https://…)');
  await prompt.getByRole('alert').filter({ hasText: 'The photo link must be a web address starting with https://.' }).waitFor();
  assert.equal(await photo.getAttribute('aria-invalid'), 'true');
  assert.equal(await photo.evaluate((input) => input.getRootNode().activeElement === input), true);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('https://example.com/tarp.jpg');
  const posted = page.waitForRequest((r) => r.url().endsWith('/reviews') && r.method() === 'POST');
  await page.keyboard.press('Enter');
  const { order: view } = await session(due);
  assert.deepEqual(JSON.parse((await posted).postData()), {
    lineItemId: view.lineItems[0].id,
    rating: 4,
    title: 'Light and quick to pitch',
    body: 'Kept two of us dry through a night of rain.',
    photoUrl: 'https://example.com/tarp.jpg',
  });

  // The receipt: thanks, moderation ahead, the coupon; focus on the thanks.
  await prompt.getByRole('status').filter({ hasText: 'Thank you for your review!' }).waitFor();
  assert.match(await prompt.textContent(), /We'll publish it after a quick check\..*Your code for next time\s*THANKS10/);
  assert.equal(await focusedText(page), 'Thank you for your review!');

  // The merchant's queue has it, as written.
  const mine = await pendingReview('lab', view.id);
  assert.ok(mine, 'the review is in the moderation queue');
  assert.equal(mine.rating, 4);
  assert.equal(mine.photoUrl, 'https://example.com/tarp.jpg');
  assert.equal(mine.coupon, 'THANKS10');
  // Closing an answered card is not a dismissal.
  await prompt.getByRole('button', { name: 'Close' }).click();
  assert.equal(await card(page).count(), 0);
  assert.deepEqual(page.events, ['reviewRequest:shown']);

  // Answered: the next visit is not asked again.
  await page.reload();
  await openOrder(page, due);
  assert.equal(await card(page).count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a review already written in another tab is acknowledged, not duplicated', async () => {
  const due = await order({ deliveredDaysAgo: 10 });
  const page = await openShop('lab');
  await openOrder(page, due);
  const prompt = card(page);
  await prompt.getByRole('radio', { name: '5 stars' }).check();
  await prompt.getByLabel('Title').fill('Great');
  await prompt.getByLabel('Your review').fill('Does what it says.');
  // Meanwhile the same review arrives from elsewhere.
  const { order: view, call } = await session(due);
  const first = await call('/reviews', {
    method: 'POST',
    body: JSON.stringify({ lineItemId: view.lineItems[0].id, rating: 5, title: 'Great', body: 'Elsewhere.' }),
  });
  assert.equal(first.status, 201);
  await prompt.getByRole('button', { name: 'Send' }).click();
  await prompt.getByRole('status').filter({ hasText: 'You have already reviewed this item. Thank you!' }).waitFor();
  assert.equal(await prompt.locator('form').isHidden(), true);
  // The browser logs the 409 it was answered; nothing else.
  assert.deepEqual(page.errors.filter((e) => !e.includes('409')), []);
  await page.context().close();
});

test('"Not now" dismisses a prompt for good: a reload does not bring it back', async () => {
  const due = await order({ deliveredDaysAgo: 10 });
  const page = await openShop('lab');
  await openOrder(page, due);
  await card(page).getByRole('heading', { name: /How do you like/ }).waitFor();
  const dismissed = sent(page, 'reviewRequest', 'dismissed');
  await card(page).getByRole('button', { name: 'Not now' }).click();
  assert.equal((await dismissed).status(), 204);
  assert.equal(await card(page).count(), 0);

  await page.reload();
  await openOrder(page, due);
  assert.equal(await card(page).count(), 0);
  // The server agrees: nothing for this order now.
  const { call } = await session(due);
  assert.equal((await (await call('/engagement?lang=en')).json()).prompt, null);
  assert.deepEqual(page.events, ['reviewRequest:shown', 'reviewRequest:dismissed']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an NPS score is picked from 0 to 10 with a comment', async () => {
  // Four days after delivery: past the thank-you, before the review.
  const due = await order({ deliveredDaysAgo: 4 });
  const page = await openShop('lab');
  await openOrder(page, due);
  const prompt = card(page);
  const scale = prompt.getByRole('radiogroup', { name: 'How likely are you to recommend Fixture Lab to a friend?' });
  await scale.waitFor();
  assert.equal(await scale.getByRole('radio').count(), 11);
  assert.equal(await scale.getAttribute('aria-describedby'), 'ac-nps-ends');
  await prompt.getByRole('button', { name: 'Send' }).click();
  await prompt.getByRole('alert').filter({ hasText: 'Choose a score from 0 to 10.' }).waitFor();
  await scale.getByRole('radio', { name: '7', exact: true }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await scale.getByRole('radio', { name: '9', exact: true }).isChecked(), true);
  await prompt.getByLabel('What is the main reason for your score? (optional)').fill('Fast and friendly.');
  await prompt.getByRole('button', { name: 'Send' }).click();
  await prompt.getByRole('status').filter({ hasText: 'Thank you for your answer!' }).waitFor();
  // Once per order: the server has it.
  const { call } = await session(due);
  const again = await call('/nps', { method: 'POST', body: JSON.stringify({ score: 1 }) });
  assert.equal(again.status, 409);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the referral link copies to the clipboard and shares, with the loyalty standing', async () => {
  // Five days after delivery at a shop with referrals; the survey, due
  // first, was answered already.
  const due = await order({ shop: 'refs', deliveredDaysAgo: 5 });
  const { order: view, call } = await session(due);
  assert.equal((await call('/nps', { method: 'POST', body: JSON.stringify({ score: 10 }) })).status, 201);
  const rewards = await (await call('/rewards')).json();
  assert.ok(rewards.referral, JSON.stringify(rewards));

  const page = await openShop('refs');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: EDGE });
  // A browser with a share sheet; what it is handed is kept.
  await page.addInitScript(() => {
    navigator.share = async (data) => {
      window.__shared = data;
    };
  });
  await page.reload();
  await openOrder(page, due);
  const prompt = card(page);
  await prompt.getByRole('heading', { name: 'Give your friends 15% off' }).waitFor();
  assert.match(await prompt.textContent(), /When a friend places their first order, you get 500 points\./);
  assert.equal((await prompt.locator('.ac-code').textContent()).trim(), rewards.referral.code);
  const link = prompt.getByLabel('Your link');
  assert.equal(await link.inputValue(), rewards.referral.shareUrl);
  assert.match(rewards.referral.shareUrl, new RegExp(`/r/${rewards.referral.code}$`));
  // Loyalty: the points this order earned, the tier and the way to the next.
  const { balance, tier, nextTier, pointsToNext, progressPercent } = rewards.loyalty;
  const points = (n) => new Intl.NumberFormat('en').format(n);
  assert.ok(balance > 0 && tier && nextTier, JSON.stringify(rewards.loyalty));
  const toGo = `${points(pointsToNext)} more points to ${nextTier}`;
  assert.equal(
    (await prompt.locator('.ac-loyalty').textContent()).replace(/\s+/g, ' '),
    `You have ${points(balance)} pointsYour level: ${tier}${toGo}`,
  );
  const bar = prompt.getByRole('progressbar', { name: toGo });
  assert.equal(await bar.getAttribute('value'), String(progressPercent));

  const answered = sent(page, 'referralOffer', 'answered');
  await prompt.getByRole('button', { name: 'Copy link' }).click();
  await prompt.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), rewards.referral.shareUrl);
  assert.equal((await answered).status(), 204);

  await prompt.getByRole('button', { name: 'Share' }).click();
  await page.waitForFunction(() => window.__shared);
  assert.deepEqual(await page.evaluate(() => window.__shared), { url: rewards.referral.shareUrl });
  // Answered once, however often it is copied or shared.
  assert.deepEqual(page.events, ['referralOffer:shown', 'referralOffer:answered']);
  onlyReturnsMissing(page, view.id);
  await page.context().close();
});

test('without a clipboard, the link is selected for the shopper to copy', async () => {
  const due = await order({ shop: 'refs', deliveredDaysAgo: 5 });
  const { order: view, call } = await session(due);
  assert.equal((await call('/nps', { method: 'POST', body: JSON.stringify({ score: 8 }) })).status, 201);
  const page = await openShop('refs');
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined });
  });
  await page.reload();
  await openOrder(page, due);
  const prompt = card(page);
  await prompt.getByRole('button', { name: 'Copy link' }).click();
  await prompt.getByRole('status').filter({ hasText: 'The link is selected' }).waitFor();
  const selected = await prompt.getByLabel('Your link').evaluate((input) => ({
    focused: input.getRootNode().activeElement === input,
    selection: input.value.slice(input.selectionStart, input.selectionEnd),
    value: input.value,
  }));
  assert.equal(selected.focused, true);
  assert.equal(selected.selection, selected.value);
  // Nothing was copied, so nothing was answered; there is no share sheet.
  assert.deepEqual(page.events, ['referralOffer:shown']);
  assert.equal(await prompt.getByRole('button', { name: 'Share' }).count(), 0);
  onlyReturnsMissing(page, view.id);
  await page.context().close();
});

test('recommendations scroll sideways, and following one answers the prompt', async () => {
  const transit = await order({ product: 'lab-tent', title: 'Lab Tent', deliveredDaysAgo: null });
  const page = await openShop('lab', { width: 360 });
  // The shop's product pages, opened in a new tab.
  await page.context().route('https://lab.example/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Product</title>' }));
  await openOrder(page, transit);
  const prompt = card(page);
  await prompt.getByRole('heading', { name: 'You might also like' }).waitFor();
  const products = prompt.getByRole('link');
  assert.deepEqual(
    (await products.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
    ['Footprint$39.00', 'Stakes$19.00'],
  );
  assert.equal(await products.first().getAttribute('href'), 'https://lab.example/footprint');
  // In transit: no discount code yet.
  assert.equal(await prompt.locator('.ac-notice').count(), 0);
  // The row scrolls inside the card; the page itself does not get wider.
  const layout = await prompt.locator('.ac-carousel').evaluate((row) => ({
    snap: getComputedStyle(row).scrollSnapType,
    overflow: getComputedStyle(row).overflowX,
    pageWider: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  }));
  assert.deepEqual(layout, { snap: 'x mandatory', overflow: 'auto', pageWider: false });

  const answered = sent(page, 'recommendations', 'answered');
  const opened = page.context().waitForEvent('page');
  await products.first().focus();
  await page.keyboard.press('Enter');
  await (await opened).close();
  assert.equal((await answered).status(), 204);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the prompts speak the shopper\'s language', async () => {
  const due = await order({ deliveredDaysAgo: 10, title: 'Fjällkök' });
  const page = await openShop('lab', { locale: 'sv-SE' });
  await page.getByLabel('Ordernummer').fill(due.number);
  await page.getByLabel('E-postadress').fill(due.email);
  await page.getByRole('button', { name: 'Hitta min beställning' }).click();
  const prompt = card(page);
  await prompt.getByRole('heading', { name: 'Vad tycker du om Fjällkök?' }).waitFor();
  // Intl writes the percent the Swedish way, with a no-break space.
  assert.equal(
    (await prompt.locator('.ac-notice').textContent()).trim(),
    'Varje omdöme ger 10\u00a0% rabatt på nästa köp, oavsett betyg.',
  );
  await prompt.getByRole('radiogroup', { name: 'Ditt betyg' }).getByRole('radio', { name: '3 stjärnor' }).waitFor();
  await prompt.getByRole('button', { name: 'Skicka' }).click();
  await prompt.getByRole('alert').filter({ hasText: 'Välj ett betyg från 1 till 5 stjärnor.' }).waitFor();
  await prompt.getByRole('button', { name: 'Inte nu' }).waitFor();
  assert.equal(await prompt.getByRole('button', { name: 'Stäng' }).count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
