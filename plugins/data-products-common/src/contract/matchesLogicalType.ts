import type { LogicalType } from './DataContract';
import {
  arrayElementType,
  parsePhysicalType,
  splitPhysicalType,
} from './comparePhysicalTypes';

/** Type names, besides those parsePhysicalType knows, by logical type. */
const OTHER_NAMES: Partial<Record<LogicalType, RegExp>> = {
  date: /^date(32|64)?$/,
  object: /^(struct|map|record|object|json|jsonb|variant|row)(<.*)?$/,
  array: /^(array|list)(<.*)?$/,
};

const FAMILIES: Partial<Record<LogicalType, string[]>> = {
  string: ['text'],
  integer: ['integer'],
  number: ['integer', 'decimal', 'float'],
  boolean: ['boolean'],
  timestamp: ['timestamp', 'timestamptz', 'timestampltz', 'datetime'],
  time: ['time', 'timetz'],
};

/**
 * Whether a column type a producer reported is of an ODCS logical type, for
 * a contract that gives no physical type; undefined for a type it does not
 * know, which it cannot judge. An integer may be reported as a whole-number
 * decimal (Snowflake's `NUMBER(38,0)`, or a bare `NUMBER`).
 */
export function matchesLogicalType(
  logicalType: LogicalType,
  observed: string,
): boolean | undefined {
  if (arrayElementType(observed) !== undefined) return logicalType === 'array';
  const { name, args } = splitPhysicalType(observed);
  const named = Object.entries(OTHER_NAMES).find(([, pattern]) =>
    pattern!.test(name),
  );
  if (named) return named[0] === logicalType;
  const parsed = parsePhysicalType(observed);
  // ODCS has no logical type of bytes: a contract may call them a `string`
  // (as JSON Schema and OpenAPI do, encoded) or an `array`.
  if (!parsed || parsed.family === 'binary') return undefined;
  if (
    logicalType === 'integer' &&
    parsed.family === 'decimal' &&
    (parsed.scale === 0 || (name === 'number' && args === undefined))
  ) {
    return true;
  }
  return FAMILIES[logicalType]?.includes(parsed.family) ?? false;
}
