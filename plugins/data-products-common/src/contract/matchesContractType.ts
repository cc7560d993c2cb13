import {
  arrayElementType,
  comparePhysicalTypes,
  parsePhysicalType,
  sameTypeWithoutArguments,
  splitPhysicalType,
} from './comparePhysicalTypes';

/** Decimal digits every value of an integer of this many bytes needs. */
const INTEGER_DIGITS = new Map([
  [1, 3],
  [2, 5],
  [3, 8],
  [4, 10],
  [8, 19],
  [16, 39],
]);

const COMPLEX_TYPES = ['array', 'map', 'struct'];

/** A calendar date, as SQL and Arrow (pandas, Polars, DuckDB's Arrow output) name it. */
const DATE_NAMES = new Set(['date', 'date32', 'date64']);

/**
 * A contract's integer type reported as a whole-number decimal that holds
 * all its values: Snowflake reports every integer column as `NUMBER(38,0)`,
 * or as a bare `NUMBER` where the producer reads only its information
 * schema's `data_type` (as Oracle's does), which gives no scale to tell.
 */
function wholeNumberSpelling(contract: string, observed: string): boolean {
  const integer = parsePhysicalType(contract);
  if (integer?.family !== 'integer') return false;
  const reported = splitPhysicalType(observed);
  if (reported.name === 'number' && reported.args === undefined) return true;
  const decimal = parsePhysicalType(observed);
  return (
    decimal?.family === 'decimal' &&
    decimal.scale === 0 &&
    decimal.size >= (INTEGER_DIGITS.get(integer.size) ?? Infinity)
  );
}

/**
 * A complex type given without its element types (`array`, as Spark's
 * integration reports it), and one with them (`ARRAY<STRING>`).
 */
function complexTypeWithoutElements(a: string, b: string): boolean {
  const [nameA, nameB] = [a, b].map(text => splitPhysicalType(text).name);
  return COMPLEX_TYPES.some(
    type =>
      (nameA === type && nameB.startsWith(`${type}<`)) ||
      (nameB === type && nameA.startsWith(`${type}<`)),
  );
}

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
  const [declaredElement, reportedElement] = [contract, observed].map(
    arrayElementType,
  );
  if (declaredElement !== undefined || reportedElement !== undefined) {
    // An array only matches an array, of a matching element type.
    return (
      declaredElement !== undefined &&
      reportedElement !== undefined &&
      matchesContractType(declaredElement, reportedElement)
    );
  }
  const declared = splitPhysicalType(contract);
  const reported = splitPhysicalType(observed);
  if (
    wholeNumberSpelling(contract, observed) ||
    complexTypeWithoutElements(contract, observed) ||
    (DATE_NAMES.has(declared.name) && DATE_NAMES.has(reported.name))
  ) {
    return true;
  }
  if (declared.args === undefined || reported.args === undefined) {
    return sameTypeWithoutArguments(contract, observed);
  }
  return (
    (declared.name === reported.name && declared.args === reported.args) ||
    comparePhysicalTypes(contract, observed) === 'equivalent'
  );
}
