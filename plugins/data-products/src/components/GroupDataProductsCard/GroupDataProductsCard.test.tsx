import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  EntityPageSwitching,
  releasable,
} from '@meshwork/plugin-data-products-react/testUtils';
import {
  checkoutTeam,
  financeTeam,
  testMesh,
} from '../../__testUtils__/testMesh';
import { renderWithCatalog } from '../../__testUtils__/renderWithCatalog';
import { GroupDataProductsCard } from './GroupDataProductsCard';

describe('GroupDataProductsCard', () => {
  it('titles the card as a heading', async () => {
    await renderWithCatalog(<GroupDataProductsCard />, {
      entity: checkoutTeam,
    });
    expect(
      screen.getByRole('heading', { name: 'Data products owned', level: 2 }),
    ).toBeInTheDocument();
  });

  it('lists the products a team owns', async () => {
    await renderWithCatalog(<GroupDataProductsCard />, {
      entity: checkoutTeam,
    });
    expect(
      await screen.findByRole('link', { name: 'Orders' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'carts' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Revenue' })).toBeNull();
  });

  it('lists the products its teams own on a parent group, with their owner', async () => {
    await renderWithCatalog(<GroupDataProductsCard />, {
      entity: {
        ...checkoutTeam,
        metadata: { name: 'data-org', namespace: 'default' },
        relations: [checkoutTeam, financeTeam].map(team => ({
          type: 'parentOf',
          targetRef: stringifyEntityRef(team),
        })),
      },
    });
    for (const name of ['Orders', 'carts', 'Revenue']) {
      expect(await screen.findByRole('link', { name })).toBeInTheDocument();
    }
    expect(
      screen.getByRole('columnheader', { name: 'Owner' }),
    ).toBeInTheDocument();
  });

  it('says when a team owns nothing', async () => {
    await renderWithCatalog(<GroupDataProductsCard />, {
      entity: {
        ...checkoutTeam,
        metadata: { name: 'idle', namespace: 'default' },
      },
    });
    expect(
      await screen.findByText('This team owns no data products.'),
    ).toBeInTheDocument();
  });

  it("never shows the last team's products while the next team's are read", async () => {
    const catalog = catalogApiMock({ entities: testMesh });
    const { released: financeRead, release: readFinance } = releasable();
    await renderWithCatalog(
      <EntityPageSwitching first={checkoutTeam} next={financeTeam}>
        <GroupDataProductsCard />
      </EntityPageSwitching>,
      {
        catalogApi: {
          getEntities: async request => {
            if (JSON.stringify(request).includes('group:default/finance')) {
              await financeRead;
            }
            return catalog.getEntities(request);
          },
        },
      },
    );
    expect(
      await screen.findByRole('link', { name: 'Orders' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('Open next'));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Orders' })).toBeNull();
    readFinance();
    expect(
      await screen.findByRole('link', { name: 'Revenue' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Orders' })).toBeNull();
  });
});
