/**
 * Lineage in Backstage: lineage graphs of data products, datasets and jobs,
 * column lineage, impact analysis, measured SLOs, runs and drift.
 *
 * @packageDocumentation
 */
export { lineagePlugin as default } from './plugin';
export { rootRouteRef } from './routes';
export { lineageApiRef, LineageClient } from './api';
export type { LineageApi } from './api';
export { LineageExplorer } from './components/LineageExplorer';
export { EntityLineageContent } from './components/EntityLineageContent';
export { LineagePage } from './components/LineagePage';
export { ProductSloCard } from './components/ProductSloCard';
export { ImpactAnalysisCard } from './components/ImpactAnalysisCard';
export { ProductRunsCard } from './components/ProductRunsCard';
export { ProductDriftCard } from './components/ProductDriftCard';
export { ColumnLineageCard } from './components/ColumnLineageCard';
