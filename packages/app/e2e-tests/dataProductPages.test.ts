import { expect, Page, test } from '@playwright/test';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';
import { reloadUntil } from './reloadUntil';
import { exampleProductCount } from './exampleProductCount';

const sidebar = (page: Page) =>
  page.getByRole('navigation', { name: 'sidebar nav' });

const productRows = (page: Page) =>
  page.getByRole('table', { name: 'Data products' }).locator('tbody tr');

/** Opens the explorer from the sidebar once the catalog holds every example product. */
async function openExplorer(page: Page) {
  await sidebar(page).getByRole('link', { name: 'Data Products' }).click();
  await expect(page).toHaveURL(/\/data-products\/explorer/);
  await reloadUntil(
    page,
    async () => {
      await expect(
        page.getByText(`1-${exampleProductCount} of ${exampleProductCount}`),
      ).toBeVisible({ timeout: 5_000 });
    },
    120_000,
  );
}

test('the explorer filters, searches columns and keeps its state in the URL', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openExplorer(page);
  await expect(productRows(page)).toHaveCount(exampleProductCount);

  await page.getByRole('button', { name: 'Domain All' }).click();
  // Options by title, as the table shows them; the URL keeps the name.
  await page.getByRole('option', { name: 'Checkout', exact: true }).click();
  await expect(page).toHaveURL(/domain=checkout/);
  await expect(productRows(page)).toHaveCount(4);
  await expect(productRows(page).first()).toContainText('Checkout');
  // The checkout products name their team three ways (checkout-data,
  // group:checkout-data, group:default/checkout-data): one owner, listed once.
  await page.getByRole('button', { name: 'Owner All' }).click();
  await expect(page.getByRole('option', { name: /Checkout Data/ })).toHaveText([
    'Checkout Data',
  ]);
  await page.getByRole('option', { name: 'Checkout Data' }).click();
  await expect(page).toHaveURL(/owner=checkout-data/);
  await expect(productRows(page)).toHaveCount(4);

  await page
    .getByRole('textbox', { name: 'Search data products' })
    .fill('voucher_code');
  await expect(page).toHaveURL(/q=voucher_code/);
  await expect(productRows(page)).toHaveCount(1);
  await expect(productRows(page)).toContainText('Orders');
  await page.screenshot({
    path: screenshotPath('explorer-search'),
    fullPage: true,
  });

  // A shared link restores the same view.
  await page.goto(page.url());
  await expect(productRows(page)).toHaveCount(1);
  await expect(
    page.getByRole('textbox', { name: 'Search data products' }),
  ).toHaveValue('voucher_code');

  // Back steps through the views, the search as one step.
  await page.goBack();
  await expect(page).toHaveURL(/domain=checkout&owner=checkout-data$/);
  await expect(productRows(page)).toHaveCount(4);
  await expect(
    page.getByRole('textbox', { name: 'Search data products' }),
  ).toHaveValue('');
  await page.goBack();
  await expect(page).toHaveURL(/explorer\?domain=checkout$/);
  await expect(productRows(page)).toHaveCount(4);
  expect(consoleErrors).toEqual([]);
});

test('the explorer shows measured SLOs and governance levels, and lists the products breaching now', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openExplorer(page);
  // Lineage measures the example events; governance scores every 30 s.
  const dailyRevenue = productRows(page).filter({ hasText: 'Daily Revenue' });
  await reloadUntil(
    page,
    async () => {
      await expect(dailyRevenue).toContainText('Breaching freshness', {
        timeout: 5_000,
      });
      await expect(
        productRows(page).filter({ hasText: 'gold ·' }),
      ).not.toHaveCount(0, {
        timeout: 5_000,
      });
    },
    150_000,
  );

  await page.getByRole('button', { name: 'SLOs All' }).click();
  await page.getByRole('option', { name: 'Breaching now' }).click();
  await expect(page).toHaveURL(/slo=breaching/);
  await expect(dailyRevenue).toHaveCount(1);
  const rows = productRows(page);
  for (const row of await rows.all()) {
    await expect(row).toContainText('Breaching');
    // Words stay whole: Backstage's theme lets table cells break within
    // them, and ten columns squeezed "production" into "producti / on".
    const lifecycle = row.getByRole('cell').nth(5);
    await expect(lifecycle).toHaveText(
      /^(production|experimental|deprecated)$/,
    );
    expect(
      await lifecycle.evaluate(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set(
          [...range.getClientRects()].map(rect => Math.round(rect.top)),
        ).size;
      }),
    ).toBe(1);
  }
  await page.screenshot({
    path: screenshotPath('explorer-breaching-now'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('at 1280 px wide, the explorer shows all ten columns, its words whole', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsGuest(page);
  await openExplorer(page);
  // Daily Revenue breaches its "freshness objective": one chip, once the
  // statuses are read, that on one line pushed Governance past the edge.
  await reloadUntil(
    page,
    async () => {
      await expect(
        productRows(page).filter({ hasText: 'Daily Revenue' }),
      ).toContainText('Breaching freshness', { timeout: 5_000 });
      await expect(
        productRows(page).filter({ hasText: 'gold ·' }),
      ).not.toHaveCount(0, { timeout: 5_000 });
    },
    150_000,
  );
  const table = page.getByRole('table', { name: 'Data products' });
  await expect(table.getByRole('columnheader')).toHaveCount(10);
  // Its container scrolls sideways, with no sign of it, when the columns
  // run past the page.
  const { scrollWidth, clientWidth } = await table.evaluate(t => ({
    scrollWidth: t.parentElement!.scrollWidth,
    clientWidth: t.parentElement!.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  // Lines break between words or after a hyphen, never inside a word.
  const brokenWords = await table.evaluate(t => {
    const broken: string[] = [];
    const texts = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const word of (node as Text).data.matchAll(/[^\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index!);
        range.setEnd(node, word.index! + word[0].length);
        const tops = [...range.getClientRects()].map(r => Math.round(r.top));
        if (new Set(tops).size > 1) broken.push(word[0]);
      }
    }
    return broken;
  });
  expect(brokenWords).toEqual([]);
  await page.screenshot({ path: screenshotPath('explorer-1280') });
  expect(consoleErrors).toEqual([]);
});

test('a product page shows its support card, SLOs and contract', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openExplorer(page);
  await page.getByRole('link', { name: 'Orders', exact: true }).click();

  // Card titles are headings, so that screen readers can jump between them.
  await expect(
    page.getByRole('heading', { name: 'Support', exact: true, level: 2 }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', {
      name: 'https://runbooks.meshwork-retail.example/checkout/orders',
    }),
  ).toBeVisible();
  // The scorecard and impact cards quote the contact too.
  await expect(
    page.getByText(/^On-call: #checkout-data-oncall via /),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Updated within 30 minutes, 99% of the time over the last 7 days.',
    ),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('product-overview'),
    fullPage: true,
  });

  await page.getByRole('link', { name: 'Contracts', exact: true }).click();
  const schema = page.getByRole('table', { name: 'Schema of orders' });
  await expect(schema).toBeVisible();
  await expect(
    schema.getByRole('row', { name: /delivery_postcode/ }),
  ).toContainText('PII');
  await expect(
    page.getByRole('link', { name: /Download YAML/ }).first(),
  ).toHaveAttribute('download', 'orders.odcs.yaml');
  await page.screenshot({
    path: screenshotPath('product-contracts'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('a product page shows its governance scorecard, with what fails and how to fix it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openExplorer(page);
  await page
    .getByRole('link', { name: 'Delivery Performance', exact: true })
    .click();
  // The governance backend scores every product each 30 s.
  await reloadUntil(
    page,
    async () => {
      await expect(page.getByLabel('Level bronze')).toBeVisible({
        timeout: 5_000,
      });
    },
    150_000,
  );
  await expect(page.getByText('Fails: Runbook (warning)')).toBeVisible();
  await expect(page.getByText(/Fix: Add spec\.support\.runbook/)).toBeVisible();
  await page.screenshot({
    path: screenshotPath('product-scorecard'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('a domain page shows its products by team, a team page the products it owns', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openExplorer(page);
  await page.getByRole('tab', { name: 'Domains' }).click();
  const logistics = page.getByRole('row', { name: /Logistics/ });
  await expect(logistics).toContainText('Fulfilment Engineering (3)');
  // Each domain's health: Finance's daily revenue is late in the example.
  const finance = page.getByRole('row', { name: /Finance/ });
  const breaching = finance.getByRole('link', { name: /^[1-9] breaching$/ });
  await reloadUntil(
    page,
    async () => {
      await expect(breaching).toBeVisible({ timeout: 5_000 });
      await expect(finance).toContainText(/Average \d+/, { timeout: 5_000 });
    },
    150_000,
  );
  await page.screenshot({
    path: screenshotPath('domains-overview'),
    fullPage: true,
  });
  await breaching.click();
  await expect(page).toHaveURL(/slo=breaching/);
  const rows = productRows(page);
  await expect(rows.filter({ hasText: 'Daily Revenue' })).toHaveCount(1);
  for (const row of await rows.all()) {
    await expect(row).toContainText('Breaching');
    await expect(row).toContainText('Finance');
  }
  await page.goBack();

  await logistics.getByRole('link', { name: 'Logistics', exact: true }).click();
  const card = page.getByRole('table', { name: 'Data products by team' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('row', { name: /Logistics Data/ })).toContainText(
    'Shipping Costs',
  );
  await expect(card).toContainText('#logistics-data-oncall');
  await page.screenshot({
    path: screenshotPath('domain-page'),
    fullPage: true,
  });

  await card.getByRole('link', { name: 'Fulfilment Engineering' }).click();
  await expect(
    page.getByRole('table', { name: 'Data products owned' }),
  ).toContainText('Warehouse Inventory');
  expect(consoleErrors).toEqual([]);
});

/** Types `text` into the on-call finder, opened from the sidebar. */
async function askOnCall(page: Page, text: string) {
  await signInAsGuest(page);
  await openExplorer(page);
  await sidebar(page).getByRole('link', { name: 'On-call' }).click();
  await page.getByRole('textbox', { name: 'Find on-call' }).fill(text);
}

test('on-call finds the product, team, on-call and runbook of a table in two clicks', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await askOnCall(
    page,
    'postgres://warehouse.meshwork-retail.example:5432/analytics.checkout.orders',
  );
  const answer = page.getByLabel('On-call for orders');
  await expect(answer).toContainText('Checkout Data');
  await expect(answer).toContainText('#checkout-data-oncall');
  await expect(
    answer.getByRole('link', { name: 'Open runbook' }),
  ).toHaveAttribute(
    'href',
    'https://runbooks.meshwork-retail.example/checkout/orders',
  );
  await expect(answer).toContainText('Payment Transactions');
  await expect(answer).toContainText('Daily Revenue');
  // What is broken now (the example's orders fail a null-rate rule), and
  // who a break of the orders port reaches.
  await expect(answer).toContainText(/Breaching [a-z ,]*quality/);
  await expect(answer).toContainText(
    /[2-9] products downstream of port orders/,
  );
  await expect(answer).toContainText(
    'Delivery Performance · Logistics Data · tier 2 · #logistics-data-oncall',
  );
  // The first few downstream products are listed; the rest on request.
  const downstream = answer.getByRole('list').last().getByRole('listitem');
  const more = answer.getByRole('button', { name: /^Show \d+ more$/ });
  const listed = await downstream.count();
  const rest = Number((await more.textContent())?.match(/\d+/)?.[0]);
  await more.click();
  await expect(downstream).toHaveCount(listed + rest);
  await expect(more).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('on-call-finder'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test("on-call finds the products of a failing DAG by the DAG's name, from lineage", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  await askOnCall(page, 'finance-daily-dag');
  await expect(page).toHaveURL(/q=finance-daily-dag/);
  // No product declares the DAG: its tasks write their ports, which lineage
  // knows once the example events are loaded.
  const revenue = page.getByLabel('On-call for daily-revenue');
  await reloadUntil(
    page,
    () => expect(revenue).toBeVisible({ timeout: 10_000 }),
    120_000,
  );
  await expect(revenue).toContainText(
    'job: finance-daily-dag (task daily-revenue.build, port daily-revenue)',
  );
  await expect(revenue).toContainText('#finance-data-oncall');
  await expect(
    revenue.getByRole('link', { name: 'Open runbook' }),
  ).toHaveAttribute(
    'href',
    'https://runbooks.meshwork-retail.example/finance/daily-revenue',
  );
  await expect(page.getByLabel('On-call for finance-reporting')).toContainText(
    'job: finance-daily-dag',
  );
  await page.screenshot({
    path: screenshotPath('on-call-finder-dag'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('on-call finds a product by the export job it names and the table that job writes, and its page lists that job', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  // The Braze sync writes none of the product's ports: only the product's
  // meshwork.dev/openlineage-jobs annotation ties it to the product.
  await askOnCall(page, 'audience_sync');
  const answer = page.getByLabel('On-call for marketing-campaign-audiences');
  await expect(answer).toContainText(
    'job: marketing-campaign-audiences.audience_sync (declared by the product)',
  );
  await expect(answer).toContainText('#marketing-analytics-oncall');
  // And by the Braze cohort it writes.
  await page
    .getByRole('textbox', { name: 'Find on-call' })
    .fill('cohorts/campaign-audiences');
  await expect(answer).toContainText(
    'table: cohorts/campaign-audiences (written by marketing-campaign-audiences.audience_sync, a job the product declares)',
  );
  await page.screenshot({
    path: screenshotPath('on-call-finder-declared-job'),
    fullPage: true,
  });
  await page.goto('/catalog/default/dataproduct/marketing-campaign-audiences');
  await expect(
    page.getByRole('list', { name: 'Jobs it also runs' }),
  ).toContainText('marketing-campaign-audiences.audience_sync');
  await page.screenshot({
    path: screenshotPath('product-declared-jobs'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});
