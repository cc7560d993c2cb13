import { Paper } from '@material-ui/core';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImpactedProduct } from '@meshwork/plugin-lineage-common';
import {
  contrastOf,
  inAppTheme,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductsApi } from '../../api';
import { BlastRadiusList } from './BlastRadiusList';

const ordersTable = {
  namespace: 'postgres://warehouse:5432',
  name: 'analytics.checkout.orders',
};

/**
 * Seven reports downstream of orders, most critical first: the last two of
 * checkout-data, whose on-call is its team's unless the report names one.
 */
const reports: ImpactedProduct[] = Array.from({ length: 7 }, (_, i) => ({
  entityRef: `dataproduct:default/report-${i + 1}`,
  title: `Report ${i + 1}`,
  owner: i < 5 ? 'group:finance-data' : 'checkout-data',
  tier: i < 5 ? 2 : 3,
  depth: i + 1,
  via: 'dataproduct:default/orders',
  datasets: [ordersTable],
  ...(i === 6
    ? {
        onCall: {
          contact: '#report-7',
          provider: 'opsgenie',
          source: 'product',
        },
      }
    : {}),
}));

const listed = () =>
  screen.getAllByRole('listitem').map(item => item.textContent);

const FIRST_FIVE = [1, 2, 3, 4, 5].map(
  n => `Report ${n} · finance-data · tier 2 · No on-call declared`,
);

const ALL_SEVEN = [
  ...FIRST_FIVE,
  'Report 6 · checkout-data · tier 3 · #checkout-data-oncall (pagerduty, team)',
  'Report 7 · checkout-data · tier 3 · #report-7 (opsgenie)',
];

/** The radius of the orders port, read by `impact`; the reads asked for. */
async function renderOrdersRadius(impact: DataProductsApi['impact']) {
  const asked: Array<[string, string | undefined]> = [];
  await renderWithCatalog(
    <BlastRadiusList entityRef="dataproduct:default/orders" port="orders" />,
    {
      dataProductsApi: {
        impact: (entityRef, port) => {
          asked.push([entityRef, port]);
          return impact(entityRef, port);
        },
      },
    },
  );
  return asked;
}

describe('BlastRadiusList', () => {
  it('lists the five most critical products, and all of them on request', async () => {
    const { released: restRead, release: readRest } = releasable();
    let reads = 0;
    const asked = await renderOrdersRadius(async (entityRef, port) => {
      reads += 1;
      if (reads > 1) await restRead;
      return { product: entityRef, port, impacted: reports };
    });
    expect(
      await screen.findByText('7 products downstream of port orders', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(listed()).toEqual(FIRST_FIVE);

    await userEvent.click(screen.getByRole('button', { name: 'Show 2 more' }));
    // While the rest are read, those shown stay.
    expect(
      await screen.findByRole('button', { name: 'Reading 2 more…' }),
    ).toBeDisabled();
    expect(listed()).toEqual(FIRST_FIVE);

    readRest();
    await waitFor(() => expect(listed()).toEqual(ALL_SEVEN));
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByRole('link', { name: 'Report 6' })).toHaveFocus();
    expect(screen.getByRole('link', { name: 'Report 6' })).toHaveAttribute(
      'href',
      '/catalog/default/dataproduct/report-6',
    );
    expect(asked).toEqual([
      ['dataproduct:default/orders', 'orders'],
      ['dataproduct:default/orders', 'orders'],
    ]);
  });

  it('keeps the products shown when the rest cannot be read, and reads them again', async () => {
    let reads = 0;
    await renderOrdersRadius(async (entityRef, port) => {
      reads += 1;
      if (reads === 2) throw new Error('502 bad gateway');
      return { product: entityRef, port, impacted: reports };
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show 2 more' }),
    );
    expect(
      await screen.findByText(
        'Could not read the other products downstream: 502 bad gateway',
      ),
    ).toBeInTheDocument();
    expect(listed()).toEqual(FIRST_FIVE);

    await userEvent.click(screen.getByRole('button', { name: 'Show 2 more' }));
    await waitFor(() => expect(listed()).toEqual(ALL_SEVEN));
    expect(screen.queryByText(/Could not read/)).toBeNull();
    expect(reads).toBe(3);
  });

  it('says why the blast radius could not be read, and reads it again', async () => {
    const { released: lineageDown, release: failRead } = releasable();
    let reads = 0;
    await renderOrdersRadius(async (entityRef, port) => {
      reads += 1;
      if (reads === 1) {
        await lineageDown;
        throw new Error('503 lineage unavailable');
      }
      return { product: entityRef, port, impacted: reports };
    });
    // Fails while the test waits for it, as React wants its updates.
    failRead();
    expect(
      await screen.findByText(
        'Blast radius unavailable: 503 lineage unavailable',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(listed()).toEqual(FIRST_FIVE));
    expect(screen.queryByText(/Blast radius unavailable/)).toBeNull();
    expect(reads).toBe(2);
  });
});

describe.each(['light', 'dark'])('BlastRadiusList in the %s theme', themeId => {
  inAppTheme(themeId);

  it('says why the blast radius could not be read in a red that reads (4.5:1) on the card', async () => {
    // Shown in the on-call finder's answer cards: on their paper.
    await renderWithCatalog(
      <Paper>
        <BlastRadiusList entityRef="dataproduct:default/orders" port="orders" />
      </Paper>,
      {
        dataProductsApi: {
          impact: async () => {
            throw new Error('503 lineage unavailable');
          },
        },
      },
    );
    expect(
      contrastOf(await screen.findByText(/Blast radius unavailable/)),
    ).toBeGreaterThanOrEqual(4.5);
  });
});
