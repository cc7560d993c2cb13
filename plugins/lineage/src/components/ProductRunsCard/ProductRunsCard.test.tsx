import {
  formatTime,
  OPENLINEAGE_JOBS_ANNOTATION,
} from '@meshwork/plugin-data-products-common';
import type { Entity } from '@backstage/catalog-model';
import { act, fireEvent, screen, within } from '@testing-library/react';
import type { LineageApi } from '../../api';
import {
  completedRun,
  failedRun,
  fakeLineageApi,
  graphWithOrderLinesJob,
  ORDER_LINES_JOB_ID,
  ORDERS_ID,
  ORDERS_JOB_ID,
  ordersProduct,
  ordersRunsApi,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { ProductRunsCard } from './ProductRunsCard';
import {
  EntityPageSwitching,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';

const renderCard = (
  overrides: Partial<LineageApi> = {},
  entity: Entity = ordersProduct,
) =>
  renderLineage(<ProductRunsCard />, {
    entity,
    lineageApi: fakeLineageApi({ ...ordersRunsApi, ...overrides }),
  });

/** The orders product naming jobs in its annotation, one a line. */
const ordersNaming = (...jobs: string[]): Entity => ({
  ...ordersProduct,
  metadata: {
    ...ordersProduct.metadata,
    annotations: { [OPENLINEAGE_JOBS_ANNOTATION]: jobs.join('\n') },
  },
});

/** A daily export the orders product names: no port tells of it. */
const SYNC = 'meshwork-retail.airflow:orders.braze_sync';
const SYNC_JOB_ID = `job:${SYNC}`;
/** The export's last run, after orders_etl's. */
const syncRun = {
  ...completedRun,
  runId: 'c4d5e6f7-3333-4444-8555-666677778888',
  startedAt: '2026-03-02T06:00:00.000Z',
  endedAt: '2026-03-02T06:01:00.000Z',
  firstEventAt: '2026-03-02T06:00:00.000Z',
};
const NEVER_SEEN = 'meshwork-retail.airflow:orders.never_run';

/** As the lineage client throws the backend's 404. */
const notFound = () =>
  Object.assign(new Error('No job'), { response: { status: 404 } });

/**
 * The card on orders' page, then, once "Open next" is clicked, on `next`'s:
 * an entity page reused, as when following a link or after a refresh.
 */
const renderSwitching = (next: Entity, overrides: Partial<LineageApi>) =>
  renderLineage(
    <EntityPageSwitching first={ordersProduct} next={next}>
      <ProductRunsCard />
    </EntityPageSwitching>,
    { lineageApi: fakeLineageApi({ ...ordersRunsApi, ...overrides }) },
  );

describe('ProductRunsCard', () => {
  it('lists the runs of the jobs writing the output ports, newest first', async () => {
    const asked: Array<[string, number]> = [];
    await renderCard({
      runs: async (id, limit) => {
        asked.push([id, limit]);
        return ordersRunsApi.runs(id, limit);
      },
      writes: async (entityRef, limit) => {
        asked.push([entityRef, limit]);
        return ordersRunsApi.writes(entityRef, limit);
      },
    });

    const table = await screen.findByRole('table', { name: 'Recent runs' });
    expect(
      screen.getByRole('heading', { name: 'Recent runs' }),
    ).toBeInTheDocument();
    expect(asked).toEqual(
      expect.arrayContaining([
        [ORDERS_JOB_ID, 15],
        ['dataproduct:default/orders', 15],
      ]),
    );
    const [, failed, complete] = within(table).getAllByRole('row');
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    expect(failed).toHaveAttribute('data-state', 'FAIL');
    const f = within(failed);
    expect(f.getByText('fail')).toBeInTheDocument();
    // Read as well as seen: the status light hides all inside it.
    expect(f.getByRole('cell', { name: /^fail / })).toBeInTheDocument();
    expect(
      f.getByText('relation "raw.carts" does not exist'),
    ).toBeInTheDocument();
    expect(f.getByText('orders_etl')).toBeInTheDocument();
    expect(f.getByText(formatTime(failedRun.startedAt!))).toBeInTheDocument();
    expect(f.getByText('3m 10s')).toBeInTheDocument();

    expect(complete).toHaveAttribute('data-state', 'COMPLETE');
    const c = within(complete);
    expect(c.getByText('complete')).toBeInTheDocument();
    expect(c.getByRole('cell', { name: 'complete' })).toBeInTheDocument();
    expect(c.getByText(formatTime(completedRun.endedAt!))).toBeInTheDocument();
    expect(c.getByText('12m')).toBeInTheDocument();
    expect(c.getByText('12,345')).toBeInTheDocument();
  });

  it("shows the newest 15 runs of all the ports' jobs", async () => {
    // Ten runs of each job, an hour apart, order_lines_etl's the later.
    const runsOf = (job: string, fromHour: number) =>
      Array.from({ length: 10 }, (_, i) => {
        const at = new Date(
          Date.UTC(2026, 2, 1, fromHour + 9 - i),
        ).toISOString();
        return {
          ...completedRun,
          runId: `${job}-${i}`,
          startedAt: at,
          endedAt: at,
          firstEventAt: at,
        };
      });
    await renderCard({
      graph: graphWithOrderLinesJob,
      runs: async id =>
        id === ORDER_LINES_JOB_ID ? runsOf('lines', 10) : runsOf('orders', 0),
    });
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(15);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[1].textContent),
    ).toEqual([
      ...Array(10).fill('order_lines_etl'),
      ...Array(5).fill('orders_etl'),
    ]);
  });

  it('shows the rows each run wrote by its run id, not by its end time', async () => {
    await renderCard({
      writes: async entityRef => ({
        entityRef,
        outputPorts: [
          {
            ...ordersProduct.spec.outputPorts[0],
            writes: [
              // Another job's run that ended at the same moment.
              {
                runId: 'b7e2c1d0-2222-4333-8444-555566667777',
                endedAt: completedRun.endedAt!,
                rowCount: 999,
              },
              // A producer's clock ahead: the write counts as received.
              {
                runId: completedRun.runId,
                endedAt: new Date(
                  Date.parse(completedRun.endedAt!) - 60_000,
                ).toISOString(),
                rowCount: 12_345,
              },
            ],
          },
        ],
      }),
    });
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    const complete = within(table)
      .getAllByRole('row')
      .find(row => row.getAttribute('data-state') === 'COMPLETE')!;
    expect(within(complete).getByText('12,345')).toBeInTheDocument();
    expect(within(table).queryByText('999')).not.toBeInTheDocument();
  });

  it('warns in its row of a run whose lineage is incomplete', async () => {
    await renderCard({
      runs: async () => [
        failedRun,
        {
          ...completedRun,
          facets: {
            extractionError: {
              totalTasks: 3,
              failedTasks: 1,
              errors: [
                {
                  errorMessage: '<b>unsupported</b> MERGE syntax',
                  task: 'MERGE INTO mart.orders USING staging.orders',
                },
              ],
            },
          },
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    const [, failed, complete] = within(table).getAllByRole('row');
    const c = within(complete);
    expect(
      c.getByText('Lineage incomplete: 1 of 3 statements could not be parsed'),
    ).toBeInTheDocument();
    // The producer's text as text, never as markup.
    expect(c.getByText('<b>unsupported</b> MERGE syntax')).toBeInTheDocument();
    expect(complete.querySelector('b')).toBeNull();
    expect(
      c.getByText('MERGE INTO mart.orders USING staging.orders'),
    ).toBeInTheDocument();
    expect(within(failed).queryByText(/Lineage incomplete/)).toBeNull();
  });

  it('shows a running run without end, duration or rows', async () => {
    await renderCard({
      runs: async () => [
        {
          runId: '5d1e0c2b-aaaa-4bbb-8ccc-ddddeeeeffff',
          state: 'RUNNING',
          firstEventAt: '2026-03-02T05:00:00.000Z',
          facets: {},
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    const [, running] = within(table).getAllByRole('row');
    expect(within(running).getByText('running')).toBeInTheDocument();
    expect(
      within(running).getByText(formatTime('2026-03-02T05:00:00.000Z')),
    ).toBeInTheDocument();
    expect(within(running).getAllByText('—')).toHaveLength(3);
  });

  it('shows no start nor duration for a run reported by its end alone', async () => {
    const endedAt = '2026-03-02T05:00:00.000Z';
    await renderCard({
      runs: async () => [
        {
          runId: '5d1e0c2b-aaaa-4bbb-8ccc-ddddeeeeffff',
          state: 'COMPLETE',
          firstEventAt: endedAt,
          endedAt,
          facets: {},
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    const [, run] = within(table).getAllByRole('row');
    expect(
      within(run)
        .getAllByRole('cell')
        .slice(2, 5)
        .map(cell => cell.textContent),
    ).toEqual(['—', formatTime(endedAt), '—']);
  });

  it('lists the runs of the ports seen, passing over one no event has mentioned', async () => {
    await renderCard({
      graph: async (root, query) => {
        if (root !== ORDERS_ID) {
          // As the lineage client throws the backend's 404.
          throw Object.assign(new Error('No dataset'), {
            response: { status: 404 },
          });
        }
        return ordersRunsApi.graph(root, query);
      },
    });
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });

  it("shows no other product's runs while this one's load", async () => {
    const { released, release } = releasable();
    await renderSwitching(
      { ...ordersProduct, metadata: { name: 'revenue', namespace: 'default' } },
      {
        writes: async (entityRef, limit) => {
          if (entityRef === 'dataproduct:default/revenue') await released;
          return ordersRunsApi.writes(entityRef, limit);
        },
        runs: async (id, limit) =>
          (await ordersRunsApi.runs(id, limit)).slice(0, 1),
      },
    );
    expect(await screen.findByText('fail')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Open next' }));
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText('fail')).not.toBeInTheDocument();

    await act(async () => release());
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });

  it('loads the runs again when the output ports change', async () => {
    const { released, release } = releasable();
    let changed = false;
    await renderSwitching(
      {
        ...ordersProduct,
        spec: {
          ...ordersProduct.spec,
          outputPorts: [ordersProduct.spec.outputPorts[1]],
        },
      },
      {
        graph: async (root, query) => {
          if (changed) await released;
          return graphWithOrderLinesJob(root, query);
        },
        runs: async id =>
          id === ORDER_LINES_JOB_ID ? [completedRun] : [failedRun],
      },
    );
    expect(await screen.findByText('fail')).toBeInTheDocument();

    changed = true;
    fireEvent.click(screen.getByRole('button', { name: 'Open next' }));
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    await act(async () => release());
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    const [, run] = within(table).getAllByRole('row');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(run).getByText('order_lines_etl')).toBeInTheDocument();
  });

  it("lists the runs of a named DAG's tasks as its tasks'", async () => {
    const dag = 'meshwork-retail.airflow:exports_dag';
    const failedTask = {
      ...syncRun,
      state: 'FAIL',
      childJob: {
        id: 'job:meshwork-retail.airflow:exports_dag.sync',
        namespace: 'meshwork-retail.airflow',
        name: 'exports_dag.sync',
      },
    };
    await renderCard(
      {
        runs: async (id, limit, options) => {
          if (id !== `job:${dag}`) return ordersRunsApi.runs(id, limit);
          return options?.children ? [failedTask] : [];
        },
      },
      ordersNaming(dag),
    );
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    const [, task] = within(table).getAllByRole('row');
    expect(task).toHaveAttribute('data-state', 'FAIL');
    expect(within(task).getAllByRole('cell')[1].textContent).toBe(
      'exports_dag.synca task of exports_dag, named by the product',
    );
  });

  it('lists the runs of the jobs the product names, newest first', async () => {
    const asked: Array<[string, number]> = [];
    await renderCard(
      {
        runs: async (id, limit) => {
          asked.push([id, limit]);
          return id === SYNC_JOB_ID ? [syncRun] : ordersRunsApi.runs(id, limit);
        },
      },
      ordersNaming(SYNC),
    );

    const table = await screen.findByRole('table', { name: 'Recent runs' });
    expect(asked).toEqual(expect.arrayContaining([[SYNC_JOB_ID, 15]]));
    const [, sync, failed, complete] = within(table).getAllByRole('row');
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(sync).toHaveAttribute('data-state', 'COMPLETE');
    // Job, started, ended, duration, rows written: it writes no port.
    expect(
      within(sync)
        .getAllByRole('cell')
        .slice(1)
        .map(cell => cell.textContent),
    ).toEqual([
      'orders.braze_syncnamed by the product',
      formatTime(syncRun.startedAt),
      formatTime(syncRun.endedAt),
      '1m',
      '—',
    ]);
    for (const row of [failed, complete]) {
      expect(within(row).getByText('orders_etl')).toBeInTheDocument();
      expect(within(row).queryByText('named by the product')).toBeNull();
    }
  });

  it('passes over a named job no event has mentioned', async () => {
    await renderCard(
      {
        runs: async (id, limit) => {
          if (id === `job:${NEVER_SEEN}`) throw notFound();
          return id === SYNC_JOB_ID ? [syncRun] : ordersRunsApi.runs(id, limit);
        },
      },
      ordersNaming(NEVER_SEEN, SYNC),
    );
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).getByText('orders.braze_sync')).toBeInTheDocument();
    expect(within(table).queryByText('orders.never_run')).toBeNull();
  });

  it('lists a named job writing a port once, as its writer', async () => {
    const asked: string[] = [];
    await renderCard(
      {
        runs: async (id, limit) => {
          asked.push(id);
          return id === SYNC_JOB_ID ? [syncRun] : ordersRunsApi.runs(id, limit);
        },
      },
      ordersNaming('airflow:orders_etl', SYNC),
    );
    const table = await screen.findByRole('table', { name: 'Recent runs' });
    expect(asked.filter(id => id === ORDERS_JOB_ID)).toHaveLength(1);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[1].textContent),
    ).toEqual([
      'orders.braze_syncnamed by the product',
      'orders_etl',
      'orders_etl',
    ]);
  });

  it('says when no run has been reported', async () => {
    await renderCard({ runs: async () => [] });
    expect(
      await screen.findByText(
        "No runs of this product's jobs have been reported.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it.each([
    [
      'writes',
      {
        writes: async () => {
          throw new Error('Lineage store unavailable');
        },
      },
    ],
    [
      "a port's graph",
      {
        graph: async () => {
          throw new Error('Lineage store unavailable');
        },
      },
    ],
    [
      "a named job's runs",
      {
        runs: async (id: string, limit: number) => {
          if (id === SYNC_JOB_ID) throw new Error('Lineage store unavailable');
          return ordersRunsApi.runs(id, limit);
        },
      },
    ],
  ])(
    'shows the error when the runs cannot be loaded (%s)',
    async (_what, api) => {
      await renderCard(api, ordersNaming(SYNC));
      expect(
        (await screen.findAllByText(/Lineage store unavailable/)).length,
      ).toBeGreaterThan(0);
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
    },
  );
});
