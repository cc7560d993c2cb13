export { DomainProductsCard } from './DomainProductsCard';
