import {
  arrayElementType,
  comparePhysicalTypes,
  parsePhysicalType,
  INTEGER_DIGITS,
  sameLengthUnit,
  sameTypeWithoutArguments,
  splitPhysicalType,
  withoutNullability,
} from './comparePhysicalTypes';

/**
 * Complex types by their names: BigQuery's API reports STRUCT as RECORD,
 * Trino names it ROW.
 */
const COMPLEX_TYPES = new Map([
  ['array', 'array'],
  ['map', 'map'],
  ['struct', 'struct'],
  ['record', 'struct'],
  ['row', 'struct'],
]);

/**
 * How deep element types are compared: a producer's type may nest without
 * end, and each level reads the whole text again.
 */
const MAX_ELEMENT_DEPTH = 16;

interface ComplexType {
  kind: string;
  /** Element types, a struct's as `name: type`; undefined when not given. */
  elements?: string[];
}

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
 * `ARRAY<STRING>`, `map<string, int>`, `struct<a: int>`, as Trino writes
 * them `array(varchar)`, as Postgres writes an array `int[]`, or `array`
 * without its element types, as Spark's integration reports it; undefined
 * for another type.
 */
function complexType(text: string): ComplexType | undefined {
  const element = arrayElementType(text);
  if (element !== undefined) return { kind: 'array', elements: [element] };
  const open = text.search(/[<(]/);
  const kind = COMPLEX_TYPES.get(
    (open < 0 ? text : text.slice(0, open)).trim().toLowerCase(),
  );
  if (!kind || open < 0) return kind ? { kind } : undefined;
  const close = text.trimEnd().length - 1;
  const closing = text[open] === '<' ? '>' : ')';
  const elements =
    text[close] === closing
      ? topLevelParts(text.slice(open + 1, close))
      : undefined;
  return elements && { kind, elements };
}

/** A list of types split at the commas outside brackets; undefined if unbalanced. */
function topLevelParts(text: string): string[] | undefined {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length && depth >= 0; i++) {
    if ('<(['.includes(text[i])) depth++;
    else if ('>)]'.includes(text[i])) depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return depth === 0 ? parts : undefined;
}

/**
 * The same kind of complex type, with matching element types where both give
 * them: a struct's fields in the same order, by the same names.
 */
function complexTypesMatch(
  declared: ComplexType,
  reported: ComplexType,
  depth: number,
) {
  const [a, b] = [declared.elements, reported.elements];
  if (declared.kind !== reported.kind) return false;
  if (!a || !b || depth >= MAX_ELEMENT_DEPTH) return true;
  return (
    a.length === b.length &&
    a.every((element, i) =>
      declared.kind === 'struct'
        ? fieldsMatch(element, b[i], depth + 1)
        : typesMatch(element, b[i], depth + 1),
    )
  );
}

/**
 * `a: int` (Spark), `A INT64` (BigQuery), `a integer` (Trino) and `` `a` INT ``
 * (Flink, which quotes names) are one field.
 */
function fieldsMatch(
  declared: string,
  reported: string,
  depth: number,
): boolean {
  const [a, b] = [declared, reported].map(field => {
    // Flink quotes a name (`first name`, a backtick doubled within) and may
    // follow the type with a description ('the id').
    const quoted = /^`((?:[^`]|``)*)`(.*)$/s.exec(field);
    const nameEnd = quoted ? field.length : field.search(/[\s:]|$/);
    const name = quoted
      ? quoted[1].replace(/``/g, '`')
      : field.slice(0, nameEnd);
    return {
      name: name.toLowerCase(),
      type: (quoted ? quoted[2] : field.slice(nameEnd))
        .replace(/^\s*:?\s*/, '')
        .replace(/\s+'(?:[^']|'')*'\s*$/, ''),
    };
  });
  return a.name === b.name && typesMatch(a.type, b.type, depth);
}

/**
 * Whether a column type a producer reported (an OpenLineage `schema` facet)
 * is the contract's type. Lengths and precisions count only where both give
 * them: producers often leave them out (Spark reports `string` for any
 * text), so `VARCHAR(36)` matches `string`, but `DECIMAL(12,2)` does not
 * match `decimal(10,4)`, nor `INT` match `bigint`. Element types of arrays,
 * maps and structs match by the same rules.
 */
export function matchesContractType(
  contract: string,
  observed: string,
): boolean {
  return typesMatch(contract, observed, 0);
}

/** matchesContractType of types nested `depth` levels in complex ones. */
function typesMatch(
  contract: string,
  observed: string,
  depth: number,
): boolean {
  const declaredComplex = complexType(withoutNullability(contract));
  const reportedComplex = complexType(withoutNullability(observed));
  if (declaredComplex || reportedComplex) {
    // A complex type only matches one of its kind, of matching elements.
    return (
      !!declaredComplex &&
      !!reportedComplex &&
      complexTypesMatch(declaredComplex, reportedComplex, depth)
    );
  }
  const declared = splitPhysicalType(contract);
  const reported = splitPhysicalType(observed);
  // 20 characters are not 20 bytes (Oracle's `VARCHAR2(20 CHAR)`).
  if (!sameLengthUnit(declared.unit, reported.unit)) {
    return false;
  }
  if (
    wholeNumberSpelling(contract, observed) ||
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
