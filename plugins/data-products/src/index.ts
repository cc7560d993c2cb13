/**
 * Data products in Backstage: explorer, product pages, domain ownership and
 * the on-call finder.
 *
 * @packageDocumentation
 */
export { dataProductsPlugin as default } from './plugin';
export { rootRouteRef } from './routes';
export { dataProductsApiRef, DataProductsClient } from './api';
export type { DataProductsApi } from './api';
export { DataProductExplorer } from './components/DataProductExplorer';
export { DomainsOverview } from './components/DomainsOverview';
export { OnCallFinder } from './components/OnCallFinder';
export { DataProductOverviewCard } from './components/DataProductOverviewCard';
export { DataProductSupportCard } from './components/DataProductSupportCard';
export { DataProductPortsCard } from './components/DataProductPortsCard';
export { DataProductContractsContent } from './components/DataProductContractsContent';
export { DomainDataProductsCard } from './components/DomainDataProductsCard';
export { GroupDataProductsCard } from './components/GroupDataProductsCard';
