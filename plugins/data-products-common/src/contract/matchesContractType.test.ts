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
  ])('tells %p from %p', (contract, observed) => {
    expect(matchesContractType(contract, observed)).toBe(false);
  });
});
