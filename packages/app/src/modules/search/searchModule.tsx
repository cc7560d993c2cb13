import { createFrontendModule } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';

/** Catalog search results shown by Meshwork's CatalogSearchResultListItem. */
const catalogSearchResultListItem = catalogPlugin
  .getExtension('search-result-list-item:catalog')
  .override({
    params: {
      component: () =>
        import('./CatalogSearchResultListItem').then(
          m => m.CatalogSearchResultListItem,
        ),
    },
  });

export const searchModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogSearchResultListItem],
});
