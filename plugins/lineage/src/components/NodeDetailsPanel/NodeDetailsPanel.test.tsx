import { formatTime } from '@meshwork/plugin-data-products-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import userEvent from '@testing-library/user-event';
import type { LineageApi, Run } from '../../api';
import type { ViewNode } from '../../graph/types';
import {
  completedRun,
  failedRun,
  fakeLineageApi,
  NS,
  ORDERS_ID,
  ORDERS_JOB_ID,
  ordersDetails,
  renderLineage,
} from '../../__testUtils__/fixtures';
import { NodeDetailsPanel } from './NodeDetailsPanel';

const datasetNode: ViewNode = {
  id: ORDERS_ID,
  kind: 'dataset',
  label: 'mart.orders',
  detail: NS,
  product: { entityRef: 'dataproduct:default/orders', title: 'Orders' },
  root: true,
};
const jobNode: ViewNode = {
  id: ORDERS_JOB_ID,
  kind: 'job',
  label: 'orders_etl',
  detail: 'airflow',
  root: false,
};
const productNode: ViewNode = {
  id: 'dataproduct:default/revenue',
  kind: 'product',
  label: 'Revenue',
  detail: 'dataproduct:default/revenue',
  root: false,
};

function renderPanel(
  node: ViewNode,
  api: Partial<LineageApi>,
  props: {
    expanded?: boolean;
    onToggleExpand?: () => void;
    onClose?: () => void;
    lineagePage?: boolean;
    productProblem?: string;
    pageSettings?: string;
  } = {},
) {
  return renderLineage(
    <NodeDetailsPanel
      node={node}
      expanded={props.expanded ?? false}
      onToggleExpand={props.onToggleExpand}
      onClose={props.onClose ?? (() => {})}
      productProblem={props.productProblem}
      pageSettings={props.pageSettings}
    />,
    { lineageApi: fakeLineageApi(api), lineagePage: props.lineagePage },
  );
}

describe('NodeDetailsPanel', () => {
  it('shows a dataset, its product, its schema and links to the lineage page', async () => {
    const user = userEvent.setup();
    const asked: string[] = [];
    const onToggleExpand = jest.fn();
    const onClose = jest.fn();
    await renderPanel(
      datasetNode,
      {
        dataset: async id => {
          asked.push(id);
          return ordersDetails;
        },
      },
      {
        onToggleExpand,
        onClose,
        lineagePage: true,
        pageSettings: 'view=dataset&up=4&down=0&edges=all',
      },
    );

    const panel = screen.getByRole('region', {
      name: 'Details of mart.orders',
    });
    const schema = await within(panel).findByRole('table', { name: 'Schema' });
    expect(asked).toEqual([ORDERS_ID]);
    expect(
      within(schema)
        .getAllByRole('columnheader')
        .map(cell => cell.textContent),
    ).toEqual(['Column', 'Type']);
    expect(
      within(schema)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual(['order_idVARCHAR', 'customer_idBIGINT', 'amount—']);
    expect(within(panel).getByText(`Dataset in ${NS}`)).toBeInTheDocument();
    expect(within(panel).queryByText(/^Dropped/)).not.toBeInTheDocument();
    expect(
      within(panel).getByText(
        `Last written ${formatTime(
          ordersDetails.lastWrite!.endedAt,
        )} by a completed run`,
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(
        `Lineage last reported ${formatTime(ordersDetails.updatedAt)}`,
      ),
    ).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'Orders' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/orders',
    );
    // A link styled as a button, so MUI gives it the button role.
    expect(
      within(panel).getByRole('button', { name: 'Open lineage page' }),
    ).toHaveAttribute(
      'href',
      `/lineage?node=${encodeURIComponent(
        ORDERS_ID,
      )}&view=dataset&up=4&down=0&edges=all`,
    );

    await user.click(
      within(panel).getByRole('button', { name: 'Expand neighbours' }),
    );
    expect(onToggleExpand).toHaveBeenCalledTimes(1);
    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("shows the names a table is also known by, each opening that name, and its primary's data", async () => {
    const hiveId = 'dataset:hive:mart.orders';
    const files = { id: ORDERS_ID, namespace: NS, name: 'mart.orders' };
    const glue = {
      id: 'dataset:glue:orders',
      namespace: 'glue',
      name: 'orders',
    };
    await renderPanel(
      { ...datasetNode, id: hiveId, label: 'mart.orders', detail: 'hive' },
      {
        dataset: async () => ({
          ...ordersDetails,
          id: hiveId,
          namespace: 'hive',
          name: 'mart.orders',
          primary: files,
          alsoKnownAs: [files, glue],
          // The primary's facet names the Hive table asked by, and a name
          // no dataset has yet.
          symlinks: [
            { namespace: 'hive', name: 'mart.orders', type: 'TABLE' },
            { namespace: 'hive', name: 'old.orders', type: 'TABLE' },
          ],
        }),
      },
      { lineagePage: true, pageSettings: 'up=2' },
    );

    const names = await screen.findByRole('list', { name: 'Also known as' });
    expect(
      within(names)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([`mart.orders in ${NS}`, 'orders in glue', 'old.orders in hive']);
    expect(
      within(names)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual(
      [ORDERS_ID, glue.id, 'dataset:hive:old.orders'].map(
        id => `/lineage?node=${encodeURIComponent(id)}&up=2`,
      ),
    );
    expect(
      screen.getByText(
        `Its writes and schema are reported under mart.orders in ${NS}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `Last written ${formatTime(
          ordersDetails.lastWrite!.endedAt,
        )} by a completed run`,
      ),
    ).toBeInTheDocument();
  });

  it('closes on Escape from anywhere in it', async () => {
    const user = userEvent.setup();
    const onClose = jest.fn();
    await renderPanel(
      jobNode,
      { runs: async () => [] },
      { onClose, onToggleExpand: () => {} },
    );
    await screen.findByText('No runs yet.');
    screen.getByRole('button', { name: 'Expand neighbours' }).focus();
    expect(onClose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('takes focus to its heading when asked, and again for the next node', async () => {
    /** A keyboard opening orders_etl, then mart.orders. */
    const Opening = () => {
      const [focusRequest, setFocusRequest] = useState(0);
      return (
        <>
          <button onClick={() => setFocusRequest(n => n + 1)}>Open</button>
          <NodeDetailsPanel
            node={focusRequest < 2 ? jobNode : datasetNode}
            expanded={false}
            onClose={() => {}}
            focusRequest={focusRequest}
          />
        </>
      );
    };
    await renderLineage(<Opening />, {
      lineageApi: fakeLineageApi({
        runs: async () => [],
        dataset: async () => ordersDetails,
      }),
    });
    const heading = screen.getByRole('heading', { name: 'orders_etl' });
    expect(heading).not.toHaveFocus();

    // A plain click, which leaves focus where it is.
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(heading).toHaveFocus();
    // Not a Tab stop of its own.
    expect(heading).toHaveAttribute('tabindex', '-1');

    screen.getByRole('button', { name: 'Close' }).focus();
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(screen.getByRole('heading', { name: 'mart.orders' })).toHaveFocus();
  });

  it('offers to collapse an expanded node, and nothing it cannot do', async () => {
    await renderPanel(
      { ...datasetNode, product: undefined },
      {
        dataset: async () => ({
          ...ordersDetails,
          facets: {},
          lastWrite: null,
        }),
      },
      { expanded: true, onToggleExpand: () => {} },
    );
    expect(
      await screen.findByText('No schema reported yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No batch run has completed writing it (a stream may still write it)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Not part of any data product'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Collapse neighbours' }),
    ).toBeInTheDocument();
    // The lineage page is not mounted in this app.
    expect(screen.queryByText('Open lineage page')).not.toBeInTheDocument();
  });

  // Facets are the producer's, returned as sent: a malformed schema must not
  // break the panel.
  it.each([
    [{ fields: 'abc' }],
    [{ fields: { name: 'id' } }],
    [{ fields: [{ name: {} }, null, 'id'] }],
  ])('shows no schema for %j', async schema => {
    await renderPanel(datasetNode, {
      dataset: async () => ({ ...ordersDetails, facets: { schema } }),
    });
    expect(
      await screen.findByText('No schema reported yet.'),
    ).toBeInTheDocument();
  });

  it('shows the well-formed fields of a schema with malformed ones', async () => {
    const schema = {
      fields: [
        { name: {}, type: 'BIGINT' },
        { name: 'id', type: 7 },
        { name: 'amount', type: 'DECIMAL' },
      ],
    };
    await renderPanel(datasetNode, {
      dataset: async () => ({ ...ordersDetails, facets: { schema } }),
    });
    const table = await screen.findByRole('table', { name: 'Schema' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent),
    ).toEqual(['id—', 'amountDECIMAL']);
  });

  it('warns that a dataset was dropped, when and by which job', async () => {
    const at = '2026-03-01T05:00:00.000Z';
    await renderPanel(datasetNode, {
      dataset: async () => ({
        ...ordersDetails,
        dropped: {
          at,
          job: { namespace: 'airflow', name: 'orders_cleanup' },
          runId: '5b7e0b7e-0000-4000-8000-000000000002',
        },
      }),
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Dropped ${formatTime(
        at,
      )} by job orders_cleanup: its last write and schema below are from before`,
    );
  });

  it('warns that a dataset event dropped a dataset', async () => {
    const at = '2026-03-01T05:00:00.000Z';
    await renderPanel(datasetNode, {
      dataset: async () => ({ ...ordersDetails, dropped: { at } }),
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      `Dropped ${formatTime(
        at,
      )}: its last write and schema below are from before`,
    );
  });

  it('shows a job with its last run and its error', async () => {
    const asked: Array<[string, number]> = [];
    await renderPanel(jobNode, {
      runs: async (id, limit) => {
        asked.push([id, limit]);
        return [failedRun];
      },
    });
    expect(await screen.findByText('Last run')).toBeInTheDocument();
    expect(asked).toEqual([[ORDERS_JOB_ID, 1]]);
    expect(screen.getByText('Job in airflow')).toBeInTheDocument();
    expect(screen.getByText('fail')).toBeInTheDocument();
    // Read as well as seen: the status light hides all inside it.
    expect(screen.getByText('fail').closest('[aria-hidden="true"]')).toBeNull();
    expect(
      screen.getByText(
        `${formatTime(failedRun.startedAt!)} – ${formatTime(
          failedRun.endedAt!,
        )}`,
      ),
    ).toBeInTheDocument();
    // As text that wraps within the panel, not a one-line chip.
    expect(screen.getByRole('status')).toHaveTextContent(
      'relation "raw.carts" does not exist',
    );
    // Nothing to expand when the graph gives no way to.
    expect(screen.queryByRole('button', { name: /neighbours/ })).toBeNull();
  });

  it('shows a successful last run without error', async () => {
    await renderPanel(jobNode, { runs: async () => [completedRun] });
    expect(await screen.findByText('complete')).toBeInTheDocument();
    expect(
      screen.queryByText('relation "raw.carts" does not exist'),
    ).not.toBeInTheDocument();
  });

  it("warns that a run's lineage is incomplete, with its first error as text", async () => {
    const { container } = await renderPanel(jobNode, {
      runs: async () => [
        {
          ...completedRun,
          facets: {
            extractionError: {
              _producer: 'https://github.com/apache/airflow',
              totalTasks: 3,
              failedTasks: 1,
              errors: [
                {
                  errorMessage: '<img src=x onerror=alert(1)> not parsed',
                  stackTrace: 'Traceback (most recent call last): ...',
                  task: `INSERT INTO mart.orders ${'SELECT 1 '.repeat(100)}`,
                  taskNumber: 2,
                },
              ],
            },
          },
        },
      ],
    });
    const warning = await screen.findByRole('status');
    expect(screen.getByText('complete')).toBeInTheDocument();
    expect(
      within(warning).getByText(
        'Lineage incomplete: 1 of 3 statements could not be parsed',
      ),
    ).toBeInTheDocument();
    // The producer's text as text, never as markup.
    expect(
      within(warning).getByText('<img src=x onerror=alert(1)> not parsed'),
    ).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    const statement = within(warning).getByText(/^INSERT INTO mart\.orders/);
    expect(statement.textContent).toHaveLength(160);
    expect(statement.textContent).toMatch(/…$/);
    expect(warning).not.toHaveTextContent('Traceback');
  });

  it('names a streaming job by its type in the graph and shows its run not ended as its current run', async () => {
    const running: Run = {
      ...completedRun,
      state: 'RUNNING',
      endedAt: undefined,
    };
    await renderPanel(
      {
        ...jobNode,
        id: 'job:flink:orders_stream',
        detail: 'flink',
        marquezType: 'STREAM',
      },
      { runs: async () => [running] },
    );
    expect(
      await screen.findByText('Streaming job in flink'),
    ).toBeInTheDocument();
    expect(screen.getByText('Current run')).toBeInTheDocument();
    expect(screen.queryByText('Last run')).toBeNull();
    expect(
      screen.getByText(`Running since ${formatTime(running.startedAt!)}`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'A streaming job runs without end: it writes while it runs, not when a run completes.',
      ),
    ).toBeInTheDocument();
  });

  it('names a service, not a batch job with a last run', async () => {
    await renderPanel(
      { ...jobNode, marquezType: 'SERVICE' },
      { runs: async () => [{ ...completedRun, state: 'ABORT' }] },
    );
    expect(await screen.findByText('Service in airflow')).toBeInTheDocument();
    expect(screen.getByText('Latest run (ended)')).toBeInTheDocument();
    expect(screen.queryByText('Last run')).toBeNull();
    expect(screen.queryByText('Job in airflow')).toBeNull();
  });

  it('names a stream, which no completed run need have written', async () => {
    await renderPanel(
      {
        ...datasetNode,
        id: 'dataset:kafka://broker:9092:orders',
        detail: 'kafka://broker:9092',
        marquezType: 'STREAM',
      },
      { dataset: async () => ({ ...ordersDetails, lastWrite: null }) },
    );
    expect(
      await screen.findByText('Stream in kafka://broker:9092'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No completed run has written this stream: streaming jobs write it while they run',
      ),
    ).toBeInTheDocument();
  });

  it('keeps the plain kind for a batch job', async () => {
    await renderPanel(
      { ...jobNode, marquezType: 'BATCH' },
      { runs: async () => [completedRun] },
    );
    expect(await screen.findByText('Last run')).toBeInTheDocument();
    expect(screen.getByText('Job in airflow')).toBeInTheDocument();
  });

  it('says when a job has never run, nor have its tasks', async () => {
    await renderPanel(jobNode, { runs: async () => [] });
    expect(await screen.findByText('No runs yet.')).toBeInTheDocument();
  });

  it("says a job's runs could not be read when its tasks' cannot be", async () => {
    await renderPanel(jobNode, {
      runs: async (_id, _limit, options) => {
        if (options?.children) throw new Error('Runs request failed: 503');
        return [];
      },
    });
    expect(
      await screen.findByText(
        /The runs could not be read: Runs request failed: 503/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No runs yet.')).toBeNull();
  });

  it("shows a DAG that sends no events of its own by its task's last run", async () => {
    const asked: Array<[string, number, object | undefined]> = [];
    await renderPanel(jobNode, {
      runs: async (id, limit, options) => {
        asked.push([id, limit, options]);
        return options?.children
          ? [
              {
                ...failedRun,
                childJob: {
                  id: 'job:airflow:orders_daily.load',
                  namespace: 'airflow',
                  name: 'orders_daily.load',
                },
              },
            ]
          : [];
      },
    });
    expect(
      await screen.findByText('Last run of its task orders_daily.load'),
    ).toBeInTheDocument();
    expect(screen.getByText('fail')).toBeInTheDocument();
    expect(asked).toEqual([
      [ORDERS_JOB_ID, 1, undefined],
      [ORDERS_JOB_ID, 1, { children: true }],
    ]);
  });

  it('shows a product with a link to its page and asks nothing', async () => {
    const asked = jest.fn(async () => {
      throw new Error('a product node asks nothing');
    });
    await renderPanel(productNode, {
      dataset: asked,
      runs: asked,
      columnLineage: asked,
      datasetOwners: asked,
    });
    expect(
      screen.getByRole('region', { name: 'Details of Revenue' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Data product/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'revenue' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/revenue',
    );
    expect(screen.queryByText('Schema')).not.toBeInTheDocument();
    expect(asked).not.toHaveBeenCalled();
  });

  it('shows the error when the dataset cannot be loaded', async () => {
    await renderPanel(datasetNode, {
      dataset: async () => {
        throw new Error('Dataset mart.orders not found');
      },
    });
    expect(
      (await screen.findAllByText(/Dataset mart.orders not found/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error when the runs cannot be loaded', async () => {
    await renderPanel(jobNode, {
      runs: async () => {
        throw new Error('Runs request failed: 500');
      },
    });
    expect(
      await screen.findByText(
        /The runs could not be read: Runs request failed: 500/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No runs yet.')).toBeNull();
  });

  it("says a node's product could not be read when the products lookup failed", async () => {
    await renderPanel(
      { ...jobNode, product: undefined },
      { runs: async () => [completedRun] },
      { productProblem: 'catalog unavailable' },
    );
    expect(
      screen.getByText(
        'Its data product could not be read: catalog unavailable',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Not part of any data product')).toBeNull();
    await screen.findByText('complete');
  });

  it('shows a known product even when others could not be read', async () => {
    await renderPanel(
      datasetNode,
      { dataset: async () => ordersDetails },
      { productProblem: 'catalog unavailable' },
    );
    expect(screen.getByRole('link', { name: 'Orders' })).toBeInTheDocument();
    expect(screen.queryByText(/could not be read/)).toBeNull();
    await screen.findByRole('table', { name: 'Schema' });
  });
});
