export { DomainDataProductsCard } from './DomainDataProductsCard';
