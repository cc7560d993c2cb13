import { expect, test } from '@playwright/test';
import { screenshotPath, signInAsGuest } from './signInAsGuest';

// The width the UI is walked at: the catalog's filter column is at its narrowest.
test.use({ viewport: { width: 1280, height: 800 } });

test("the catalog's Owned and Starred filters show their whole labels at 1280 px", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  for (const id of ['owned', 'starred']) {
    const label = page
      .getByTestId(`user-picker-${id}`)
      .locator('.MuiListItemText-root');
    await expect(label).toBeVisible();
    const { clientWidth, scrollWidth } = await label.evaluate(e => ({
      clientWidth: e.clientWidth,
      scrollWidth: e.scrollWidth,
    }));
    expect(scrollWidth, `the ${id} label is cut off`).toBeLessThanOrEqual(
      clientWidth,
    );
  }
});

test("an entity's Relations graph is drawn below its fullscreen button", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await page.goto('/catalog/default/dataproduct/orders');
  const button = page.getByRole('button', { name: 'Toggle fullscreen' });
  const graph = page.locator('svg#dependency-graph');
  await expect(graph).toBeVisible();
  await expect(button).toBeVisible();
  const buttonBox = (await button.boundingBox())!;
  const graphBox = (await graph.boundingBox())!;
  expect(graphBox.y).toBeGreaterThanOrEqual(buttonBox.y + buttonBox.height);
  await page.screenshot({ path: screenshotPath('relations-card') });
});
