import type { CatalogApi } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  DataProductEntityV1alpha1,
  DataProductSearchIndex,
  isDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { DataProductsApi, dataProductsApiRef } from '../api';
import { testMesh } from './testMesh';

/** The search API over a real index of the products among `entities`. */
export function indexedSearchApi(entities: Entity[]): DataProductsApi {
  const index = DataProductSearchIndex.build(
    entities.filter(isDataProductEntity) as DataProductEntityV1alpha1[],
  );
  return {
    search: async (term, limit) => index.search(term, limit),
    listings: async query => index.page(query),
    statuses: async () => ({
      byRef: new Map(),
      sloAvailable: true,
      scorecardsAvailable: true,
    }),
    // Measured, nothing breached: as the lineage backend answers a product
    // no event mentions yet.
    slo: async entityRef => ({
      entityRef,
      measuredAt: new Date().toISOString(),
      windowMs: 28 * 86_400_000,
      outputPorts: [],
    }),
    impact: async (entityRef, port) => ({
      product: entityRef,
      port,
      impacted: [],
    }),
    runtimeMatches: async () => [],
  };
}

/**
 * Renders in a test app whose catalog holds `entities` (the test mesh by
 * default) and whose search index is built from them, inside the page of
 * `entity` when given.
 */
export function renderWithCatalog(
  element: JSX.Element,
  options: {
    entity?: Entity;
    entities?: Entity[];
    initialRoute?: string;
    /** Replaces parts of the search API over the entities. */
    dataProductsApi?: Partial<DataProductsApi>;
    /** Replaces methods of the catalog over the entities. */
    catalogApi?: Partial<CatalogApi>;
  } = {},
) {
  const entities = options.entities ?? testMesh;
  const catalogApi = Object.assign(
    catalogApiMock({ entities }),
    options.catalogApi,
  );
  const dataProductsApi = {
    ...indexedSearchApi(entities),
    ...options.dataProductsApi,
  };
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [catalogApiRef, catalogApi],
        [dataProductsApiRef, dataProductsApi],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: options.initialRoute
        ? [options.initialRoute]
        : undefined,
    },
  );
}
