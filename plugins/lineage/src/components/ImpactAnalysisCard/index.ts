export { ImpactAnalysisCard } from './ImpactAnalysisCard';
