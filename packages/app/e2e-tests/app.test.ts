import { expect, test } from '@playwright/test';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';
import { openCatalogKind } from './openCatalogKind';
import { reloadUntil } from './reloadUntil';

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

test('Home opens on where to begin in the mesh, not an empty widget editor', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Home', exact: true })
    // Not the logo, also labelled Home (it leads to the landing catalog).
    .filter({ hasText: 'Home' })
    .click();

  await expect(
    page.getByRole('heading', { name: 'Welcome to Meshwork' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'on-call finder' }),
  ).toBeVisible();
  await expect(page.getByText('No widgets added')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('home'), fullPage: true });

  await page.getByRole('link', { name: 'explorer', exact: true }).click();
  await expect(page).toHaveURL(/\/data-products(\/explorer)?$/);
  expect(consoleErrors).toEqual([]);
});

test('the Catalog Graph opens on every domain with its data products', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog Graph', exact: true })
    .click();

  await expect(page).toHaveURL(/rootEntityRefs/);
  const graph = page.locator('svg').filter({ hasText: 'Marketing' }).first();
  // Products are linked to their domains once the catalog has processed them.
  await reloadUntil(
    page,
    () =>
      expect(graph).toContainText('Campaign Performance', { timeout: 5_000 }),
    120_000,
  );
  for (const domain of EXAMPLE_DOMAINS) {
    await expect(graph.getByText(domain, { exact: true })).toBeVisible();
  }
  await page.screenshot({
    path: screenshotPath('catalog-graph'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test("a domain's page shows its data products, not empty systems and subdomains cards", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openCatalogKind(page, 'Domain');
  await page.getByRole('link', { name: 'Marketing', exact: true }).click();

  // Every other card of the page has loaded.
  await expect(
    page.getByRole('heading', { name: 'Data products by team', level: 2 }),
  ).toBeVisible();
  await expect(page.getByText('Relations', { exact: true })).toBeVisible();
  await expect(page.getByText('About', { exact: true })).toBeVisible();
  await expect(page.getByText('Has systems')).toHaveCount(0);
  await expect(page.getByText('Has subdomains')).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('domain-page'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});
