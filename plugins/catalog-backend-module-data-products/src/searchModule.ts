import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogCollatorExtensionPoint,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  dataProductSearchText,
  isDataProductEntity,
} from '@meshwork/plugin-data-products-common';

/** Indexes data products with their datasets and contract columns. */
export const searchModuleDataProductColumns = createBackendModule({
  pluginId: 'search',
  moduleId: 'data-product-columns',
  register(env) {
    env.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer(entity => {
          const document = defaultCatalogCollatorEntityTransformer(entity);
          return isDataProductEntity(entity)
            ? { ...document, text: dataProductSearchText(entity) }
            : document;
        });
      },
    });
  },
});
