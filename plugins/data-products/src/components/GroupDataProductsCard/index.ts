export { GroupDataProductsCard } from './GroupDataProductsCard';
