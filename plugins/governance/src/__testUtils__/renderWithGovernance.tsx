import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SWRConfig } from 'swr';
import { GovernanceApi, governanceApiRef } from '../api';
import { fakeGovernanceApi } from './fixtures';

/**
 * Renders with the fake governance backend and catalog entity pages mounted,
 * signed in as the test app's `user:default/guest`, at `address` (default
 * `/`); every permission is allowed unless `authorize` decides.
 */
export function renderWithGovernance(
  element: JSX.Element,
  overrides: Partial<GovernanceApi> = {},
  options: Parameters<typeof mockApis.permission>[0] = {},
  address?: string,
) {
  return renderInTestApp(
    // `usePermission` keeps decisions in a cache of its library's, for the
    // page's life: each test's decisions are its own.
    <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>,
    {
      apis: [
        [governanceApiRef, fakeGovernanceApi(overrides)],
        mockApis.permission(options),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: address ? [address] : undefined,
    },
  );
}
