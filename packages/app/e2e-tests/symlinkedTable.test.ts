import { expect, test } from '@playwright/test';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';
import { reloadUntil } from './reloadUntil';

// The example mesh's Spark job writes the carrier invoice lines by their
// files' path, naming the Hive table in a `symlinks` facet; the shipping
// costs build reads the table by its Hive name.
const HIVE_TABLE = 'logistics.carrier_invoice_lines';
const HIVE_ID = `dataset:hive://hive-metastore.meshwork-retail.example:9083:${HIVE_TABLE}`;
const FILES = 'warehouse/logistics.db/carrier_invoice_lines';

test('a table Spark writes by path and others read by its Hive name is one node, with both names, the writer, the schema and the column lineage of both', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await page.goto(`/lineage?node=${encodeURIComponent(HIVE_ID)}`);

  const graph = page.getByRole('figure', { name: 'Lineage graph' });
  const table = graph.getByRole('button', { name: `Dataset ${HIVE_TABLE}` });
  await reloadUntil(
    page,
    async () => {
      await expect(table).toBeVisible({ timeout: 10_000 });
    },
    120_000,
  );
  // One node for both names: its files are not drawn apart.
  await expect(
    graph.locator(
      `[data-kind="dataset"][data-node-id*="carrier_invoice_lines"]`,
    ),
  ).toHaveCount(1);
  // Written by the Spark job, read by the build.
  await expect(
    graph.getByRole('button', {
      name: /^Job carrier_invoices_ingest\.execute_insert_into_hadoop_fs_relation_command\./,
    }),
  ).toBeVisible();
  await expect(
    graph.getByRole('button', { name: /^Job shipping-costs\.build/ }),
  ).toBeVisible();

  await table.click();
  const details = page.getByRole('region', {
    name: `Details of ${HIVE_TABLE}`,
  });
  await expect(details.getByRole('list', { name: 'Also known as' })).toHaveText(
    `${FILES} in s3://meshwork-retail-lake`,
  );
  // The Spark job's writes and schema, reported under the files' path.
  await expect(details).toContainText(`reported under ${FILES}`);
  await expect(details).toContainText(/Last written .* by a completed run/);
  const schema = details.getByRole('table', { name: 'Schema' });
  await expect(
    schema.getByRole('row').filter({ hasText: 'charge_gbp' }),
  ).toContainText('decimal(12,2)');
  await page.screenshot({
    path: screenshotPath('lineage-symlinked-table'),
    fullPage: true,
  });

  // Spark tells the columns' sources under the path; the build tells its
  // columns' under the Hive name: the card shows both.
  await page.getByLabel('Column', { exact: true }).click();
  await page.getByRole('option', { name: 'invoice_id', exact: true }).click();
  const upstream = page.getByRole('table', {
    name: 'Derived from (upstream of invoice_id)',
  });
  await expect(upstream).toContainText('carriers/invoices');
  await expect(upstream).toContainText('invoice_number');
  await expect(
    page.getByRole('table', { name: 'Used by (downstream of invoice_id)' }),
  ).toContainText('ANALYTICS.LOGISTICS.SHIPPING_COSTS');
  expect(consoleErrors).toEqual([]);
});
