export { DomainsOverview } from './DomainsOverview';
