import {
  comparePhysicalTypes,
  sameTypeWithoutArguments,
  splitPhysicalType,
} from './comparePhysicalTypes';

/**
 * Whether a column type a producer reported (an OpenLineage `schema` facet)
 * is the contract's type. Lengths and precisions count only where both give
 * them: producers often leave them out (Spark reports `string` for any
 * text), so `VARCHAR(36)` matches `string`, but `DECIMAL(12,2)` does not
 * match `decimal(10,4)`, nor `INT` match `bigint`.
 */
export function matchesContractType(
  contract: string,
  observed: string,
): boolean {
  const declared = splitPhysicalType(contract);
  const reported = splitPhysicalType(observed);
  if (declared.args === undefined || reported.args === undefined) {
    return sameTypeWithoutArguments(contract, observed);
  }
  return (
    (declared.name === reported.name && declared.args === reported.args) ||
    comparePhysicalTypes(contract, observed) === 'equivalent'
  );
}
