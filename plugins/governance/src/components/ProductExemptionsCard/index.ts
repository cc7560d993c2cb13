export { ProductExemptionsCard } from './ProductExemptionsCard';
