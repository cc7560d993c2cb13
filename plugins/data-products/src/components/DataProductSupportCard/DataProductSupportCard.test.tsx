import { screen } from '@testing-library/react';
import {
  cartsProduct,
  ordersProduct,
  revenueProduct,
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

  it('says loudly when nobody can be paged', async () => {
    await renderWithCatalog(<DataProductSupportCard />, {
      entity: revenueProduct,
    });
    expect(await screen.findByText(/No on-call/)).toBeInTheDocument();
  });
});
