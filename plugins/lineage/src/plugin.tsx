import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { isDataProductEntity } from '@meshwork/plugin-data-products-common';
import { LineageClient, lineageApiRef } from './api';
import { rootRouteRef } from './routes';

const lineageApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: lineageApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new LineageClient({ discoveryApi, fetchApi }),
    }),
});

const lineagePage = PageBlueprint.make({
  params: {
    path: '/lineage',
    title: 'Lineage',
    icon: <DeviceHubIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/LineagePage').then(m => <m.LineagePage />),
  },
});

const lineageContent = EntityContentBlueprint.make({
  name: 'lineage',
  params: {
    path: 'lineage',
    title: 'Lineage',
    filter: isDataProductEntity,
    loader: () =>
      import('./components/EntityLineageContent').then(m => (
        <m.EntityLineageContent />
      )),
  },
});

const sloCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: isDataProductEntity,
    loader: () =>
      import('./components/ProductSloCard').then(m => <m.ProductSloCard />),
  },
});

const impactCard = EntityCardBlueprint.make({
  name: 'impact',
  params: {
    filter: isDataProductEntity,
    loader: () =>
      import('./components/ImpactAnalysisCard').then(m => (
        <m.ImpactAnalysisCard />
      )),
  },
});

const runsCard = EntityCardBlueprint.make({
  name: 'runs',
  params: {
    filter: isDataProductEntity,
    loader: () =>
      import('./components/ProductRunsCard').then(m => <m.ProductRunsCard />),
  },
});

const driftCard = EntityCardBlueprint.make({
  name: 'drift',
  params: {
    filter: isDataProductEntity,
    loader: () =>
      import('./components/ProductDriftCard').then(m => <m.ProductDriftCard />),
  },
});

/**
 * Lineage in Backstage: the Lineage tab and SLO, impact, runs and drift
 * cards of data product pages, and a lineage page for any dataset or job.
 */
export const lineagePlugin = createFrontendPlugin({
  pluginId: 'lineage',
  title: 'Lineage',
  icon: <DeviceHubIcon />,
  routes: { root: rootRouteRef },
  extensions: [
    lineageApi,
    lineagePage,
    lineageContent,
    sloCard,
    impactCard,
    runsCard,
    driftCard,
  ],
});
