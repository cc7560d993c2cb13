import { expect, Locator, Page, test } from '@playwright/test';
import {
  collectConsoleErrors,
  screenshotPath,
  signInAsGuest,
} from './signInAsGuest';
import { reloadUntil } from './reloadUntil';

/** The "N nodes, M edges" line above a lineage graph, as numbers. */
async function graphSize(page: Page) {
  const text = await page.getByText(/^\d+ nodes?, \d+ edges?$/).textContent();
  const [nodes, edges] = (text ?? '').match(/\d+/g)!.map(Number);
  return { nodes, edges };
}

const graphNode = (page: Page, name: string) =>
  page.locator('.react-flow__node').filter({ hasText: name });

/** Opens a product's page once lineage has loaded the example events. */
async function openProduct(page: Page, name: string, tab = '') {
  await expect(async () => {
    await page.goto(`/catalog/default/dataproduct/${name}${tab}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
}

async function pick(page: Page, control: Locator, option: string) {
  await control.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * The nodes not wholly inside the graph's pane, and whether the pane's
 * bottom is below the window's: empty once the graph is fitted to a pane in
 * view (the fit animates, so poll it).
 */
async function outOfView(page: Page) {
  return page.getByRole('figure', { name: 'Lineage graph' }).evaluate(pane => {
    const box = pane.getBoundingClientRect();
    const outside = [...pane.querySelectorAll('.react-flow__node')]
      .filter(node => {
        const r = node.getBoundingClientRect();
        return (
          r.left < box.left - 1 ||
          r.right > box.right + 1 ||
          r.top < box.top - 1 ||
          r.bottom > box.bottom + 1
        );
      })
      .map(node => node.getAttribute('data-id'));
    return box.bottom > window.innerHeight
      ? [...outside, 'the pane’s bottom']
      : outside;
  });
}

/** The graph's zoom, its node count and the ids of the nodes wholly in its pane. */
async function view(page: Page) {
  return page.getByRole('figure', { name: 'Lineage graph' }).evaluate(pane => {
    const box = pane.getBoundingClientRect();
    const nodes = [...pane.querySelectorAll('.react-flow__node')];
    const transform =
      pane.querySelector<HTMLElement>('.react-flow__viewport')?.style
        .transform ?? '';
    return {
      zoom: Number(transform.match(/scale\(([\d.]+)\)/)?.[1]),
      nodes: nodes.length,
      inView: nodes
        .filter(node => {
          const r = node.getBoundingClientRect();
          return (
            r.left >= box.left - 1 &&
            r.right <= box.right + 1 &&
            r.top >= box.top - 1 &&
            r.bottom <= box.bottom + 1
          );
        })
        .map(node => node.getAttribute('data-id')!),
    };
  });
}

test('the Lineage tab draws where a product’s data comes from and goes to, and its controls change the graph', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openProduct(page, 'daily-revenue', '/lineage');

  // Its own job and dataset, an upstream product's dataset and a consumer's job.
  await reloadUntil(
    page,
    async () => {
      await expect(graphNode(page, 'daily-revenue.build')).toBeVisible({
        timeout: 10_000,
      });
    },
    120_000,
  );
  await expect(
    graphNode(page, 'ANALYTICS.FINANCE.DAILY_REVENUE'),
  ).toContainText('Daily Revenue');
  await expect(graphNode(page, 'analytics.checkout.order_lines')).toContainText(
    'Orders',
  );
  await expect(graphNode(page, 'finance-reporting.build')).toBeVisible();
  const atDepth2 = await graphSize(page);
  await page.screenshot({
    path: screenshotPath('lineage-graph'),
    fullPage: true,
  });

  // Its job read the first orders table until two months ago: history,
  // drawn only when asked for.
  const retired = graphNode(page, 'analytics.checkout.orders_v1');
  await expect(retired).toHaveCount(0);
  const history = page.getByRole('checkbox', {
    name: 'Show edges no longer seen',
  });
  await history.check();
  await expect(retired).toBeVisible();
  await expect
    .poll(async () => (await graphSize(page)).nodes)
    .toBe(atDepth2.nodes + 1);
  await history.uncheck();
  await expect(retired).toHaveCount(0);

  // Upstream depth counts jobs: at 1, only the inputs of daily-revenue.build.
  await expect(graphNode(page, 'orders.build')).toBeVisible();
  await pick(page, page.getByRole('button', { name: /^Upstream depth/ }), '1');
  await expect
    .poll(async () => (await graphSize(page)).nodes)
    .toBeLessThan(atDepth2.nodes);
  await expect(graphNode(page, 'orders.build')).toHaveCount(0);
  await expect(graphNode(page, 'analytics.checkout.order_lines')).toBeVisible();

  await pick(
    page,
    page.getByRole('button', { name: /^Downstream depth/ }),
    '0',
  );
  await expect(graphNode(page, 'finance-reporting.build')).toHaveCount(0);
  await pick(
    page,
    page.getByRole('button', { name: /^Downstream depth/ }),
    '1',
  );
  await expect(graphNode(page, 'finance-reporting.build')).toBeVisible();

  // Its job and Finance Reporting's are tasks of one Airflow DAG.
  const grouping = page.getByRole('checkbox', {
    name: 'Group tasks by parent job',
  });
  await expect(grouping).not.toBeChecked();
  await grouping.check();
  await expect(page.getByLabel('Job finance-daily-dag')).toContainText(
    '2 tasks',
  );
  await expect(graphNode(page, 'daily-revenue.build')).toHaveCount(0);
  await expect(graphNode(page, 'finance-reporting.build')).toHaveCount(0);
  await grouping.uncheck();
  await expect(graphNode(page, 'daily-revenue.build')).toBeVisible();

  await page.getByRole('button', { name: 'Data products' }).click();
  await expect(page.getByLabel('Data product Orders')).toBeVisible();
  await expect(page.getByLabel('Data product Finance Reporting')).toBeVisible();
  await expect(graphNode(page, 'daily-revenue.build')).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('lineage-products'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('at 1280 by 800, the lineage graph opens fitted whole when it reads so, else readable around its start, and refits when it changes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  const paneWarnings: string[] = [];
  page.on('console', message => {
    if (/React Flow/.test(message.text())) paneWarnings.push(message.text());
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAsGuest(page);
  await openProduct(page, 'orders', '/lineage');
  // Orders' graph at depth 2 is eleven columns wide: fitted whole, its
  // labels were 4 px high. It opens at a readable zoom around its ports.
  await reloadUntil(
    page,
    async () => {
      await expect(graphNode(page, 'checkout-events.build')).toBeAttached({
        timeout: 10_000,
      });
    },
    120_000,
  );
  expect((await graphSize(page)).nodes).toBeGreaterThan(20);
  const ports = [
    'dataset:postgres://warehouse.meshwork-retail.example:5432:analytics.checkout.orders',
    'dataset:postgres://warehouse.meshwork-retail.example:5432:analytics.checkout.order_lines',
  ];
  // Read once it has settled: the ports come into view while the view is
  // still moving to its readable zoom.
  await expect
    .poll(async () => {
      const { inView, zoom } = await view(page);
      return {
        ports: inView.filter(id => ports.includes(id)),
        readable: zoom >= 0.69,
      };
    })
    .toEqual({ ports, readable: true });
  const opened = await view(page);
  expect(opened.zoom).toBeGreaterThanOrEqual(0.69);
  expect(opened.inView.length).toBeLessThan(opened.nodes);

  // The fit control still shows it whole.
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect.poll(() => outOfView(page)).toEqual([]);

  // Its own job and what that reads: small enough to read whole.
  await pick(page, page.getByRole('button', { name: /^Upstream depth/ }), '1');
  await pick(
    page,
    page.getByRole('button', { name: /^Downstream depth/ }),
    '0',
  );
  await expect(graphNode(page, 'checkout-events.build')).toHaveCount(0);
  await expect.poll(() => outOfView(page)).toEqual([]);
  expect((await view(page)).zoom).toBeGreaterThanOrEqual(0.69);

  const orders =
    'dataset:postgres://warehouse.meshwork-retail.example:5432:analytics.checkout.orders';
  await expect(async () => {
    await page.goto(`/lineage?node=${encodeURIComponent(orders)}&up=1&down=0`);
    await expect(graphNode(page, 'orders.build')).toBeAttached({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
  await expect.poll(() => outOfView(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath('lineage-fitted-1280') });
  expect(paneWarnings).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a parent job opened by name draws what its tasks read and write, grouped under it', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  const dag = 'job:meshwork-retail.airflow:finance-daily-dag';
  await page.goto(`/lineage?node=${encodeURIComponent(dag)}`);

  // The DAG's runs have no inputs or outputs: what it shows is its tasks'.
  await reloadUntil(
    page,
    async () => {
      await expect(page.getByLabel('Job finance-daily-dag')).toContainText(
        '2 tasks',
        { timeout: 10_000 },
      );
    },
    120_000,
  );
  await expect(
    graphNode(page, 'ANALYTICS.FINANCE.DAILY_REVENUE'),
  ).toContainText('Daily Revenue');
  await expect(graphNode(page, 'analytics.checkout.order_lines')).toBeVisible();
  await expect(graphNode(page, 'daily-revenue.build')).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('lineage-parent-job'),
    fullPage: true,
  });

  const grouping = page.getByRole('checkbox', {
    name: 'Group tasks by parent job',
  });
  await expect(grouping).toBeChecked();
  await grouping.uncheck();
  await expect(graphNode(page, 'daily-revenue.build')).toBeVisible();
  await expect(graphNode(page, 'finance-reporting.build')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('the Lineage page labels a job a product names in its annotation, writing no port, with the product', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  // Writes a Braze cohort, outside the mesh: only the annotation tells.
  const sync =
    'job:meshwork-retail.airflow:marketing-campaign-audiences.audience_sync';
  await page.goto(`/lineage?node=${encodeURIComponent(sync)}`);
  await reloadUntil(
    page,
    async () => {
      await expect(
        page.getByLabel(
          /^Job \S*audience_sync, Marketing Campaign Audiences \(data product\)$/,
        ),
      ).toBeVisible({ timeout: 10_000 });
    },
    120_000,
  );
  expect(consoleErrors).toEqual([]);
});

test('column lineage shows the upstream columns a column derives from', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openProduct(page, 'daily-revenue', '/lineage');

  await reloadUntil(
    page,
    async () => {
      await page
        .getByLabel('Column', { exact: true })
        .click({ timeout: 10_000 });
      await expect(page.getByRole('option').first()).toBeVisible({
        timeout: 5_000,
      });
    },
    120_000,
  );
  await page
    .getByRole('option', { name: 'CURRENCY_CODE', exact: true })
    .click();
  const upstream = page.getByRole('table', {
    name: 'Derived from (upstream of CURRENCY_CODE)',
  });
  await expect(upstream).toContainText('analytics.checkout.order_lines');
  await expect(upstream).toContainText('currency_code');
  await expect(
    page.getByRole('table', { name: 'Used by (downstream of CURRENCY_CODE)' }),
  ).toContainText('curated/finance/vat_returns');
  await expect(page.getByRole('listbox')).toBeHidden();
  await page.screenshot({
    path: screenshotPath('column-lineage'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('a product page lists who a change would hit, and shows a breaching SLO with its cause', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);
  await openProduct(page, 'orders');

  const impacted = page.getByRole('table', { name: 'Impacted products' });
  await reloadUntil(
    page,
    async () => {
      await expect(impacted).toBeVisible({ timeout: 10_000 });
    },
    120_000,
  );
  // A product's own row, not one reading its table ("… of Daily Revenue"):
  // its first cell, below a wide screen with owner, on-call and what it
  // reads under the name.
  const rowOf = (product: string) =>
    impacted.getByRole('row').filter({
      has: page.getByRole('cell', {
        name: new RegExp(`^${product}\\s*(owner:|$)`),
      }),
    });
  const dailyRevenue = rowOf('Daily Revenue');
  await expect(dailyRevenue).toContainText('finance-data');
  await expect(dailyRevenue).toContainText('#finance-data-oncall');
  await expect(rowOf('Delivery Performance')).toContainText('logistics-data');
  await expect(rowOf('Finance Reporting')).toContainText('of Daily Revenue');
  await page.screenshot({
    path: screenshotPath('impact-analysis'),
    fullPage: true,
  });
  // The latest orders run misses 5% of customer ids: a breach of the
  // product's SLO and of the port's contract, said once with both bounds.
  // Order lines have no customer_id, and no rule of it.
  const ordersSlo = page.getByRole('table', { name: 'SLO status' });
  const qualityRows = ordersSlo.getByRole('row').filter({ hasText: 'quality' });
  const ofPort = (port: string) =>
    qualityRows.filter({
      has: page.getByRole('cell', { name: port, exact: true }),
    });
  await expect(ofPort('orders')).toContainText(
    /customer_id nullRate 0\.0[45]\d* \(must be at most 0\.03, product SLO; less than 0\.03, contract\)/,
  );
  await expect(ofPort('order-lines')).not.toContainText('customer_id');

  await openProduct(page, 'daily-revenue');
  const slo = page.getByRole('table', { name: 'SLO status' });
  await reloadUntil(
    page,
    async () => {
      await expect(
        slo.getByRole('row').filter({ hasText: 'freshness' }),
      ).toContainText('breaching', { timeout: 10_000 });
    },
    120_000,
  );
  await page.screenshot({
    path: screenshotPath('product-slo-breaching'),
    fullPage: true,
  });
  expect(consoleErrors).toEqual([]);
});

test('at a 1024 px wide window, the SLO and impact cards show their tables whole, with nothing past the card’s edge', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1024, height: 800 });
  await signInAsGuest(page);
  // Orders impacts ten products; Daily Revenue breaches an SLO, with a cause.
  for (const product of ['orders', 'daily-revenue']) {
    await openProduct(page, product);
    const tables = [
      page.getByRole('table', { name: 'SLO status' }),
      page.getByRole('table', { name: 'Impacted products' }),
    ];
    await reloadUntil(
      page,
      async () => {
        for (const table of tables) {
          await expect(table).toBeVisible({ timeout: 10_000 });
        }
      },
      120_000,
    );
    for (const table of tables) {
      // The table's container scrolls sideways, with no sign of it, when
      // its columns run past the card.
      const { name, scrollWidth, clientWidth } = await table.evaluate(t => ({
        name: t.getAttribute('aria-label'),
        scrollWidth: t.parentElement!.scrollWidth,
        clientWidth: t.parentElement!.clientWidth,
      }));
      expect(scrollWidth, `${product}: ${name}`).toBeLessThanOrEqual(
        clientWidth,
      );
    }
    await page.screenshot({
      path: screenshotPath(`product-cards-1024-${product}`),
      fullPage: true,
    });
  }
  expect(consoleErrors).toEqual([]);
});
