import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, type TestContext } from './context.js';

// The browser side of the flows: Chromium as the tests run it, the app served on loopback,
// and the screens people use it on.

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The system's Chromium, headless, as every browser test launches it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Serve the test context's app on a free loopback port; its base URL. */
export async function serveApp(ctx: TestContext): Promise<string> {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
}

export interface Screen {
  context: BrowserContext;
  page: Page;
}

/** A browser window in zh-CN: an office desktop, or a phone (360 px, touch, mobile viewport). */
export async function openScreen(
  browser: Browser,
  kind: 'desktop' | 'phone',
  timeout = 20_000,
): Promise<Screen> {
  const context = await browser.newContext(
    kind === 'desktop'
      ? { locale: 'zh-CN', viewport: { width: 1366, height: 900 } }
      : {
          locale: 'zh-CN',
          viewport: { width: 360, height: 740 },
          isMobile: true,
          hasTouch: true,
        },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  return { context, page };
}

/** Log in with a demo account and wait for the home page. */
export async function logIn(page: Page, base: string, login: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect
    .poll(() => page.getByTestId('welcome-card').isVisible(), { timeout: 20_000 })
    .toBe(true);
}
