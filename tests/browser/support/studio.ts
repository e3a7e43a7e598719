import type { Page } from 'playwright-core';

/** Signs in through the login page the browser is on. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Opens the login page, signs in and waits for the studio shell. */
export async function signInToStudio(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
  await signIn(page, username, password);
  await page.getByTestId('user-menu').waitFor();
}

/** The labels of the side menu, top to bottom. */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.locator('.ant-pro-sider .ant-menu-item');
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((t) => t.trim());
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').hover();
  const item = page.getByRole('menuitem', { name: '退出登录' });
  // Under load the hover menu may still be sliding in when the pointer reaches it, and the
  // header or a fixed table column then takes the click: the item's own click event is enough.
  await item.click({ timeout: 5000 }).catch(() => item.dispatchEvent('click'));
  // The shell may reach the login page first with ?redirect= back to where the user was.
  await page.waitForURL(/\/login(\?redirect=[^&]*)?$/);
}

/** The console line Chromium writes for an HTTP error answer (see watchForErrors). */
export const httpError = (status: number, text: string, path: string) =>
  `console: Failed to load resource: the server responded with a status of ${status} (${text}) (${path})`;
