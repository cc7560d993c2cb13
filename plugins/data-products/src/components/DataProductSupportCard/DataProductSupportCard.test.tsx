import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import {
  cartsProduct,
  checkoutTeam,
  ordersProduct,
  revenueProduct,
  testMesh,
} from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { DataProductSupportCard } from './DataProductSupportCard';

describe('DataProductSupportCard', () => {
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
  });

  it('links an email channel by mailto, and a channel that is no URL or a script not at all', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: {
        ...ordersProduct,
        spec: {
          ...ordersProduct.spec,
          support: {
            ...ordersProduct.spec.support,
            channels: [
              { type: 'email', url: 'data@example.com' },
              { type: 'slack', url: '#orders-help' },
              // A hostile channel, as a product's YAML may hold one.
              // eslint-disable-next-line no-script-url
              { type: 'url', url: 'javascript:alert(1)' },
            ],
          },
        },
      },
    });
    expect(await screen.findByText('data@example.com')).toHaveAttribute(
      'href',
      'mailto:data@example.com',
    );
    expect(screen.getByText(/#orders-help/).closest('a')).toBeNull();
    expect(screen.getByText(/javascript:alert/).closest('a')).toBeNull();
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

  it('says the on-call is unknown, not missing, when the owning team cannot be read', async () => {
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
    // One card, as on a page that navigates from one product to the other.
    const Page = () => {
      const [entity, setEntity] = useState(cartsProduct);
      return (
        <EntityProvider entity={entity}>
          <button onClick={() => setEntity(inFinance)}>Go to finance</button>
          <DataProductSupportCard />
        </EntityProvider>
      );
    };
    await renderWithCatalog(<Page />, {
      entities: [...testMesh, financeCheckoutTeam],
    });
    expect(
      await screen.findByText('#checkout-data-oncall'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('Go to finance'));
    expect(await screen.findByText('#finance-checkout')).toBeInTheDocument();
  });

  it('says loudly when nobody can be paged', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: revenueProduct,
    });
    expect(await screen.findByText(/No on-call/)).toBeInTheDocument();
  });
});
