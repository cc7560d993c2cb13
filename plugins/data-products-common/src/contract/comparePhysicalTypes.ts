/*
 * Tells whether a change of physical type can lose data ("narrower"), by
 * family: text length, binary length, integer width, decimal precision and
 * scale, float width, time precision, a date and time becoming a date. Two
 * types it knows of different families (text becoming an integer, a
 * timestamp one with a time zone) are "incompatible", but for the widenings
 * it names: a date becoming a date and time, an integer a decimal of as
 * many digits or a float holding it exactly (int → double).
 * An array's element types (`array<int>`, `int[]`) are compared by the same
 * rules; an array where there was a type it knows, or the reverse, is
 * "incompatible". Types it does not know are only "different": it cannot
 * tell, so it does not claim either way.
 */

type Family =
  | 'text'
  | 'binary'
  | 'integer'
  | 'decimal'
  | 'float'
  | 'boolean'
  | TimeFamily;

type TimeFamily =
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'timestampltz'
  | 'datetime'
  | 'time'
  | 'timetz';

export type PhysicalType = SizedType | EngineSizedType;

interface SizedType {
  family: Exclude<Family, EngineSizedType['family']>;
  /** Text length, bytes, fractional-second digits; Infinity when unbounded. */
  size: number;
  /** Decimal digits after the point. */
  scale: number;
  /** What a text length counts, where the type says (Oracle's `20 CHAR`). */
  unit?: LengthUnit;
}

export type LengthUnit = 'char' | 'byte';

/**
 * Bytes a character may take in any Oracle character set (AL32UTF8's
 * most): a length of this many bytes per character holds any text of as
 * many characters.
 */
const MAX_BYTES_PER_CHAR = 4;

/** A type whose bare name leaves its size to the engine (`float`, `binary`). */
interface EngineSizedType {
  family: 'float' | 'binary';
  /** Bytes; undefined where the name leaves them to the engine. */
  size?: number;
  scale: number;
}

const INTEGER_BYTES = new Map<string, number>([
  ['tinyint', 1],
  ['int1', 1],
  ['byte', 1],
  ['smallint', 2],
  ['int2', 2],
  ['short', 2],
  ['smallserial', 2],
  ['mediumint', 3],
  ['int', 4],
  ['integer', 4],
  ['int4', 4],
  ['serial', 4],
  ['int16', 2],
  ['int32', 4],
  ['bigint', 8],
  ['int8', 8],
  ['int64', 8],
  ['long', 8],
  ['bigserial', 8],
  ['hugeint', 16],
]);

const FLOAT_BYTES = new Map<string, number>([
  ['real', 4],
  ['float4', 4],
  ['float32', 4],
  ['double', 8],
  ['double precision', 8],
  ['float8', 8],
  ['float64', 8],
]);

/**
 * Bytes an integer name has in BigQuery besides its usual ones: its API
 * reports INT64 by the legacy name `INTEGER`. Only a producer's report takes
 * either: a contract's `INTEGER` is SQL's 4 bytes (Postgres, MySQL, SQL
 * Server), as this comparison is not told the contract's platform.
 */
const BIGQUERY_BYTES = new Map([['integer', 8]]);

const BOOLEAN = new Set(['boolean', 'bool']);

const TEXT = new Set([
  'varchar',
  'character varying',
  'nvarchar',
  'varchar2',
  'char',
  'character',
  'nchar',
  'bpchar',
  'string',
  'text',
]);

/**
 * Byte strings, without a length unbounded as `varchar` is: BigQuery's and
 * Avro's `bytes`, Postgres's `bytea`, SQL's `varbinary`, Oracle's `raw`. A
 * bare `binary` is the engine's: one byte in SQL Server and MySQL (as SQL's
 * `char` is one character), unbounded in Spark, Hive and Databricks.
 */
const BINARY = new Set([
  'binary',
  'varbinary',
  'binary varying',
  'bytea',
  'bytes',
  'blob',
  'raw',
]);

/**
 * A type without its nullability, wherever it stands (`ARRAY<INT NOT NULL>
 * NOT NULL`, as Flink writes types): whether a column takes nulls is not its
 * type. A `null` right after a struct field's name is the field's type
 * (`ROW<x NULL>`, `struct<x: null>`: Trino's and Spark's null type).
 */
export function withoutNullability(text: string): string {
  const fieldNameEnds = structFieldNameEnds(text);
  return text.replace(
    /(?<=[\w)\]>`"])\s+(?:not\s+)?null(?=\s*(?:[,>)]|$))/gi,
    (match, offset: number) => (fieldNameEnds.has(offset) ? match : ''),
  );
}

const STRUCT_NAMES = new Set(['row', 'struct', 'record']);

/**
 * Where each field name of a struct (`row<a int, b …>`, `struct(…)`) ends,
 * found in one pass: the type comes from producers. Quoted names and
 * descriptions (`` `a,b` ``, `'it''s'`) are skipped whole.
 */
function structFieldNameEnds(text: string): Set<number> {
  const ends = new Set<number>();
  const inStruct: boolean[] = [];
  const nameEndFrom = (start: number) => {
    let i = start;
    while (/\s/.test(text[i] ?? '')) i++;
    const quote = text[i];
    if (quote === '`' || quote === '"') {
      const close = quotedEnd(text, i);
      if (close < text.length) ends.add(close + 1);
      return close;
    }
    const word = /^\w+/.exec(text.slice(i, i + 256))?.[0].length ?? 0;
    if (word > 0 && word < 256) ends.add(i + word);
    return i - 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '`' || c === '"') {
      i = quotedEnd(text, i);
    } else if ('<(['.includes(c)) {
      const before = /(\w+)\s*$/.exec(text.slice(Math.max(0, i - 16), i));
      const struct = STRUCT_NAMES.has(before?.[1].toLowerCase() ?? '');
      inStruct.push(struct);
      if (struct) i = nameEndFrom(i + 1);
    } else if ('>)]'.includes(c)) {
      inStruct.pop();
    } else if (c === ',' && inStruct[inStruct.length - 1]) {
      i = nameEndFrom(i + 1);
    }
  }
  return ends;
}

/** Where the quoted text opening at `open` closes (a quote doubled within). */
function quotedEnd(text: string, open: number): number {
  const quote = text[open];
  let i = open + 1;
  while (i < text.length) {
    if (text[i] === quote && text[i + 1] === quote) i += 2;
    else if (text[i] === quote) return i;
    else i++;
  }
  return text.length;
}

/** The element type of an array as Postgres writes it (`int[]`), if one. */
export function arrayElementType(text: string): string | undefined {
  return /^(.*\S)\s*\[\s*\]\s*$/.exec(text)?.[1];
}

/**
 * The element type of an array as Postgres (`int[]`) or Spark, Hive and
 * Databricks (`array<int>`) write it, if one.
 */
function elementType(type: string): string | undefined {
  const text = withoutNullability(type);
  const postgres = arrayElementType(text);
  if (postgres !== undefined) return postgres;
  const inner = /^\s*array\s*<(.*)>\s*$/is.exec(text)?.[1];
  if (inner === undefined || inner.trim() === '') return undefined;
  // `array<int>, map<…>` is not one array: its brackets must balance.
  let depth = 0;
  for (const c of inner) {
    if (c === '<') depth++;
    else if (c === '>' && --depth < 0) return undefined;
  }
  return depth === 0 ? inner.trim() : undefined;
}

/** How many arrays deep element types are compared. */
const MAX_ARRAY_DEPTH = 16;

/** Decimal digits every value of an integer of this many bytes needs. */
export const INTEGER_DIGITS = new Map([
  [1, 3],
  [2, 5],
  [3, 8],
  [4, 10],
  [8, 19],
  [16, 39],
]);

/** Bits of an integer a float of this many bytes holds exactly (IEEE 754). */
const FLOAT_MANTISSA_BITS = new Map([
  [4, 24],
  [8, 53],
]);

/** Fixed-width text without a length holds one character (SQL standard). */
const ONE_CHAR_BY_DEFAULT = new Set(['char', 'character', 'nchar']);

const DECIMAL = new Set(['decimal', 'numeric', 'number']);

/** Spellings of the same time type; time zone or not is a different type. */
const TIME = new Map<string, TimeFamily>([
  ['date', 'date'],
  ['timestamp', 'timestamp'],
  ['timestamp without time zone', 'timestamp'],
  // Snowflake's without a time zone, with the writer's offset, and with the
  // session's (an instant, which keeps no offset: a type of its own).
  ['timestamp_ntz', 'timestamp'],
  ['timestamptz', 'timestamptz'],
  ['timestamp with time zone', 'timestamptz'],
  ['timestamp_tz', 'timestamptz'],
  ['timestamp_ltz', 'timestampltz'],
  ['datetime', 'datetime'],
  ['datetime2', 'datetime'],
  ['time', 'time'],
  ['time without time zone', 'time'],
  ['timetz', 'timetz'],
  ['time with time zone', 'timetz'],
]);

/** The time types that hold a calendar date and a time of day. */
const DATE_AND_TIME = new Set<Family>([
  'timestamp',
  'timestamptz',
  'timestampltz',
  'datetime',
]);

/**
 * Fractional-second digits a time type keeps unless given, where not the 6
 * (microseconds) most databases keep: Snowflake's own names keep 9
 * (nanoseconds), SQL Server's datetime2 7.
 */
const DEFAULT_DIGITS = new Map([
  ['timestamp_ntz', 9],
  ['timestamp_tz', 9],
  ['timestamp_ltz', 9],
  ['datetime2', 7],
]);

/**
 * A type's name and its arguments, spelt one way: lower case, single spaces,
 * none around the punctuation of a complex type (`map<string, int>`),
 * arguments wherever they stand (`TIMESTAMP(3) WITH TIME ZONE`) taken out,
 * nullability (`INT NOT NULL`) left out. An array's empty brackets (`text[]`)
 * are part of its name. Oracle's length unit (`VARCHAR2(20 CHAR)`, `20
 * BYTE`) is taken out of the arguments into `unit`.
 */
export function splitPhysicalType(text: string): {
  name: string;
  /** `12,2` for `numeric(12, 2)`; undefined when none are given. */
  args?: string;
  /** Oracle's length unit, where given. */
  unit?: LengthUnit;
} {
  const lower = withoutNullability(text.toLowerCase());
  const span = argumentsSpan(lower);
  const name = (
    span ? lower.slice(0, span.open) + lower.slice(span.close + 1) : lower
  )
    .replace(/\s+/g, ' ')
    .replace(/ ?([<>,:[\]]) ?/g, '$1')
    .trim();
  if (!span) return { name };
  const args = lower.slice(span.open + 1, span.close);
  const unit = /\d\s*(char|byte)\s*$/.exec(args)?.[1] as LengthUnit | undefined;
  return {
    name,
    args: args.replace(/(\d)\s*(?:char|byte)\s*$/, '$1').replace(/\s+/g, ''),
    ...(unit && { unit }),
  };
}

/**
 * Whether two text lengths may count in the same unit. A length without one
 * counts in the engine's (characters in Postgres, MySQL or Snowflake; in
 * Oracle, bytes or characters by the session's NLS_LENGTH_SEMANTICS), so
 * only two units both given can differ.
 */
export function sameLengthUnit(a?: LengthUnit, b?: LengthUnit): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Where the first brackets holding more than spaces open and close, found
 * in one pass: the type comes from producers, and a regular expression for
 * it took cubic time on a long run of brackets.
 */
function argumentsSpan(
  text: string,
): { open: number; close: number } | undefined {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (open < 0) {
      if (c === '(' || c === '[') open = i;
    } else if (c === ')' || c === ']') {
      if (text.slice(open + 1, i).trim() !== '') return { open, close: i };
      open = -1;
    }
  }
  return undefined;
}

/**
 * `VARCHAR(32)`, `varchar[15]`, `numeric(12, 2)` → family and numbers;
 * undefined for a type it does not know.
 */
export function parsePhysicalType(text: string): PhysicalType | undefined {
  const { name, args: argText = '', unit } = splitPhysicalType(text);
  if (!/^[a-z][a-z0-9_ ]*$/.test(name) || !/^[\d,]*$/.test(argText)) {
    return undefined;
  }
  const args = argText.split(',').filter(Boolean).map(Number);
  if (TEXT.has(name)) {
    const defaultLength = ONE_CHAR_BY_DEFAULT.has(name) ? 1 : Infinity;
    return {
      family: 'text',
      size: args[0] ?? defaultLength,
      scale: 0,
      ...(unit && { unit }),
    };
  }
  if (BINARY.has(name)) {
    return {
      family: 'binary',
      size: args[0] ?? (name === 'binary' ? undefined : Infinity),
      scale: 0,
    };
  }
  const integerBytes = INTEGER_BYTES.get(name);
  if (integerBytes !== undefined) {
    return { family: 'integer', size: integerBytes, scale: 0 };
  }
  if (BOOLEAN.has(name)) {
    return { family: 'boolean', size: 1, scale: 0 };
  }
  const floatBytes = FLOAT_BYTES.get(name);
  if (floatBytes !== undefined) {
    return { family: 'float', size: floatBytes, scale: 0 };
  }
  if (name === 'float') {
    // 4 bytes in Spark, MySQL and DuckDB, 8 in Postgres, Snowflake, SQL
    // Server and BigQuery (its API's name for FLOAT64): the engine's choice.
    return { family: 'float', scale: 0 };
  }
  if (DECIMAL.has(name)) {
    // Digits before the point (precision minus scale), and the scale.
    const [precision, scale = 0] = args;
    return {
      family: 'decimal',
      size: precision === undefined ? Infinity : precision - scale,
      scale: precision === undefined ? Infinity : scale,
    };
  }
  const timeFamily = TIME.get(name);
  if (timeFamily) {
    return {
      family: timeFamily,
      size:
        timeFamily === 'date' ? 0 : args[0] ?? DEFAULT_DIGITS.get(name) ?? 6,
      scale: 0,
    };
  }
  return undefined;
}

/**
 * `narrower` when some values of `before` no longer fit `after`, e.g.
 * varchar(64) → varchar(32), bigint → int, numeric(12,2) → numeric(10,0),
 * or a decimal or float becoming an integer; `wider` for the reverse, a date
 * becoming a date and time, or an integer a decimal or float holding all its
 * values exactly;
 * `equivalent` for another spelling of the same type, e.g. int4 → integer;
 * `incompatible` for another family, e.g. string → bigint, timestamp →
 * timestamptz, int → varchar(10); `different` when it does not know one.
 * Arrays compare by their element types: array<bigint> → int[] is narrower,
 * text → text[] incompatible.
 */
export function comparePhysicalTypes(
  before: string,
  after: string,
): 'narrower' | 'wider' | 'equivalent' | 'incompatible' | 'different' {
  let [elementA, elementB] = [before, after];
  for (let depth = 0; depth < MAX_ARRAY_DEPTH; depth++) {
    const a = elementType(elementA);
    const b = elementType(elementB);
    if (a === undefined && b === undefined) break;
    if (a === undefined || b === undefined) {
      // Readers of a scalar fail on an array and the reverse; the other side
      // must be a type it knows (not `jsonb`, a bare `array` or `list<…>`).
      const scalar = a === undefined ? elementA : elementB;
      return parsePhysicalType(scalar) ? 'incompatible' : 'different';
    }
    [elementA, elementB] = [a, b];
  }
  return compareScalarTypes(elementA, elementB);
}

function compareScalarTypes(
  before: string,
  after: string,
): 'narrower' | 'wider' | 'equivalent' | 'incompatible' | 'different' {
  const a = parsePhysicalType(before);
  const b = parsePhysicalType(after);
  if (!a || !b) {
    return 'different';
  }
  if (a.family !== b.family) {
    const dropsFraction =
      (a.family === 'decimal' || a.family === 'float') &&
      b.family === 'integer';
    // A date keeps no time of day: a date and time becoming one loses it.
    if (dropsFraction || (b.family === 'date' && DATE_AND_TIME.has(a.family))) {
      return 'narrower';
    }
    if (a.family === 'date' && DATE_AND_TIME.has(b.family)) {
      return 'wider';
    }
    // bigint → numeric(38,0) (Snowflake's NUMBER) holds every value.
    if (a.family === 'integer' && b.family === 'decimal') {
      const digits = INTEGER_DIGITS.get(a.size) ?? Infinity;
      return b.size >= digits ? 'wider' : 'narrower';
    }
    // int → double holds every value exactly; bigint → double does not.
    // A float whose width is the engine's may be either.
    if (a.family === 'integer' && b.family === 'float') {
      const bits = a.size * 8;
      const exact = (bytes: number) =>
        bits <= (FLOAT_MANTISSA_BITS.get(bytes) ?? 0);
      if (b.size !== undefined ? exact(b.size) : exact(4)) return 'wider';
      if (b.size === undefined && exact(8)) return 'different';
    }
    return 'incompatible';
  }
  if (a.size === undefined || b.size === undefined) {
    // A width left to the engine may or may not be the other's: no claim.
    return a.size === b.size ? 'equivalent' : 'different';
  }
  if (a.family === 'text' && b.family === 'text' && a.unit !== b.unit) {
    const units = compareLengthUnits(a, b);
    if (units) return units;
  }
  if (b.size < a.size || b.scale < a.scale) {
    return 'narrower';
  }
  return b.size > a.size || b.scale > a.scale ? 'wider' : 'equivalent';
}

/**
 * Text lengths in characters and in bytes: n bytes hold at most n
 * characters, and n characters need up to four bytes each, so 20 CHAR →
 * 20 BYTE truncates multibyte text. Undefined when a unit is not given.
 */
function compareLengthUnits(
  a: { size: number; unit?: LengthUnit },
  b: { size: number; unit?: LengthUnit },
): 'narrower' | 'wider' | undefined {
  if (a.unit === undefined || b.unit === undefined) return undefined;
  const fits =
    a.unit === 'byte'
      ? b.size >= a.size
      : b.size >= a.size * MAX_BYTES_PER_CHAR;
  return fits ? 'wider' : 'narrower';
}

/**
 * Whether a contract's type and a reported one are one when their arguments
 * are left out: the same family, and for integers and floats, whose width
 * is in the name, a width both can have (a reported `INTEGER` may be
 * BigQuery's INT64). Types it does not know are one when their names are.
 */
export function sameTypeWithoutArguments(
  contract: string,
  reported: string,
): boolean {
  const nameA = splitPhysicalType(contract).name;
  const nameB = splitPhysicalType(reported).name;
  const typeA = parsePhysicalType(nameA);
  const typeB = parsePhysicalType(nameB);
  if (!typeA || !typeB) {
    return nameA === nameB;
  }
  if (typeA.family !== typeB.family) {
    return false;
  }
  const widthInName = typeA.family === 'integer' || typeA.family === 'float';
  if (!widthInName) return true;
  if (typeA.size === undefined || typeB.size === undefined) return true;
  return typeA.size === typeB.size || BIGQUERY_BYTES.get(nameB) === typeA.size;
}
