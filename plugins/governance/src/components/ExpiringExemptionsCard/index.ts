export { ExpiringExemptionsCard } from './ExpiringExemptionsCard';
