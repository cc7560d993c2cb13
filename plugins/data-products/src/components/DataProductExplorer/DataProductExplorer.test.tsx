import {
  contrastOf,
  inAppTheme,
  narrowScreen,
} from '@meshwork/plugin-data-products-react/testUtils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation, useNavigate } from 'react-router-dom';
import { ResponseError } from '@backstage/errors';
import { searchIndexAnswer } from '../../__testUtils__/searchIndexAnswer';
import {
  indexedSearchApi,
  renderWithCatalog,
} from '../../__testUtils__/renderWithCatalog';
import { testMesh } from '../../__testUtils__/testMesh';
import { DataProductExplorer } from './DataProductExplorer';

/** The address the explorer wrote, where the test can read it. */
const Address = () => (
  <output aria-label="address">{useLocation().search}</output>
);
const address = () => screen.getByRole('status', { name: 'address' });

/** The browser's Back button, for the test to press. */
const Back = () => {
  const navigate = useNavigate();
  return <button onClick={() => navigate(-1)}>Back</button>;
};

const rowNames = () =>
  within(screen.getByRole('table', { name: 'Data products' }))
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('DataProductExplorer', () => {
  it('lists every data product with its domain, owner and ports', async () => {
    await renderWithCatalog(<DataProductExplorer />);
    await waitFor(() =>
      expect(rowNames()).toEqual(['carts', 'Orders', 'Revenue']),
    );
    const orders = screen.getByText('Orders').closest('tr')!;
    expect(orders).toHaveTextContent('checkout-data');
    expect(orders).toHaveTextContent('aggregate');
    expect(orders).toHaveTextContent('production');
    expect(screen.getByText('1-3 of 3')).toBeInTheDocument();
  });

  it('stacks ports and tags under the name on a narrow screen', async () => {
    const wideAgain = narrowScreen();
    try {
      await renderWithCatalog(<DataProductExplorer />);
      await screen.findByRole('link', { name: 'Orders' });
      expect(
        screen.getAllByRole('columnheader').map(header => header.textContent),
      ).not.toContain('Tags');
      const name = within(
        screen.getByText('Orders').closest('tr')!,
      ).getAllByRole('cell')[0];
      expect(name).toHaveTextContent('1 output port');
      expect(within(name).getByText('pii')).toBeInTheDocument();
    } finally {
      wideAgain();
    }
  });

  // Typing and debounced searches on a busy machine (CI runs several test
  // files at once on two cores): its waits may pass Jest's default 5 s.
  it('searches contract column names, and keeps the term in the URL', async () => {
    await renderWithCatalog(
      <>
        <DataProductExplorer />
        <Address />
      </>,
    );
    await waitFor(() => expect(rowNames()).toHaveLength(3));
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search data products' }),
      'customer_email',
    );
    // Typing and the debounced search take longer than waitFor's default
    // second on a busy two-core machine.
    await waitFor(() => expect(rowNames()).toEqual(['Orders']), {
      timeout: 5000,
    });
    await waitFor(() =>
      expect(address()).toHaveTextContent('?q=customer_email'),
    );
  }, 30_000);

  it('applies filters and sorting from a shared link', async () => {
    await renderWithCatalog(
      <>
        <DataProductExplorer />
        <Address />
      </>,
      { initialRoute: '/?domain=checkout&sort=tier&order=asc' },
    );
    // Orders is tier 1 and carts tier 2: by name, carts comes first.
    await waitFor(() => expect(rowNames()).toEqual(['Orders', 'carts']));
    // Screen readers are told which column sorts, and which way.
    const sortedBy = () =>
      screen
        .getAllByRole('columnheader')
        .filter(header => header.hasAttribute('aria-sort'))
        .map(header => [header.textContent, header.getAttribute('aria-sort')]);
    expect(sortedBy()).toEqual([['Tier', 'ascending']]);
    await userEvent.click(screen.getByText('Name'));
    await waitFor(() => expect(rowNames()).toEqual(['carts', 'Orders']));
    expect(sortedBy()).toEqual([['Name', 'ascending']]);
    // Sorting by name, ascending, is the default: the URL leaves it out.
    await waitFor(() =>
      expect(address()).toHaveTextContent(/^\?domain=checkout$/),
    );
  });

  // Typing and debounced searches on a busy machine (CI runs several test
  // files at once on two cores): its waits may pass Jest's default 5 s.
  it('lists domains and owners by title, telling apart two of one title', async () => {
    const entities = testMesh.map(entity =>
      entity.kind === 'Domain' && entity.metadata.name === 'finance'
        ? { ...entity, metadata: { ...entity.metadata, title: 'Checkout' } }
        : entity,
    );
    await renderWithCatalog(
      <>
        <DataProductExplorer />
        <Address />
      </>,
      { entities },
    );
    fireEvent.mouseDown(
      await screen.findByRole('button', { name: 'Domain All' }),
    );
    await waitFor(() =>
      expect(
        screen.getAllByRole('option').map(option => option.textContent),
      ).toEqual(['All', 'Checkout (checkout)', 'Checkout (finance)']),
    );
    await userEvent.click(
      screen.getByRole('option', { name: 'Checkout (finance)' }),
    );
    // The URL keeps the name, as before.
    await waitFor(() =>
      expect(address()).toHaveTextContent(/^\?domain=finance$/),
    );
  });

  it('goes back to the view before with Back, but not letter by letter', async () => {
    await renderWithCatalog(
      <>
        <DataProductExplorer />
        <Address />
        <Back />
      </>,
      { initialRoute: '/?tier=1' },
    );
    await waitFor(() => expect(rowNames()).toEqual(['Orders', 'Revenue']));
    await userEvent.click(screen.getByText('Name'));
    await waitFor(() => expect(rowNames()).toEqual(['Revenue', 'Orders']));
    await waitFor(() =>
      expect(address()).toHaveTextContent(/^\?tier=1&order=desc$/),
    );
    // Slower than the search box's pause, so each letter is a search.
    const searchBox = screen.getByRole('textbox', {
      name: 'Search data products',
    });
    for (const letter of 'orders') {
      await userEvent.type(searchBox, letter);
      await new Promise(resolve => setTimeout(resolve, 300));
    }
    await waitFor(() => expect(rowNames()).toEqual(['Orders']), {
      timeout: 5000,
    });
    await waitFor(() =>
      expect(address()).toHaveTextContent(/^\?q=orders&tier=1&order=desc$/),
    );
    // One step back is the view before the search, whole.
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() =>
      expect(address()).toHaveTextContent(/^\?tier=1&order=desc$/),
    );
    await waitFor(() => expect(rowNames()).toEqual(['Revenue', 'Orders']));
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(address()).toHaveTextContent(/^\?tier=1$/));
    await waitFor(() => expect(rowNames()).toEqual(['Orders', 'Revenue']));
  }, 30_000);

  it('shows the last page for a page past the end', async () => {
    await renderWithCatalog(
      <>
        <DataProductExplorer />
        <Address />
      </>,
      { initialRoute: '/?page=4' },
    );
    await waitFor(() =>
      expect(rowNames()).toEqual(['carts', 'Orders', 'Revenue']),
    );
    expect(screen.queryByText('No data products yet')).not.toBeInTheDocument();
    await waitFor(() => expect(address()).toHaveTextContent(/^$/));
  });

  it('says when nothing matches', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?q=no-such-thing',
    });
    expect(
      await screen.findByText('No data products match'),
    ).toBeInTheDocument();
  });

  it('says when there are no products at all', async () => {
    await renderWithCatalog(<DataProductExplorer />, { entities: [] });
    expect(await screen.findByText('No data products yet')).toBeInTheDocument();
  });
});

describe('DataProductExplorer with SLO status and governance levels', () => {
  const statuses = async () => ({
    byRef: new Map([
      [
        'dataproduct:default/orders',
        {
          slo: {
            status: 'breaching' as const,
            breaching: ['freshness'],
            unobserved: ['returns'],
            unjudged: [],
          },
          scorecard: { score: 64, level: 'bronze' },
        },
      ],
      [
        'dataproduct:default/revenue',
        {
          slo: {
            status: 'ok' as const,
            breaching: [],
            unobserved: ['refunds'],
            unjudged: ['volume of revenue'],
          },
          scorecard: { score: 100, level: 'gold' },
        },
      ],
    ]),
    sloAvailable: true,
    scorecardsAvailable: true,
  });

  /**
   * The statuses above, except that Revenue breaches its volume SLO from
   * the second read on; `reads` counts them.
   */
  function revenueBreachingFromSecondRead() {
    let reads = 0;
    return {
      reads: () => reads,
      statuses: async () => {
        const read = await statuses();
        if (reads++ === 0) return read;
        read.byRef.set('dataproduct:default/revenue', {
          slo: {
            status: 'breaching',
            breaching: ['volume'],
            unobserved: [],
            unjudged: [],
          },
          scorecard: { score: 100, level: 'gold' },
        });
        return read;
      },
    };
  }

  it('shows each product’s SLO status and level', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      dataProductsApi: { statuses },
    });
    const orders = (await screen.findByText('Orders')).closest('tr')!;
    await waitFor(() =>
      expect(orders).toHaveTextContent('Breaching freshness; 1 port unseen'),
    );
    expect(orders).toHaveTextContent('bronze · 64');
    // No one colour reads as text on light and dark themes alike: the
    // level's words keep the theme's text colour, only its medal is coloured.
    expect(
      within(orders).getByText('bronze · 64').closest('[style*="color"]'),
    ).toBeNull();
    const revenue = screen.getByText('Revenue').closest('tr')!;
    expect(revenue).toHaveTextContent('Met; 1 port unseen; 1 not judged');
    expect(revenue).toHaveTextContent('gold · 100');
    expect(screen.getByText('carts').closest('tr')!).toHaveTextContent(
      'Not measured',
    );
  });

  describe.each(['light', 'dark'])('in the %s theme', themeId => {
    inAppTheme(themeId);

    it('shows the SLOs a product breaches on a chip whose text reads (4.5:1)', async () => {
      await renderWithCatalog(<DataProductExplorer />, {
        dataProductsApi: { statuses },
      });
      const orders = (await screen.findByText('Orders')).closest('tr')!;
      const chip = await within(orders).findByText('Breaching freshness');
      expect(contrastOf(chip)).toBeGreaterThanOrEqual(4.5);
    });
  });

  it('shows a medal for a level earned, and none for level none', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      dataProductsApi: {
        statuses: async () => {
          const read = await statuses();
          read.byRef.set('dataproduct:default/carts', {
            slo: { status: 'ok', breaching: [], unobserved: [], unjudged: [] },
            scorecard: { score: 40, level: 'none' },
          });
          return read;
        },
      },
    });
    const chipOf = async (name: string) =>
      (
        await within((await screen.findByText(name)).closest('tr')!).findByText(
          /·/,
        )
      ).closest('.MuiChip-root')!;
    expect((await chipOf('carts')).querySelector('svg')).toBeNull();
    expect((await chipOf('Orders')).querySelector('svg')).not.toBeNull();
  });

  it('says the statuses are loading until they are read', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      dataProductsApi: { statuses: () => new Promise(() => {}) },
    });
    const orders = (await screen.findByText('Orders')).closest('tr')!;
    const cells = within(orders).getAllByRole('cell');
    expect(cells[8]).toHaveTextContent('Loading…');
    expect(cells[9]).toHaveTextContent('Loading…');
  });

  it('says the statuses are unavailable when they cannot be read', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      dataProductsApi: {
        statuses: () => Promise.reject(new Error('gateway timeout')),
      },
    });
    const orders = (await screen.findByText('Orders')).closest('tr')!;
    await waitFor(() =>
      expect(
        within(orders)
          .getAllByRole('cell')
          .slice(8)
          .map(cell => cell.textContent),
      ).toEqual(['unavailable', 'unavailable']),
    );
  });

  it('lists only the products breaching an SLO', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?slo=breaching',
      dataProductsApi: { statuses },
    });
    await waitFor(() => expect(rowNames()).toEqual(['Orders']));
  });

  it('names each filter by its label and what it holds, and filters by the value chosen', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      dataProductsApi: { statuses },
    });
    await waitFor(() =>
      expect(rowNames()).toEqual(['carts', 'Orders', 'Revenue']),
    );
    for (const name of ['Domain', 'Owner', 'SLOs', 'Governance level']) {
      expect(
        screen.getByRole('button', { name: `${name} All` }),
      ).toBeInTheDocument();
    }
    fireEvent.mouseDown(screen.getByRole('button', { name: 'SLOs All' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Breaching now' }),
    );
    await waitFor(() => expect(rowNames()).toEqual(['Orders']));
    expect(
      screen.getByRole('button', { name: 'SLOs Breaching now' }),
    ).toBeInTheDocument();
  });

  it('reads the statuses each minute, not with each page', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const revenue = revenueBreachingFromSecondRead();
      await renderWithCatalog(<DataProductExplorer />, {
        dataProductsApi: { statuses: revenue.statuses },
      });
      await waitFor(() =>
        expect(rowNames()).toEqual(['carts', 'Orders', 'Revenue']),
      );
      await userEvent.click(screen.getByRole('button', { name: /Name/ }));
      await waitFor(() =>
        expect(rowNames()).toEqual(['Revenue', 'Orders', 'carts']),
      );
      expect(revenue.reads()).toBe(1);
      act(() => {
        jest.advanceTimersByTime(60_000);
      });
      await waitFor(() =>
        expect(screen.getByText('Revenue').closest('tr')!).toHaveTextContent(
          'Breaching volume',
        ),
      );
      expect(revenue.reads()).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads the statuses once for a status filter, and shows those it chose the products by', async () => {
    let calls = 0;
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?slo=breaching',
      dataProductsApi: {
        statuses: async () => {
          calls += 1;
          return statuses();
        },
      },
    });
    await waitFor(() => expect(rowNames()).toEqual(['Orders']));
    expect(screen.getByText('Orders').closest('tr')!).toHaveTextContent(
      'Breaching freshness',
    );
    expect(calls).toBe(1);
  });

  it('reads the statuses again once a status filter is cleared', async () => {
    // A link to the explorer without filters, as the sidebar's.
    const Unfiltered = () => {
      const navigate = useNavigate();
      return (
        <button onClick={() => navigate({ search: '' })}>All products</button>
      );
    };
    await renderWithCatalog(
      <>
        <DataProductExplorer />
        <Unfiltered />
      </>,
      {
        initialRoute: '/?slo=breaching',
        // Revenue is fine when the filter reads, and breaches from then on.
        dataProductsApi: {
          statuses: revenueBreachingFromSecondRead().statuses,
        },
      },
    );
    await waitFor(() => expect(rowNames()).toEqual(['Orders']));
    await userEvent.click(screen.getByRole('button', { name: 'All products' }));
    await waitFor(() =>
      expect(rowNames()).toEqual(['carts', 'Orders', 'Revenue']),
    );
    await waitFor(() =>
      expect(screen.getByText('Revenue').closest('tr')!).toHaveTextContent(
        'Breaching volume',
      ),
    );
  });

  it('says no product matches when none is at the level asked for', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?level=silver',
      dataProductsApi: { statuses },
    });
    expect(
      await screen.findByText('No data products match'),
    ).toBeInTheDocument();
  });

  it('lists only the products at a governance level', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?level=gold',
      dataProductsApi: { statuses },
    });
    await waitFor(() => expect(rowNames()).toEqual(['Revenue']));
  });

  it('says when the lineage backend cannot answer', async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?slo=breaching',
      dataProductsApi: {
        statuses: async () => ({
          ...(await statuses()),
          sloAvailable: false,
        }),
      },
    });
    expect(
      await screen.findByText(
        'Error: SLO status is unavailable: the lineage backend did not answer',
      ),
    ).toBeInTheDocument();
  });
});

describe('DataProductExplorer searching the index', () => {
  it('keeps its answer when it finds nothing, rather than the catalog finding more', async () => {
    // The catalog's substring filter would find customer_email in Orders;
    // the index matches words from their start.
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?q=mail',
    });
    expect(
      await screen.findByText('No data products match'),
    ).toBeInTheDocument();
  });
});

describe('DataProductExplorer while the search index is being built', () => {
  it("searches with the catalog's full-text filter instead", async () => {
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?q=mail',
      dataProductsApi: {
        search: () => Promise.reject(new Error('503 still building')),
        listings: () => Promise.reject(new Error('503 still building')),
      },
    });
    await waitFor(() => expect(rowNames()).toEqual(['Orders']));
  });

  const breachingOrders = async () => ({
    byRef: new Map([
      [
        'dataproduct:default/orders',
        {
          slo: {
            status: 'breaching' as const,
            breaching: ['freshness'],
            unobserved: [],
            unjudged: [],
          },
        },
      ],
    ]),
    sloAvailable: true,
    scorecardsAvailable: true,
  });

  it('says so for a status filter, and asks again after the Retry-After', async () => {
    const index = indexedSearchApi(testMesh);
    let calls = 0;
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?slo=breaching',
      dataProductsApi: {
        statuses: breachingOrders,
        listings: async query => {
          calls += 1;
          if (calls <= 2)
            throw await searchIndexAnswer(503, { 'Retry-After': '1' });
          return index.listings(query);
        },
      },
    });
    expect(
      await screen.findByText(
        'The search index is still being built; retrying…',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/503/)).toBeNull();
    expect(screen.queryByText(/Service Unavailable/)).toBeNull();
    // Asked again after a second, still building, then after another.
    await waitFor(() => expect(rowNames()).toEqual(['Orders']), {
      timeout: 5000,
    });
    expect(calls).toBe(3);
    expect(screen.queryByText(/still being built/)).toBeNull();
  }, 15_000);

  it('shows any other failure of a status filter as an error, not asking again', async () => {
    let calls = 0;
    await renderWithCatalog(<DataProductExplorer />, {
      initialRoute: '/?slo=breaching',
      dataProductsApi: {
        statuses: breachingOrders,
        listings: async () => {
          calls += 1;
          throw await ResponseError.fromResponse(
            new Response('upstream down', {
              status: 502,
              statusText: 'Bad Gateway',
              headers: { 'Retry-After': '1' },
            }) as any,
          );
        },
      },
    });
    expect(
      (await screen.findAllByText(/502 Bad Gateway/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/retrying/)).toBeNull();
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(calls).toBe(1);
  }, 10_000);
});
