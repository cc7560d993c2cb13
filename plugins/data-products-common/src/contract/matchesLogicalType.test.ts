import { matchesLogicalType } from './matchesLogicalType';

describe('matchesLogicalType', () => {
  it.each([
    ['string', 'VARCHAR(36)'],
    ['string', 'string'],
    ['integer', 'bigint'],
    ['integer', 'NUMBER(38,0)'],
    ['integer', 'NUMBER'],
    ['number', 'decimal(12,2)'],
    ['number', 'double'],
    ['number', 'float'],
    ['number', 'int'],
    ['boolean', 'BOOLEAN'],
    ['date', 'date'],
    ['date', 'date32'],
    ['timestamp', 'TIMESTAMP_NTZ'],
    ['timestamp', 'timestamp with time zone'],
    ['time', 'time'],
    ['object', 'struct<a:int>'],
    ['object', 'map<string,int>'],
    ['array', 'array<string>'],
    ['array', 'text[]'],
  ] as const)('takes %s to be reported as %s', (logicalType, observed) => {
    expect(matchesLogicalType(logicalType, observed)).toBe(true);
  });

  it.each([
    ['number', 'string'],
    ['integer', 'decimal(12,2)'],
    ['integer', 'double'],
    // Spark's FloatType, Snowflake's and BigQuery's FLOAT.
    ['string', 'float'],
    ['integer', 'FLOAT'],
    ['string', 'bigint'],
    ['date', 'timestamp'],
    ['timestamp', 'date'],
    ['boolean', 'int'],
    ['object', 'array<string>'],
    ['array', 'struct<a:int>'],
    ['string', 'text[]'],
  ] as const)('tells %s from %s', (logicalType, observed) => {
    expect(matchesLogicalType(logicalType, observed)).toBe(false);
  });

  it('does not judge a type it does not know', () => {
    expect(matchesLogicalType('string', 'geography')).toBeUndefined();
  });
});
