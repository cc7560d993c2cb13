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
import { isDataProductEntity } from '@meshwork/plugin-data-products-common';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { governanceApiRef, GovernanceClient } from './api';
import { rootRouteRef } from './routes';

const governanceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: governanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GovernanceClient({ discoveryApi, fetchApi }),
    }),
});

const governancePage = PageBlueprint.make({
  params: {
    path: '/governance',
    title: 'Governance',
    icon: <VerifiedUserIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/GovernancePage').then(m => <m.GovernancePage />),
  },
});

const scorecardCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: isDataProductEntity,
    loader: () =>
      import('./components/GovernanceScorecardCard').then(m => (
        <m.GovernanceScorecardCard />
      )),
  },
});

const governanceContent = EntityContentBlueprint.make({
  name: 'governance',
  params: {
    path: 'governance',
    title: 'Governance',
    filter: isDataProductEntity,
    loader: () =>
      import('./components/ProductGovernanceContent').then(m => (
        <m.ProductGovernanceContent />
      )),
  },
});

/**
 * Governance for data products: each product's scorecard on its page, a
 * Governance tab with its scorecard, score over time and exemptions, and a
 * governance page with the whole mesh's scores, trend and exemptions.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'governance',
  title: 'Governance',
  icon: <VerifiedUserIcon />,
  routes: { root: rootRouteRef },
  extensions: [governanceApi, governancePage, scorecardCard, governanceContent],
});
