import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isDataProductEntity } from '@meshwork/plugin-data-products-common';
import { governanceApiRef, GovernanceClient } from './api';

const governanceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: governanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GovernanceClient({ discoveryApi, fetchApi }),
    }),
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

/**
 * Governance for data products: each product's scorecard on its page.
 *
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'governance',
  extensions: [governanceApi, scorecardCard],
});
