import { createFrontendModule } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { withElementWrapped } from '../withElementWrapped';
import { FittedUserListPicker } from './FittedUserListPicker';

/** The catalog's Owned/Starred/All filter, with its labels uncut at 1280 px. */
const userListFilter = catalogPlugin
  .getExtension('catalog-filter:catalog/list')
  .override({
    factory: originalFactory =>
      withElementWrapped(originalFactory(), FittedUserListPicker),
  });

export const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [userListFilter],
});
