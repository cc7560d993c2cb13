import { expect, test } from '@playwright/test';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';

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

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();

  await page.getByRole('button', { name: 'component' }).click();
  await page.getByRole('option', { name: 'Domain' }).click();
  await page.getByRole('menuitem', { name: /^All/ }).click();

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
