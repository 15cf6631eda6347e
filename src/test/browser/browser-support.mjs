// What the browser checks run by io.ordersync.ops.AdminConsoleBrowserIT share: reading their environment, reporting
// (OK lines on stdout, one FAIL line on stderr and exit code 1), a watchdog so a check never hangs a build, Debian's
// chromium started headless (playwright never downloads a browser here), and screenshots under $SCREENSHOT_DIR.
//
// Environment read here: SCREENSHOT_DIR (default: target), CHROMIUM_PATH (default: /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Reports the failed check and ends the process with exit code 1. */
export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

export function ok(message) {
  console.log(`OK: ${message}`);
}

/** The environment variable, else the fallback; neither set (or empty): the check fails. */
export function env(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (value === undefined || value === '') fail(`environment variable ${name} is not set`);
  return value;
}

/** Fails the check after the given seconds, whatever it is waiting for. */
export function watchdog(seconds) {
  const timer = setTimeout(() => fail(`timed out after ${seconds} s`), seconds * 1000);
  timer.unref();
}

/** Debian's chromium (CHROMIUM_PATH), headless, without background traffic. */
export async function launchChromium() {
  const executablePath = env('CHROMIUM_PATH', '/usr/bin/chromium');
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  }).catch(e => fail(`cannot start ${executablePath}: ${e.message}`));
}

/**
 * shot(name) saves $SCREENSHOT_DIR/<prefix>-<name>.png of the page (options as Playwright's page.screenshot takes
 * them, e.g. fullPage); shot.path(name) is that file.
 */
export function screenshots(page, prefix, options = {}) {
  const dir = env('SCREENSHOT_DIR', 'target');
  mkdirSync(dir, { recursive: true });
  const path = name => join(dir, `${prefix}-${name}.png`);
  const shot = name => page.screenshot({ ...options, path: path(name) });
  shot.path = path;
  return shot;
}

/** A check threw while doing step: a screenshot of where it was, then FAIL with the step, the error and the page. */
export async function failAt(step, error, page, shot) {
  await shot('failure').catch(() => {});
  fail(`${step}: ${error.message.split('\n')[0]} (page ${page.url()}, screenshot ${shot.path('failure')})`);
}
