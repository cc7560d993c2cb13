import { matchesContractType } from './matchesContractType';

describe('matchesContractType', () => {
  it.each([
    ['VARCHAR(36)', 'varchar'],
    ['VARCHAR(36)', 'string'],
    ['VARCHAR', 'varchar(255)'],
    ['DECIMAL(12,2)', 'numeric(12, 2)'],
    ['BIGINT', 'long'],
    ['INT', 'integer'],
    ['BOOLEAN', 'boolean'],
    ['TIMESTAMP(3) WITH TIME ZONE', 'timestamp with time zone'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamptz'],
    ['DOUBLE PRECISION', 'double  precision'],
    ['ARRAY<STRING>', 'array<string>'],
    ['CHAR(36)', 'string'],
    ['ARRAY<DECIMAL(10,2)>', 'array<decimal>'],
    ['BOOLEAN', 'bool'],
    ['BIGINT', 'int64'],
    ['INTEGER', 'NUMBER(38,0)'],
    ['BIGINT', 'NUMBER'],
    ['DOUBLE', 'float64'],
    ['MAP<STRING,INT>', 'map<string, int>'],
    ['ARRAY<STRING>', 'array'],
    ['struct', 'STRUCT<a: INT, b: STRING>'],
    ['TEXT[]', 'text [ ]'],
    ['INTEGER[]', 'int4[]'],
    // Snowflake's names of the timestamp its TIMESTAMP maps to, and of
    // those with a time zone.
    ['TIMESTAMP', 'TIMESTAMP_NTZ'],
    ['TIMESTAMP(9)', 'TIMESTAMP_NTZ(9)'],
    ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_TZ'],
    ['date32', 'date'],
    ['DATE', 'date32'],
    ['DATE', 'date64'],
    // A float's bytes are the engine's: Snowflake's FLOAT is a double,
    // Spark's (FloatType) a real.
    ['DOUBLE', 'FLOAT'],
    ['REAL', 'float'],
    // BigQuery's API reports INT64, FLOAT64 and STRUCT by legacy names.
    ['INT64', 'INTEGER'],
    ['BIGINT', 'INTEGER'],
    ['FLOAT64', 'FLOAT'],
    ['STRUCT<id INT64, tags ARRAY<STRING>>', 'RECORD'],
    ['ARRAY<VARCHAR>', 'array<string>'],
    ['MAP<VARCHAR,INT64>', 'map<string, integer>'],
    [
      'ARRAY<STRUCT<id INT64, name STRING>>',
      'array<struct<ID:bigint,name:string>>',
    ],
    // Trino's spelling.
    ['ARRAY<STRING>', 'array(varchar)'],
    ['STRUCT<a: INT, b: STRING>', 'row(a integer, b varchar)'],
    ['ARRAY<TEXT>', 'text[]'],
    // Nullability, which Flink writes in the type, is not the type.
    ['INT', 'INT NOT NULL'],
    ['INTEGER', 'int4 NULL'],
    ['DECIMAL(12,2)', 'DECIMAL(12,2) NOT NULL'],
    ['ARRAY<INT>', 'ARRAY<INT NOT NULL>'],
    ['STRUCT<a: INT, b: STRING>', 'ROW<a INT NOT NULL, b STRING>'],
    ['ARRAY<INT>', 'ARRAY<INT> NOT NULL'],
    ['STRUCT<a: INT, b: STRING>', 'ROW<`a` INT, `b` STRING> NOT NULL'],
    [
      'STRUCT<`first name`: STRING>',
      "ROW<`first name` STRING NOT NULL 'as typed'>",
    ],
    ['STRUCT<a: INT>', "ROW<`a` INT 'it''s the id'>"],
    // Oracle gives a text length in characters or bytes.
    ['varchar(20)', 'VARCHAR2(20 CHAR)'],
    ['varchar(20)', 'VARCHAR(20 BYTE)'],
    ['VARCHAR2(20 CHAR)', 'varchar2(20 char)'],
    ['VARCHAR2(20)', 'VARCHAR2(20 BYTE)'],
    ['VARCHAR2(20 CHAR)', 'VARCHAR2'],
    // A struct field of the null type (Trino's, Spark's).
    ['ROW<x NULL>', 'struct<x: null>'],
    ['ROW<x NULL>', 'ROW<x NULL NOT NULL>'],
  ])('takes %p and %p for the same type', (contract, observed) => {
    expect(matchesContractType(contract, observed)).toBe(true);
  });

  it.each([
    ['DECIMAL(12,2)', 'decimal(10,4)'],
    ['VARCHAR(36)', 'varchar(12)'],
    ['INT', 'bigint'],
    ['TIMESTAMP', 'timestamp with time zone'],
    ['DATE', 'timestamp'],
    ['date32', 'timestamp'],
    ['date32', 'int32'],
    ['BIGINT', 'string'],
    ['INTEGER', 'integer[]'],
    ['TEXT', 'text[]'],
    ['TEXT[]', 'text'],
    ['INT[]', 'bigint[]'],
    ['NUMBER(38,0)', 'tinyint'],
    ['INT', 'NUMBER(38,2)'],
    ['BIGINT', 'NUMBER(10,0)'],
    // Postgres reports integer columns as integer: a bare numeric is
    // another type.
    ['INTEGER', 'numeric'],
    ['BOOLEAN', 'NUMBER'],
    ['BOOLEAN', 'int'],
    ['ARRAY<STRING>', 'map'],
    ['MAP<STRING,INT>', 'map<string,bigint>'],
    ['TIMESTAMP', 'TIMESTAMP_TZ'],
    ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP_NTZ'],
    // One keeps the offset it was written with, the other the session's.
    ['TIMESTAMP_TZ', 'TIMESTAMP_LTZ'],
    ['INT', 'float'],
    ['DOUBLE', 'REAL'],
    ['INTEGER', 'smallint'],
    ['ARRAY<VARCHAR>', 'array<int>'],
    ['ARRAY<INT>', 'array(varchar)'],
    ['ARRAY<STRUCT<a: INT>>', 'array<struct<a:string>>'],
    ['STRUCT<a: INT>', 'struct<b:int>'],
    ['STRUCT<a: INT>', 'struct<a:int,b:int>'],
    ['STRUCT<a: INT>', 'map<string,int>'],
    // A contract's INTEGER is SQL's 4 bytes, as its INT is; only a reported
    // INTEGER may be BigQuery's INT64.
    ['INTEGER', 'bigint'],
    ['INTEGER', 'INT64'],
    ['INTEGER', 'long'],
    ['INTEGER', 'int8'],
    ['INT', 'BIGINT NOT NULL'],
    ['varchar(20)', 'VARCHAR2(10 CHAR)'],
    ['VARCHAR2(20 CHAR)', 'VARCHAR2(20 BYTE)'],
    ['VARCHAR2(20 BYTE)', 'VARCHAR2(20 CHAR)'],
    ['ROW<x NULL>', 'ROW<x INT>'],
    ['ROW<x NULL>', 'ROW<x>'],
    ['STRUCT<x: INT>', 'ROW<x NULL>'],
  ])('tells %p from %p', (contract, observed) => {
    expect(matchesContractType(contract, observed)).toBe(false);
  });

  // Byte strings under each engine's name: a contract written for one
  // engine, a writer of another.
  it.each([
    ['BYTES', 'binary', true],
    ['BINARY', 'bytea', true],
    ['VARBINARY', 'binary', true],
    ['BLOB', 'binary', true],
    ['BYTEA', 'bytes', true],
    ['VARBINARY(16)', 'binary(16)', true],
    ['RAW(16)', 'varbinary(16)', true],
    ['BYTES', 'BYTES NOT NULL', true],
    ['VARBINARY(16)', 'varbinary(32)', false],
    ['BYTES', 'string', false],
    ['VARCHAR(36)', 'binary(36)', false],
    ['BYTES', 'byte', false],
    ['BINARY', 'array<binary>', false],
  ])('takes %p against %p as one type: %p', (contract, observed, expected) => {
    expect(matchesContractType(contract, observed)).toBe(expected);
  });

  it('compares element types 16 levels deep, not deeper, so a type nesting without end is read once a level', () => {
    const nested = (name: string, element: string, depth: number) =>
      `${name}<`.repeat(depth) + element + '>'.repeat(depth);
    expect(
      matchesContractType(
        nested('ARRAY', 'INT', 16),
        nested('array', 'string', 16),
      ),
    ).toBe(false);
    expect(
      matchesContractType(
        nested('ARRAY', 'INT', 20_000),
        nested('array', 'string', 20_000),
      ),
    ).toBe(true);
  });
});
