export type { ImpactedProduct, ProductImpact } from './ProductImpact';
