import { expect, test } from '@playwright/test';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';
import { openCatalogKind } from './openCatalogKind';

const EXAMPLE_DOMAINS = [
  'Checkout',
  'Customer',
  'Finance',
  'Logistics',
  'Marketing',
];

test('a guest signs in, opens the catalog and sees the example domains', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);

  await openCatalogKind(page, 'Domain');

  for (const domain of EXAMPLE_DOMAINS) {
    await expect(
      page.getByRole('link', { name: domain, exact: true }),
    ).toBeVisible();
  }
  await page.screenshot({
    path: screenshotPath('catalog-domains'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});
