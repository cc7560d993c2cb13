export type { ImpactedProduct, ProductImpact } from './ProductImpact';
export type { ProductDrift, ProductEdge, ProductGraph } from './ProductLineage';
export type {
  FailedAssertion,
  FreshnessMeasure,
  PortDrop,
  PortSlo,
  ProductSlo,
  QualityMeasure,
  QualityRuleSpec,
  SchemaDriftMeasure,
  SloStatus,
  VolumeMeasure,
} from './ProductSlo';
export type { ProductSloStatus } from './ProductSloStatus';
export type {
  RuntimeProductMatch,
  RuntimeProductSearch,
} from './RuntimeProductMatch';
export {
  MAX_DATASETS_PER_OWNERS_REQUEST,
  MAX_OWNERS_REQUEST_BYTES,
} from './maxDatasetsPerOwnersRequest';
export { describeFailedAssertion } from './describeFailedAssertion';
export { describeQualityBreach } from './describeQualityBreach';
export { describeQualityBreaches } from './describeQualityBreaches';
export { describeSloBreaches } from './describeSloBreaches';
export { describeSloMeasures } from './describeSloMeasures';
export type { SloMeasureText } from './describeSloMeasures';
export { lineageEntityPath } from './lineageEntityPath';
export { schemaQualityRules } from './schemaQualityRules';
export type { DeclaredQualityRule } from './schemaQualityRules';
