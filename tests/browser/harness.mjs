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
