export { DataProductSupportCard } from './DataProductSupportCard';
