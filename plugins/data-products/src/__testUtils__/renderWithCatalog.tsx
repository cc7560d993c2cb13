import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { testMesh } from './testMesh';

/**
 * Renders in a test app whose catalog holds `entities` (the test mesh by
 * default), inside the page of `entity` when given.
 */
export function renderWithCatalog(
  element: JSX.Element,
  options: { entity?: Entity; entities?: Entity[]; initialRoute?: string } = {},
) {
  const catalogApi = catalogApiMock({ entities: options.entities ?? testMesh });
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [[catalogApiRef, catalogApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: options.initialRoute
        ? [options.initialRoute]
        : undefined,
    },
  );
}
