import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The data products page; its tabs are `explorer`, `domains` and `on-call`. */
export const rootRouteRef = createRouteRef();
