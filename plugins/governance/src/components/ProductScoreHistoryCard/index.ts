export { ProductScoreHistoryCard } from './ProductScoreHistoryCard';
