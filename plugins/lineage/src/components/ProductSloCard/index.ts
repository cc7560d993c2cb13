export { ProductSloCard } from './ProductSloCard';
