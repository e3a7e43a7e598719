import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../support/process';

export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Collects what a page reports as broken: console errors and uncaught exceptions. Chromium logs
 * every HTTP error answer as a console error; those carry the path they came from.
 */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const from = msg.text().startsWith('Failed to load resource') ? msg.location().url : '';
    errors.push(`console: ${msg.text()}${from ? ` (${new URL(from).pathname})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A request still in flight when the test navigates on is cancelled, not broken.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    errors.push(`requestfailed: ${req.url()} (${req.failure()?.errorText ?? ''})`);
  });
  return errors;
}

/**
 * Saves the whole page. Playwright's own fullPage capture shrinks the window to 1×1 for a moment,
 * which trips antd's responsive breakpoints (the side menu collapses in the picture); growing the
 * viewport to the page's height first gives the layout a user would see.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const viewport = page.viewportSize();
  // Strings, not functions: the tests compile without the DOM library.
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  const grow = viewport && height > viewport.height;
  if (grow) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.evaluate('new Promise((done) => requestAnimationFrame(done))');
  }
  await page.screenshot({ path: file });
  if (grow) await page.setViewportSize(viewport);
  return file;
}
