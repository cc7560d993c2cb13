import { expect, Page } from '@playwright/test';

/**
 * Console errors that are not React development warnings: the stock
 * Backstage dev build logs about ten `Warning:` lines from its own components.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error' && !message.text().startsWith('Warning:')) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', error => errors.push(error.message));
  return errors;
}

export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

export function screenshotPath(name: string) {
  return `screenshots/${name}.png`;
}
