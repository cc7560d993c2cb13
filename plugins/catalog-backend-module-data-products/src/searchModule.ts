import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import { dataProductCollatorEntityTransformer } from './dataProductCollatorEntityTransformer';

/** Indexes data products with their datasets and contract columns. */
export const searchModuleDataProductColumns = createBackendModule({
  pluginId: 'search',
  moduleId: 'data-product-columns',
  register(env) {
    env.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer(dataProductCollatorEntityTransformer);
      },
    });
  },
});
