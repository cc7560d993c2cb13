export { ProductRunsCard } from './ProductRunsCard';
