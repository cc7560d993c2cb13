import type { TableOptions } from '@backstage/core-components';

/** A table inside an info card: every row, no toolbar or search of its own. */
export const cardTableOptions: TableOptions = {
  toolbar: false,
  paging: false,
  search: false,
  padding: 'dense',
};
