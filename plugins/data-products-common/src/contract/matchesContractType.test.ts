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
  ])('takes %p and %p for the same type', (contract, observed) => {
    expect(matchesContractType(contract, observed)).toBe(true);
  });

  it.each([
    ['DECIMAL(12,2)', 'decimal(10,4)'],
    ['VARCHAR(36)', 'varchar(12)'],
    ['INT', 'bigint'],
    ['TIMESTAMP', 'timestamp with time zone'],
    ['DATE', 'timestamp'],
    ['BIGINT', 'string'],
  ])('tells %p from %p', (contract, observed) => {
    expect(matchesContractType(contract, observed)).toBe(false);
  });
});
