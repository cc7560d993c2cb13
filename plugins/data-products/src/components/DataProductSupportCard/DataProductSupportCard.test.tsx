import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataProductSupport } from '@meshwork/plugin-data-products-common';
import {
  EntityPageSwitching,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';
import {
  cartsProduct,
  checkoutTeam,
  financeTeam,
  ordersProduct,
  revenueProduct,
  testMesh,
} from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductSupportCard } from './DataProductSupportCard';

/** The card for the orders product, with these channels instead of its own. */
function renderWithChannels(channels: DataProductSupport['channels']) {
  return renderWithCatalog(<DataProductSupportCard />, {
    entity: {
      ...ordersProduct,
      spec: {
        ...ordersProduct.spec,
        support: { ...ordersProduct.spec.support, channels },
      },
    },
  });
}

describe('DataProductSupportCard', () => {
  it('titles the card as a heading', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: ordersProduct,
    });
    expect(
      screen.getByRole('heading', { name: 'Support', level: 2 }),
    ).toBeInTheDocument();
  });

  it("shows the product's runbook, on-call and channels", async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: ordersProduct,
    });
    expect(
      await screen.findByText('https://runbooks.example/orders'),
    ).toHaveAttribute('href', 'https://runbooks.example/orders');
    expect(screen.getByText('#orders-oncall')).toBeInTheDocument();
    expect(screen.getByText(/via pagerduty/)).toBeInTheDocument();
    expect(screen.getByText('https://slack.example/orders')).toHaveAttribute(
      'href',
      'https://slack.example/orders',
    );
    expect(screen.queryByText(/No support channels/)).not.toBeInTheDocument();
  });

  it('links the on-call contact to the slack channel whose address names it', async () => {
    await renderWithChannels([
      { type: 'slack', url: 'https://slack.example/archives/orders' },
      { type: 'slack', url: 'https://slack.example/archives/orders-oncall' },
    ]);
    expect(await screen.findByText('#orders-oncall')).toHaveAttribute(
      'href',
      'https://slack.example/archives/orders-oncall',
    );
  });

  it('leaves the on-call contact as text when no channel names it, even the only slack one', async () => {
    // Its one slack channel, `orders`, is where users ask.
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: ordersProduct,
    });
    expect((await screen.findByText('#orders-oncall')).closest('a')).toBeNull();
  });

  it('breaks long runbook and channel URLs rather than run past the card', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: ordersProduct,
    });
    for (const url of [
      'https://runbooks.example/orders',
      'https://slack.example/orders',
    ]) {
      expect((await screen.findByText(url)).parentElement).toHaveStyle({
        overflowWrap: 'anywhere',
      });
    }
  });

  it('links an email channel by mailto, and a channel that is no URL or a script not at all', async () => {
    await renderWithChannels([
      { type: 'email', url: 'data@example.com' },
      { type: 'slack', url: '#orders-help' },
      // A hostile channel, as a product's YAML may hold one.
      // eslint-disable-next-line no-script-url
      { type: 'url', url: 'javascript:alert(1)' },
    ]);
    expect(await screen.findByText('data@example.com')).toHaveAttribute(
      'href',
      'mailto:data@example.com',
    );
    expect(screen.getByText(/#orders-help/).closest('a')).toBeNull();
    expect(screen.getByText(/javascript:alert/).closest('a')).toBeNull();
  });

  it('shows a mail address and a phone number without their scheme, which their links keep', async () => {
    await renderWithChannels([
      { type: 'email', url: 'mailto:checkout-data@meshwork-retail.example' },
      { type: 'url', url: 'tel:+1-555-0100' },
      {
        type: 'slack',
        url: 'https://meshwork-retail.slack.example/archives/checkout-data',
      },
    ]);
    expect(
      await screen.findByText('checkout-data@meshwork-retail.example'),
    ).toHaveAttribute('href', 'mailto:checkout-data@meshwork-retail.example');
    expect(screen.getByText('+1-555-0100')).toHaveAttribute(
      'href',
      'tel:+1-555-0100',
    );
    expect(
      screen.getByText(
        'https://meshwork-retail.slack.example/archives/checkout-data',
      ),
    ).toHaveAttribute(
      'href',
      'https://meshwork-retail.slack.example/archives/checkout-data',
    );
    expect(screen.queryByText(/mailto:|tel:/)).toBeNull();
  });

  it("falls back to the owning team's on-call and flags a missing runbook", async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: cartsProduct,
    });
    expect(
      await screen.findByText('#checkout-data-oncall'),
    ).toBeInTheDocument();
    expect(screen.getByText(/from the owning team/)).toBeInTheDocument();
    expect(screen.getByText(/No runbook/)).toBeInTheDocument();
  });

  it("falls back to the owning team's runbook and says it is the team's", async () => {
    const teamWithRunbook = {
      ...checkoutTeam,
      metadata: {
        ...checkoutTeam.metadata,
        links: [
          { title: 'Runbook', url: 'https://wiki.example/checkout-data' },
        ],
      },
    };
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: cartsProduct,
      entities: testMesh.map(entity =>
        entity === checkoutTeam ? teamWithRunbook : entity,
      ),
    });
    expect(
      await screen.findByText('https://wiki.example/checkout-data'),
    ).toHaveAttribute('href', 'https://wiki.example/checkout-data');
    expect(
      screen.getByText(/Runbook: .*\(from the owning team\)/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No runbook/)).not.toBeInTheDocument();
  });

  it("keeps the product's own runbook as its own when the team links one too", async () => {
    const teamWithRunbook = {
      ...checkoutTeam,
      metadata: {
        ...checkoutTeam.metadata,
        links: [{ type: 'runbook', url: 'https://wiki.example/checkout-data' }],
      },
    };
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: ordersProduct,
      entities: testMesh.map(entity =>
        entity === checkoutTeam ? teamWithRunbook : entity,
      ),
    });
    expect(
      await screen.findByText('https://runbooks.example/orders'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('https://wiki.example/checkout-data'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText(/Runbook: .*from the owning team/),
    ).not.toBeInTheDocument();
  });

  it('says the on-call and runbook are unknown, not missing, when the owning team cannot be read', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: cartsProduct,
      catalogApi: {
        getEntityByRef: async () => {
          throw new Error('catalog unavailable');
        },
      },
    });
    expect(
      await screen.findByText(/On-call unknown: .*catalog unavailable/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No on-call/)).not.toBeInTheDocument();
    expect(
      screen.getByText(/Runbook unknown: .*catalog unavailable/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No runbook/)).not.toBeInTheDocument();
  });

  it("reads the owning team in the product's namespace", async () => {
    const financeCheckoutTeam = {
      ...checkoutTeam,
      metadata: {
        ...checkoutTeam.metadata,
        namespace: 'finance',
        annotations: { 'meshwork.dev/oncall-contact': '#finance-checkout' },
      },
    };
    const inFinance = {
      ...cartsProduct,
      metadata: { ...cartsProduct.metadata, namespace: 'finance' },
    };
    await renderWithCatalog(
      <EntityPageSwitching first={cartsProduct} next={inFinance}>
        <DataProductSupportCard />
      </EntityPageSwitching>,
      { entities: [...testMesh, financeCheckoutTeam] },
    );
    expect(
      await screen.findByText('#checkout-data-oncall'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('Open next'));
    expect(await screen.findByText('#finance-checkout')).toBeInTheDocument();
  });

  it("never shows the last product's team on-call while the next product's team is read", async () => {
    const { released: financeTeamRead, release: readFinanceTeam } =
      releasable();
    await renderWithCatalog(
      <EntityPageSwitching first={cartsProduct} next={revenueProduct}>
        <DataProductSupportCard />
      </EntityPageSwitching>,
      {
        catalogApi: {
          getEntityByRef: async ref => {
            if (ref !== 'group:default/finance-data') return checkoutTeam;
            await financeTeamRead;
            return financeTeam;
          },
        },
      },
    );
    expect(
      await screen.findByText('#checkout-data-oncall'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('Open next'));
    expect(screen.queryByText('#checkout-data-oncall')).not.toBeInTheDocument();
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('#checkout-data-oncall')).not.toBeInTheDocument();
    readFinanceTeam();
    expect(await screen.findByText(/No on-call/)).toBeInTheDocument();
    expect(screen.queryByText('#checkout-data-oncall')).not.toBeInTheDocument();
  });

  it('says loudly when nobody can be paged', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: revenueProduct,
    });
    expect(await screen.findByText(/No on-call/)).toBeInTheDocument();
  });

  it('says when the product declares no support channels', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: revenueProduct,
    });
    expect(
      await screen.findByText(/No support channels declared/),
    ).toBeInTheDocument();
  });
});
