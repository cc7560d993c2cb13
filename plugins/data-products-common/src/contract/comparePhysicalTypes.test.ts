import {
  comparePhysicalTypes,
  sameTypeWithoutArguments,
  splitPhysicalType,
  withoutNullability,
} from './comparePhysicalTypes';

describe('comparePhysicalTypes', () => {
  it.each([
    ['varchar(64)', 'varchar(32)', 'narrower'],
    ['VARCHAR[256]', 'varchar[50]', 'narrower'],
    ['text', 'varchar(255)', 'narrower'],
    ['char', 'char(2)', 'wider'],
    ['varchar(32)', 'string', 'wider'],
    ['bigint', 'int', 'narrower'],
    ['int4', 'int8', 'wider'],
    ['int4', 'integer', 'equivalent'],
    ['numeric(12,2)', 'numeric(10,2)', 'narrower'],
    ['numeric(12,2)', 'numeric(12,0)', 'narrower'],
    ['numeric(12, 2)', 'decimal(14,2)', 'wider'],
    ['numeric', 'numeric(38,9)', 'narrower'],
    ['double precision', 'real', 'narrower'],
    ['numeric(12,2)', 'bigint', 'narrower'],
    ['timestamp(6)', 'timestamp(3)', 'narrower'],
    ['timestamp with time zone', 'timestamptz', 'equivalent'],
    ['timestamp', 'timestamptz', 'incompatible'],
    ['timestamp', 'date', 'narrower'],
    ['DATETIME2(3)', 'date', 'narrower'],
    ['date', 'timestamp with time zone', 'wider'],
    ['date', 'time', 'incompatible'],
    ['DATE', 'date', 'equivalent'],
    ['int', 'varchar(10)', 'incompatible'],
    ['array<string>', 'array<int>', 'incompatible'],
    ['constructor', 'int', 'different'],
    ['boolean', 'bool', 'equivalent'],
    ['int64', 'bigint', 'equivalent'],
    ['bigint[]', 'int[]', 'narrower'],
    // Snowflake keeps nanoseconds unless told otherwise.
    ['TIMESTAMP_NTZ(9)', 'TIMESTAMP_NTZ', 'equivalent'],
    ['TIMESTAMP_TZ', 'TIMESTAMP_TZ(7)', 'narrower'],
    ['TIMESTAMP_LTZ(9)', 'TIMESTAMP_LTZ(3)', 'narrower'],
    ['TIMESTAMP_LTZ', 'timestamp_ltz(9)', 'equivalent'],
    ['TIMESTAMP_TZ', 'TIMESTAMP_LTZ', 'incompatible'],
    // SQL Server's datetime2 keeps 100 ns unless told otherwise.
    ['DATETIME2(7)', 'datetime2', 'equivalent'],
    ['datetime2', 'datetime2(3)', 'narrower'],
    // Other spellings of the same type, across dialects.
    ['timestamp', 'TIMESTAMP WITHOUT TIME ZONE', 'equivalent'],
    ['timestamp(3)', 'timestamp(3) without time zone', 'equivalent'],
    ['varchar(10)', 'character varying(10)', 'equivalent'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamp', 'incompatible'],
    // A float's bytes are the engine's: 4 in Spark, 8 in Snowflake.
    ['FLOAT', 'float', 'equivalent'],
    ['double', 'float', 'different'],
    ['float', 'real', 'different'],
    ['float', 'bigint', 'narrower'],
    // Known types of different families: consumers of the old one fail.
    ['string', 'bigint', 'incompatible'],
    ['bigint', 'varchar(20)', 'incompatible'],
    ['boolean', 'int', 'incompatible'],
    ['bigint', 'double', 'incompatible'],
    ['TIMESTAMP', 'DATETIME', 'incompatible'],
    // The widenings: a date gaining a time of day, an integer a type that
    // holds each of its values.
    ['date', 'datetime2', 'wider'],
    ['bigint', 'NUMBER(38,0)', 'wider'],
    ['int', 'numeric', 'wider'],
    ['int', 'numeric(8,0)', 'narrower'],
    ['int', 'double', 'wider'],
    ['smallint', 'real', 'wider'],
    ['int', 'float', 'different'],
    ['smallint', 'float', 'wider'],
    ['bigint', 'float', 'incompatible'],
    // Arrays, as Spark and Postgres write them, by their element types.
    ['array<bigint>', 'array<int>', 'narrower'],
    ['ARRAY<INT>', 'array<bigint>', 'wider'],
    ['array<int4>', 'integer[]', 'equivalent'],
    ['array< varchar(64) >', 'array<varchar(32)>', 'narrower'],
    ['array<array<bigint>>', 'array<array<int>>', 'narrower'],
    ['array<string>', 'array<bigint>', 'incompatible'],
    // An array where a scalar was, or the reverse: readers of one fail on
    // the other. Unless the other is a type it does not know.
    ['text', 'text[]', 'incompatible'],
    ['TEXT[]', 'varchar', 'incompatible'],
    ['array<int>', 'int', 'incompatible'],
    ['int[][]', 'array<int>', 'incompatible'],
    ['jsonb', 'text[]', 'different'],
    ['array<int>', 'array', 'different'],
    ['array<int>,map<int>', 'array<int>,map<int>', 'different'],
    ['array<struct<a:int>>', 'array<struct<a:bigint>>', 'different'],
    // Nullability (Flink writes it in the type) is not the type.
    ['int', 'INT NOT NULL', 'equivalent'],
    ['int', 'INT NULL', 'equivalent'],
    ['DECIMAL(12,2)', 'DECIMAL(12,2) NOT NULL', 'equivalent'],
    ['BIGINT NOT NULL', 'INT', 'narrower'],
    ['ARRAY<INT>', 'ARRAY<INT NOT NULL> NOT NULL', 'equivalent'],
    ['array<bigint>', 'ARRAY<INT NOT NULL>', 'narrower'],
    // Oracle gives a text length in characters or bytes.
    ['varchar(20)', 'VARCHAR2(20 CHAR)', 'equivalent'],
    ['varchar(20)', 'VARCHAR(20 BYTE)', 'equivalent'],
    ['varchar(64)', 'VARCHAR2(32 CHAR) NOT NULL', 'narrower'],
    // 20 characters may take up to 80 bytes; 20 bytes hold at most 20
    // characters. A length without a unit counts in the engine's.
    ['VARCHAR2(20 CHAR)', 'VARCHAR2(20 BYTE)', 'narrower'],
    ['VARCHAR2(20 CHAR)', 'VARCHAR2(79 BYTE)', 'narrower'],
    ['VARCHAR2(20 CHAR)', 'VARCHAR2(80 BYTE)', 'wider'],
    ['VARCHAR2(20 BYTE)', 'VARCHAR2(20 CHAR)', 'wider'],
    ['VARCHAR2(20 BYTE)', 'VARCHAR2(10 CHAR)', 'narrower'],
    ['VARCHAR2(20 CHAR)', 'varchar2(20  char)', 'equivalent'],
    ['VARCHAR2(20)', 'VARCHAR2(20 BYTE)', 'equivalent'],
    ['VARCHAR2(20 CHAR)', 'VARCHAR2(20)', 'equivalent'],
    // Byte strings: a length in bytes, unbounded without one but for a bare
    // binary, whose length is the engine's (1 in SQL Server, any in Spark).
    ['varbinary(64)', 'VARBINARY(32)', 'narrower'],
    ['binary(16)', 'varbinary(16)', 'equivalent'],
    ['raw(16)', 'bytea', 'wider'],
    ['bytes', 'blob', 'equivalent'],
    ['BINARY VARYING(8)', 'bytea', 'wider'],
    ['binary', 'BINARY', 'equivalent'],
    ['binary', 'bytes', 'different'],
    ['bytea', 'text', 'incompatible'],
    ['bytes', 'bytes[]', 'incompatible'],
  ])('%s → %s is %s', (before, after, expected) => {
    expect(comparePhysicalTypes(before, after)).toBe(expected);
  });
});

describe('splitPhysicalType', () => {
  it('takes out the first arguments, wherever they stand', () => {
    expect(splitPhysicalType('TIMESTAMP(3) WITH TIME ZONE')).toEqual({
      name: 'timestamp with time zone',
      args: '3',
    });
    expect(splitPhysicalType('text[] ( 12 , 2 )')).toEqual({
      name: 'text[]',
      args: '12,2',
    });
    expect(splitPhysicalType('varchar(  )')).toEqual({ name: 'varchar( )' });
  });

  it('leaves out nullability at any depth, and Oracle length units', () => {
    expect(splitPhysicalType('ROW<a INT NOT NULL, b STRING> NOT NULL')).toEqual(
      { name: 'row<a int,b string>' },
    );
    expect(splitPhysicalType('VARCHAR2(20 CHAR) NOT NULL')).toEqual({
      name: 'varchar2',
      args: '20',
      unit: 'char',
    });
    expect(splitPhysicalType('varchar2(20 byte)')).toEqual({
      name: 'varchar2',
      args: '20',
      unit: 'byte',
    });
    expect(splitPhysicalType('varchar2(20)')).toEqual({
      name: 'varchar2',
      args: '20',
    });
    expect(splitPhysicalType('struct<a: null>')).toEqual({
      name: 'struct<a:null>',
    });
  });

  it("keeps a struct field's null type (Trino's ROW<x NULL>), leaving out a field's nullability", () => {
    expect(splitPhysicalType('ROW<x NULL>')).toEqual({ name: 'row<x null>' });
    expect(splitPhysicalType('ROW<x NULL NOT NULL, y INT NULL> NULL')).toEqual({
      name: 'row<x null,y int>',
    });
    expect(withoutNullability('row(`a,b` null, "c" null) not null')).toBe(
      'row(`a,b` null, "c" null)',
    );
    expect(splitPhysicalType("ROW<x INT 'x null', y NULL>")).toEqual({
      name: "row<x int 'x null',y null>",
    });
    expect(splitPhysicalType('ARRAY<INT NULL>')).toEqual({
      name: 'array<int>',
    });
  });

  it('reads a producer type of 20,000 open brackets in one pass', () => {
    expect(splitPhysicalType('('.repeat(20_000))).toEqual({
      name: '('.repeat(20_000),
    });
    expect(splitPhysicalType(`${'('.repeat(20_000)}x]`)).toEqual({
      name: '',
      args: `${'('.repeat(19_999)}x`,
    });
  });
});

describe('sameTypeWithoutArguments', () => {
  // Only a reported INTEGER may be BigQuery's INT64: a contract's is SQL's
  // 4 bytes.
  it.each([
    ['integer', 'bigint', false],
    ['INTEGER', 'INT64', false],
    ['integer', 'long', false],
    ['int', 'bigint', false],
    ['bigint', 'integer', true],
    ['INT64', 'INTEGER', true],
    ['integer', 'int4', true],
    ['INTEGER NOT NULL', 'int', true],
  ])('%s against a reported %s is %s', (contract, reported, expected) => {
    expect(sameTypeWithoutArguments(contract, reported)).toBe(expected);
  });
});
