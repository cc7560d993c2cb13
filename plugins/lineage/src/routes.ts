import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The lineage page: `?node=dataset:<ns>:<name>` or `job:<ns>:<name>`. */
export const rootRouteRef = createRouteRef();
