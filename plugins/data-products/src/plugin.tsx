import { Entity } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import {
  ApiBlueprint,
  coreExtensionData,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { isDataProductEntity } from '@meshwork/plugin-data-products-common';
import { dataProductsApiRef, DataProductsClient } from './api';
import { rootRouteRef } from './routes';

const isKind = (kind: string) => (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === kind;

const dataProductsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dataProductsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DataProductsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The page, except at its own address, which opens the explorer with the
 * query string kept: Backstage's redirect to the first tab drops it, and a
 * shared `/data-products?owner=checkout-data` would open the explorer
 * unfiltered.
 */
const RedirectKeepingQuery = ({ page }: { page: JSX.Element }) => {
  const { search, hash } = useLocation();
  return (
    <Routes>
      <Route
        index
        element={
          <Navigate to={{ pathname: 'explorer', search, hash }} replace />
        }
      />
      <Route path="*" element={page} />
    </Routes>
  );
};

const dataProductsPage = PageBlueprint.makeWithOverrides({
  *factory(originalFactory) {
    const page = originalFactory({
      path: '/data-products',
      title: 'Data Products',
      icon: <StorageIcon />,
      routeRef: rootRouteRef,
    });
    for (const data of page) {
      yield data.id === coreExtensionData.reactElement.id
        ? coreExtensionData.reactElement(
            <RedirectKeepingQuery page={data.value} />,
          )
        : data;
    }
  },
});

// A sub-page's element is placed as it is under the page's header and tabs:
// Content gives it the page's margins.
const explorerPage = SubPageBlueprint.make({
  name: 'explorer',
  params: {
    path: 'explorer',
    title: 'Explorer',
    loader: () =>
      import('./components/DataProductExplorer').then(m => (
        <Content>
          <m.DataProductExplorer />
        </Content>
      )),
  },
});

const domainsPage = SubPageBlueprint.make({
  name: 'domains',
  params: {
    path: 'domains',
    title: 'Domains',
    loader: () =>
      import('./components/DomainsOverview').then(m => (
        <Content>
          <m.DomainsOverview />
        </Content>
      )),
  },
});

const onCallPage = SubPageBlueprint.make({
  name: 'on-call',
  params: {
    path: 'on-call',
    title: 'On-call finder',
    loader: () =>
      import('./components/OnCallFinder').then(m => (
        <Content>
          <m.OnCallFinder />
        </Content>
      )),
  },
});

const overviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isDataProductEntity,
    loader: () =>
      import('./components/DataProductOverviewCard').then(m => (
        <m.DataProductOverviewCard />
      )),
  },
});

const supportCard = EntityCardBlueprint.make({
  name: 'support',
  params: {
    filter: isDataProductEntity,
    type: 'info',
    loader: () =>
      import('./components/DataProductSupportCard').then(m => (
        <m.DataProductSupportCard />
      )),
  },
});

const portsCard = EntityCardBlueprint.make({
  name: 'ports',
  params: {
    filter: isDataProductEntity,
    loader: () =>
      import('./components/DataProductPortsCard').then(m => (
        <m.DataProductPortsCard />
      )),
  },
});

const domainProductsCard = EntityCardBlueprint.make({
  name: 'domain-products',
  params: {
    filter: isKind('domain'),
    loader: () =>
      import('./components/DomainDataProductsCard').then(m => (
        <m.DomainDataProductsCard />
      )),
  },
});

const groupProductsCard = EntityCardBlueprint.make({
  name: 'group-products',
  params: {
    filter: isKind('group'),
    loader: () =>
      import('./components/GroupDataProductsCard').then(m => (
        <m.GroupDataProductsCard />
      )),
  },
});

const contractsContent = EntityContentBlueprint.make({
  name: 'contracts',
  params: {
    path: 'contracts',
    title: 'Contracts',
    filter: isDataProductEntity,
    loader: () =>
      import('./components/DataProductContractsContent').then(m => (
        <m.DataProductContractsContent />
      )),
  },
});

/**
 * Data products in Backstage: the explorer, domain overview and on-call
 * finder under /data-products, and the cards and tabs of product, domain and
 * team pages.
 */
export const dataProductsPlugin = createFrontendPlugin({
  pluginId: 'data-products',
  title: 'Data Products',
  icon: <StorageIcon />,
  routes: { root: rootRouteRef },
  extensions: [
    dataProductsApi,
    dataProductsPage,
    explorerPage,
    domainsPage,
    onCallPage,
    overviewCard,
    supportCard,
    portsCard,
    domainProductsCard,
    groupProductsCard,
    contractsContent,
  ],
});
