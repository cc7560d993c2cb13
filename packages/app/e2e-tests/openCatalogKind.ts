import { Page } from '@playwright/test';

/** Opens the catalog from the sidebar and lists every entity of one kind. */
export async function openCatalogKind(page: Page, kind: string) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  // The catalog lists data products first.
  await page.getByRole('button', { name: 'DataProduct', exact: true }).click();
  await page.getByRole('option', { name: kind }).click();
  await page.getByRole('menuitem', { name: /^All/ }).click();
}
