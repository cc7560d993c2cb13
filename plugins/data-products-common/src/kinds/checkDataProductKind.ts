import {
  DATA_PRODUCT_API_VERSION,
  DATA_PRODUCT_KIND,
} from './DataProductEntityV1alpha1';
import { ValidationIssue } from './validateDataProductEntity';

/** The API group of Meshwork's kinds; written in capitals, a misspelling too. */
const MESHWORK_GROUP = /^meshwork\.dev\//i;

/**
 * What is misspelt in an entity meant as a DataProduct: its kind in another
 * case, or another meshwork.dev version. No processor reads such an entity,
 * and the catalog would say only that. Other groups' kinds are left alone.
 */
export function checkDataProductKind(entity: {
  apiVersion?: unknown;
  kind?: unknown;
}): ValidationIssue[] {
  const { apiVersion, kind } = entity;
  if (
    typeof apiVersion !== 'string' ||
    typeof kind !== 'string' ||
    !MESHWORK_GROUP.test(apiVersion) ||
    kind.toLocaleLowerCase('en-US') !==
      DATA_PRODUCT_KIND.toLocaleLowerCase('en-US')
  ) {
    return [];
  }
  const issues: ValidationIssue[] = [];
  for (const [path, value, expected] of [
    ['apiVersion', apiVersion, DATA_PRODUCT_API_VERSION],
    ['kind', kind, DATA_PRODUCT_KIND],
  ]) {
    if (value !== expected) {
      issues.push({
        path,
        message: `must be ${JSON.stringify(expected)} (got ${JSON.stringify(
          value,
        )})`,
      });
    }
  }
  return issues;
}
