import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
  entityRouteRef,
  type EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import { SWRConfig } from 'swr';
import { governanceApiRef } from '../api';
import { fakeGovernanceApi } from './fixtures';

/** Domains and teams of the fixtures' rollups, titled as in the catalog. */
export const titledEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'logistics', title: 'Logistics and Returns' },
    spec: { owner: 'group:default/logistics-data' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'sales', title: 'Sales' },
    spec: { owner: 'group:default/sales-analytics' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'logistics-data', title: 'Logistics data' },
    spec: {
      type: 'team',
      profile: { displayName: 'Logistics Data Team' },
      children: [],
    },
  },
];

/**
 * The app's presentation of entities, as the catalog's default one presents
 * them once fetched: by `spec.profile.displayName`, else `metadata.title`,
 * else the ref.
 */
function presentationOf(entities: Entity[]): EntityPresentationApi {
  return {
    forEntity: (entityOrRef, context) => {
      const ref =
        typeof entityOrRef === 'string'
          ? entityOrRef
          : stringifyEntityRef(entityOrRef);
      const entity = entities.find(e => stringifyEntityRef(e) === ref);
      const snapshot = defaultEntityPresentation(entity ?? ref, context);
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}

/**
 * Renders as renderWithGovernance does, at `address`, in an app presenting
 * `titledEntities` by their titles.
 */
export function renderWithEntityTitles(element: JSX.Element, address?: string) {
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>,
    {
      apis: [
        [governanceApiRef, fakeGovernanceApi()],
        [entityPresentationApiRef, presentationOf(titledEntities)],
        mockApis.permission(),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: address ? [address] : undefined,
    },
  );
}
