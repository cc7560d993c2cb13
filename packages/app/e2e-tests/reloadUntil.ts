import { expect, Page } from '@playwright/test';

/**
 * Reloads the page until `check` passes: what the backends build after
 * start-up (catalog, search index, lineage, scorecards) appears in its time.
 */
export async function reloadUntil(
  page: Page,
  check: () => Promise<unknown>,
  timeout: number,
) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout });
}
