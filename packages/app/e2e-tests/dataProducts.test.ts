import { expect, test } from '@playwright/test';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';
import { reloadUntil } from './reloadUntil';
import { exampleProductCount } from './exampleProductCount';
import { openCatalogKind } from './openCatalogKind';

test('data products are in the catalog with their owner, domain and upstream products', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openCatalogKind(page, 'DataProduct');

  // Products whose upstreams are not stored yet settle in the next rounds.
  await reloadUntil(
    page,
    async () => {
      await expect(
        page.getByRole('heading', {
          name: `All DataProducts (${exampleProductCount})`,
          level: 2,
        }),
      ).toBeVisible({ timeout: 5_000 });
    },
    120_000,
  );
  await page
    .getByRole('link', { name: 'Customer Lifetime Value', exact: true })
    .click();

  await expect(
    page.getByRole('heading', { name: 'Customer Lifetime Value' }),
  ).toBeVisible();
  // The catalog graph card: product → owner, domain and upstream product.
  const graph = page
    .locator('svg')
    .filter({ hasText: 'customer-lifetime-value' })
    .first();
  await expect(graph).toContainText('customer-data');
  await expect(graph).toContainText('orders');
  await page.screenshot({
    path: screenshotPath('data-product-page'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('searching a contract column finds the product that serves it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await page.goto('/search?query=predicted_clv_12m_gbp');
  // The search index is built shortly after start-up; reload until it is.
  await reloadUntil(
    page,
    async () => {
      await expect(
        page.getByRole('link', { name: /Customer Lifetime Value/ }).first(),
      ).toBeVisible({ timeout: 5_000 });
    },
    150_000,
  );
  await page.screenshot({
    path: screenshotPath('search-column'),
    fullPage: true,
  });
});
