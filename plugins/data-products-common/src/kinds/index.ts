export * from './DataProductEntityV1alpha1';
export { validateDataProductEntity } from './validateDataProductEntity';
export type { ValidationIssue } from './validateDataProductEntity';
export { parseDuration, parsePercentage, describeDuration } from './durations';
export { parseInputPortRef } from './parseInputPortRef';
export { dataProductSearchText } from './dataProductSearchText';
export { describeSlos } from './describeSlos';
export { matchDataProduct, parseSearchTerm } from './matchDataProduct';
export type { DataProductMatch } from './matchDataProduct';
export type { InputPortTarget } from './parseInputPortRef';
export { default as dataProductEntityV1alpha1Schema } from './DataProduct.v1alpha1.schema.json';
export {
  checkDataProductReferences,
  dataProductReferences,
  normalizedEntityRef,
} from './checkDataProductReferences';
export type {
  DataProductReferences,
  ReferencedEntity,
} from './checkDataProductReferences';
