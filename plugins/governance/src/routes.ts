import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The governance page: the mesh's scores, levels, trend and exemptions. */
export const rootRouteRef = createRouteRef();
