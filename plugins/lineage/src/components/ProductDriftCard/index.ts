export { ProductDriftCard } from './ProductDriftCard';
