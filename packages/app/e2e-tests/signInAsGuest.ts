import { expect, Page } from '@playwright/test';

/**
 * The guest is not a catalog entity, so Backstage's own lookups of
 * `user:development/guest` answer 404; that is expected, not a page error.
 */
const GUEST_USER_LOOKUP =
  /\/api\/catalog\/entities\/by-name\/user\/development\/guest/;

/**
 * Console errors that are not React development warnings: the stock
 * Backstage dev build logs about ten `Warning:` lines from its own components.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', message => {
    const url = message.location().url;
    if (
      message.type() !== 'error' ||
      message.text().startsWith('Warning:') ||
      GUEST_USER_LOOKUP.test(url)
    ) {
      return;
    }
    errors.push(`${message.text()} (${url})`);
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
