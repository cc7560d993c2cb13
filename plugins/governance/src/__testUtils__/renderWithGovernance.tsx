import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { GovernanceApi, governanceApiRef } from '../api';
import { fakeGovernanceApi } from './fixtures';

/** Renders with the fake governance backend and catalog entity pages mounted. */
export function renderWithGovernance(
  element: JSX.Element,
  overrides: Partial<GovernanceApi> = {},
) {
  return renderInTestApp(element, {
    apis: [[governanceApiRef, fakeGovernanceApi(overrides)]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}
