import type { ChangeSeverity, ContractChange } from './ContractChange';
import { diffDataContracts } from './diffDataContracts';
import { parseDataContract } from './parseDataContract';

function baseDoc(): Record<string, any> {
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: 'orders',
    version: '1.0.0',
    status: 'active',
    schema: [
      {
        name: 'orders',
        physicalName: 'orders',
        physicalType: 'table',
        properties: [
          {
            name: 'order_id',
            logicalType: 'string',
            physicalType: 'varchar(64)',
            required: true,
            unique: true,
            primaryKey: true,
            primaryKeyPosition: 1,
            classification: 'internal',
            quality: [{ metric: 'nullValues', mustBe: 0, severity: 'error' }],
          },
          {
            name: 'status',
            logicalType: 'string',
            physicalType: 'varchar(20)',
            logicalTypeOptions: { enum: ['placed', 'paid', 'shipped'] },
          },
          {
            name: 'total',
            logicalType: 'number',
            physicalType: 'numeric(12,2)',
            required: true,
            classification: 'internal',
          },
          {
            name: 'address',
            logicalType: 'object',
            properties: [
              { name: 'city', logicalType: 'string', required: true },
            ],
          },
          {
            name: 'tags',
            logicalType: 'array',
            items: { logicalType: 'string', physicalType: 'varchar(16)' },
          },
        ],
        quality: [
          {
            type: 'sql',
            query: 'SELECT COUNT(*) FROM orders WHERE total < 0',
            mustBe: 0,
            severity: 'error',
          },
          { metric: 'rowCount', mustBeGreaterThan: 1000, severity: 'error' },
        ],
      },
    ],
    slaProperties: [
      { property: 'latency', value: 4, unit: 'h' },
      { property: 'frequency', value: 1, unit: 'd' },
      { property: 'retention', value: 3, unit: 'y' },
      { property: 'availability', value: 99.9 },
      {
        property: 'timeOfAvailability',
        value: '09:00-08:00',
        driver: 'regulatory',
      },
      { property: 'endOfSupport', value: '2030-01-01' },
    ],
  };
}

function parsed(doc: Record<string, any>) {
  const { contract, errors } = parseDataContract(doc);
  expect(errors).toEqual([]);
  return contract!;
}

/**
 * Diffs the base contract against a changed copy. The copy gets a new major
 * version unless the test changes it, so that only the change under test
 * is reported.
 */
function changesAfter(change: (doc: Record<string, any>) => void) {
  const after = baseDoc();
  after.version = '2.0.0';
  change(after);
  return diffDataContracts(parsed(baseDoc()), parsed(after));
}

/** The parts of a change a test pins; the message is checked separately. */
function summary(changes: ContractChange[]) {
  return changes.map(({ kind, severity, path }) => ({ kind, severity, path }));
}

const orders = (doc: Record<string, any>) => doc.schema[0];
const property = (doc: Record<string, any>, name: string) =>
  orders(doc).properties.find((p: { name: string }) => p.name === name);
const sla = (doc: Record<string, any>, name: string) =>
  doc.slaProperties.find((s: { property: string }) => s.property === name);

/**
 * Diffs the base contract with some properties' physical types set against a
 * copy, at the next major version, with others set: by property name.
 */
function physicalTypesDiff(
  before: Record<string, string>,
  after: Record<string, string>,
) {
  const from = baseDoc();
  const to = baseDoc();
  to.version = '2.0.0';
  for (const [name, type] of Object.entries(before)) {
    property(from, name).physicalType = type;
  }
  for (const [name, type] of Object.entries(after)) {
    property(to, name).physicalType = type;
  }
  return diffDataContracts(parsed(from), parsed(to));
}

const physicalTypeChanged = (path: string, severity: ChangeSeverity) => ({
  kind: 'physical-type-changed',
  severity,
  path,
});
const logicalTypeChanged = (path: string, severity: ChangeSeverity) => ({
  kind: 'logical-type-changed',
  severity,
  path,
});

describe('diffDataContracts', () => {
  it('finds nothing between a contract and itself', () => {
    expect(diffDataContracts(parsed(baseDoc()), parsed(baseDoc()))).toEqual([]);
  });

  it('schema-object-removed: breaking', () => {
    const changes = changesAfter(doc => {
      doc.schema = [];
    });
    expect(summary(changes)).toEqual([
      { kind: 'schema-object-removed', severity: 'breaking', path: 'orders' },
    ]);
    expect(changes[0].message).toBe(
      'Schema object orders was removed: consumers reading it will fail.',
    );
  });

  it('schema-object-added: info', () => {
    expect(
      summary(
        changesAfter(doc => {
          doc.schema.push({ name: 'order_lines' });
        }),
      ),
    ).toEqual([
      { kind: 'schema-object-added', severity: 'info', path: 'order_lines' },
    ]);
  });

  it('property-removed: breaking', () => {
    const changes = changesAfter(doc => {
      orders(doc).properties = orders(doc).properties.filter(
        (p: { name: string }) => p.name !== 'total',
      );
    });
    expect(summary(changes)).toEqual([
      { kind: 'property-removed', severity: 'breaking', path: 'orders.total' },
    ]);
    expect(changes[0].before).toMatchObject({ name: 'total' });
  });

  it('property-added: breaking when required, info when optional', () => {
    expect(
      summary(
        changesAfter(doc => {
          orders(doc).properties.push(
            { name: 'channel', logicalType: 'string', required: true },
            { name: 'voucher', logicalType: 'string' },
          );
        }),
      ),
    ).toEqual([
      { kind: 'property-added', severity: 'breaking', path: 'orders.channel' },
      { kind: 'property-added', severity: 'info', path: 'orders.voucher' },
    ]);
  });

  it('nested properties and array items are compared too, with paths', () => {
    expect(
      summary(
        changesAfter(doc => {
          property(doc, 'address').properties = [];
          property(doc, 'tags').items.physicalType = 'varchar(8)';
        }),
      ),
    ).toEqual([
      {
        kind: 'property-removed',
        severity: 'breaking',
        path: 'orders.address.city',
      },
      {
        kind: 'physical-type-changed',
        severity: 'breaking',
        path: 'orders.tags[]',
      },
    ]);
  });

  it('physical-name-changed: breaking, for objects and properties', () => {
    const changes = changesAfter(doc => {
      orders(doc).physicalName = 'orders_v2';
      property(doc, 'total').physicalName = 'order_total';
    });
    expect(summary(changes)).toEqual([
      { kind: 'physical-name-changed', severity: 'breaking', path: 'orders' },
      {
        kind: 'physical-name-changed',
        severity: 'breaking',
        path: 'orders.total',
      },
    ]);
    expect(changes[1]).toMatchObject({ before: 'total', after: 'order_total' });
  });

  it('logical-type-changed: breaking', () => {
    const changes = changesAfter(doc => {
      property(doc, 'total').logicalType = 'string';
    });
    expect(summary(changes)).toEqual([
      logicalTypeChanged('orders.total', 'breaking'),
    ]);
    expect(changes[0]).toMatchObject({
      before: 'number',
      after: 'string',
      message: 'Logical type changed from number to string.',
    });
  });

  it('physical-type-changed: breaking when narrower, warning otherwise', () => {
    const changes = changesAfter(doc => {
      property(doc, 'order_id').physicalType = 'varchar(32)';
      property(doc, 'status').physicalType = 'text';
      property(doc, 'total').physicalType = 'numeric(12,0)';
      orders(doc).physicalType = 'view';
    });
    expect(summary(changes)).toEqual([
      physicalTypeChanged('orders', 'warning'),
      physicalTypeChanged('orders.order_id', 'breaking'),
      physicalTypeChanged('orders.status', 'warning'),
      physicalTypeChanged('orders.total', 'breaking'),
    ]);
    expect(changes[1].message).toBe(
      'Physical type changed from varchar(64) to varchar(32): existing values may no longer fit.',
    );
  });

  it('physical-type-changed: breaking between known families and for narrower array elements', () => {
    const diffed = physicalTypesDiff(
      { tags: 'array<bigint>' },
      { status: 'bigint', total: 'numeric(14,2)', tags: 'int[]' },
    );
    expect(summary(diffed)).toEqual([
      physicalTypeChanged('orders.status', 'breaking'),
      physicalTypeChanged('orders.total', 'warning'),
      physicalTypeChanged('orders.tags', 'breaking'),
    ]);
    expect(diffed[0].message).toBe(
      'Physical type changed from varchar(20) to bigint: consumers reading the old type will fail.',
    );
  });

  it('physical-type-changed: breaking when a scalar becomes an array or the reverse', () => {
    const diffed = physicalTypesDiff(
      { tags: 'array<varchar(16)>' },
      { status: 'varchar(20)[]', tags: 'varchar(16)' },
    );
    expect(summary(diffed)).toEqual([
      physicalTypeChanged('orders.status', 'breaking'),
      physicalTypeChanged('orders.tags', 'breaking'),
    ]);
    expect(diffed[0].message).toBe(
      'Physical type changed from varchar(20) to varchar(20)[]: consumers reading the old type will fail.',
    );
  });

  it('physical-type-changed: Oracle characters becoming bytes is breaking, a length without a unit compares by its number', () => {
    const diffed = physicalTypesDiff(
      { order_id: 'VARCHAR2(20 CHAR)', status: 'VARCHAR2(20 BYTE)' },
      { order_id: 'VARCHAR2(20 BYTE)', status: 'VARCHAR2(20)' },
    );
    expect(summary(diffed)).toEqual([
      physicalTypeChanged('orders.order_id', 'breaking'),
      physicalTypeChanged('orders.status', 'info'),
    ]);
    expect(diffed[0].message).toBe(
      'Physical type changed from VARCHAR2(20 CHAR) to VARCHAR2(20 BYTE): existing values may no longer fit.',
    );
  });

  it('logical-type-changed: breaking when a string becomes an array', () => {
    expect(
      summary(
        changesAfter(doc => {
          property(doc, 'status').logicalType = 'array';
          delete property(doc, 'status').physicalType;
          property(doc, 'status').items = { logicalType: 'string' };
        }),
      ),
    ).toContainEqual(logicalTypeChanged('orders.status', 'breaking'));
  });

  it('physical-type-changed: another spelling of the same type is info; another time type is breaking', () => {
    const before = {
      order_id: 'varchar(64)',
      status: 'timestamp',
      total: 'int4',
    };
    const after = {
      order_id: 'character varying(64)',
      status: 'timestamp without time zone',
      total: 'integer',
    };
    expect(
      summary(physicalTypesDiff(before, after)).map(c => c.severity),
    ).toEqual(['info', 'info', 'info']);

    // TIMESTAMP is an instant where DATETIME is also a type (MySQL,
    // BigQuery), DATETIME a wall-clock time: as a time zone gained or lost.
    for (const [was, is] of [
      ['TIMESTAMP', 'DATETIME'],
      ['timestamp with time zone', 'timestamp without time zone'],
      ['timestamp', 'timestamptz'],
    ]) {
      expect(
        summary(
          physicalTypesDiff(
            { ...before, status: was },
            { ...after, status: is },
          ),
        ),
      ).toContainEqual(physicalTypeChanged('orders.status', 'breaking'));
    }
  });

  it('physical-type-changed: a date becoming a timestamp, or an integer a decimal that holds it, is a warning', () => {
    expect(
      summary(
        physicalTypesDiff(
          { status: 'date', total: 'bigint' },
          { status: 'timestamp', total: 'NUMBER(38,0)' },
        ),
      ),
    ).toEqual([
      physicalTypeChanged('orders.status', 'warning'),
      physicalTypeChanged('orders.total', 'warning'),
    ]);
  });

  it('made-required: breaking', () => {
    expect(
      summary(
        changesAfter(doc => {
          property(doc, 'status').required = true;
        }),
      ),
    ).toEqual([
      { kind: 'made-required', severity: 'breaking', path: 'orders.status' },
    ]);
  });

  it('required-relaxed: warning, consumers may get nulls', () => {
    const changes = changesAfter(doc => {
      property(doc, 'total').required = false;
    });
    expect(summary(changes)).toEqual([
      { kind: 'required-relaxed', severity: 'warning', path: 'orders.total' },
    ]);
    expect(changes[0].message).toBe(
      'Is no longer required: consumers may now get nulls.',
    );
  });

  it('unique-added: breaking', () => {
    expect(
      summary(
        changesAfter(doc => {
          property(doc, 'status').unique = true;
        }),
      ),
    ).toEqual([
      { kind: 'unique-added', severity: 'breaking', path: 'orders.status' },
    ]);
  });

  it('unique-removed: warning', () => {
    expect(
      summary(
        changesAfter(doc => {
          property(doc, 'order_id').unique = false;
        }),
      ),
    ).toEqual([
      { kind: 'unique-removed', severity: 'warning', path: 'orders.order_id' },
    ]);
  });

  it('primary-key-changed: breaking', () => {
    const changes = changesAfter(doc => {
      property(doc, 'total').primaryKey = true;
      property(doc, 'total').primaryKeyPosition = 2;
    });
    expect(summary(changes)).toEqual([
      { kind: 'primary-key-changed', severity: 'breaking', path: 'orders' },
    ]);
    expect(changes[0]).toMatchObject({
      before: ['order_id'],
      after: ['order_id', 'total'],
      message:
        'Primary key changed from (order_id) to (order_id, total): joins and deduplication on the old key break.',
    });
  });

  it('primary key without positions: the same columns listed in another order are no change', () => {
    const before = baseDoc();
    delete property(before, 'order_id').primaryKeyPosition;
    property(before, 'total').primaryKey = true;
    property(before, 'total').primaryKeyPosition = -1;
    const after = baseDoc();
    delete property(after, 'order_id').primaryKeyPosition;
    after.schema[0].properties.reverse();
    property(after, 'total').primaryKey = true;
    expect(diffDataContracts(parsed(before), parsed(after))).toEqual([]);

    // A column more is still a new key, whatever the order.
    property(after, 'status').primaryKey = true;
    expect(
      summary(diffDataContracts(parsed(before), parsed(after))),
    ).toContainEqual({
      kind: 'primary-key-changed',
      severity: 'breaking',
      path: 'orders',
    });
  });

  it('primary-key-reordered: warning, when both give positions and they changed', () => {
    const before = baseDoc();
    property(before, 'total').primaryKey = true;
    property(before, 'total').primaryKeyPosition = 2;
    const after = baseDoc();
    property(after, 'total').primaryKey = true;
    property(after, 'total').primaryKeyPosition = 1;
    property(after, 'order_id').primaryKeyPosition = 2;
    const changes = diffDataContracts(parsed(before), parsed(after));
    expect(summary(changes)).toEqual([
      { kind: 'primary-key-reordered', severity: 'warning', path: 'orders' },
    ]);
    expect(changes[0]).toMatchObject({
      before: ['order_id', 'total'],
      after: ['total', 'order_id'],
    });
  });

  it('enum-narrowed: breaking, from logicalTypeOptions.enum', () => {
    const changes = changesAfter(doc => {
      property(doc, 'status').logicalTypeOptions.enum = ['placed', 'paid'];
    });
    expect(summary(changes)).toEqual([
      { kind: 'enum-narrowed', severity: 'breaking', path: 'orders.status' },
    ]);
    expect(changes[0].message).toBe('Values "shipped" are no longer allowed.');
  });

  it('enum-narrowed: breaking, from a validValues quality rule', () => {
    const withValidValues =
      (values: string[]) => (doc: Record<string, any>) => {
        delete property(doc, 'status').logicalTypeOptions;
        property(doc, 'status').quality = [
          {
            metric: 'invalidValues',
            arguments: { validValues: values },
            mustBe: 0,
          },
        ];
      };
    const before = baseDoc();
    withValidValues(['a', 'b', 'c'])(before);
    const after = baseDoc();
    withValidValues(['a', 'b'])(after);
    after.version = '2.0.0';
    expect(summary(diffDataContracts(parsed(before), parsed(after)))).toEqual([
      { kind: 'enum-narrowed', severity: 'breaking', path: 'orders.status' },
    ]);
  });

  it('enum-widened: warning', () => {
    expect(
      summary(
        changesAfter(doc => {
          property(doc, 'status').logicalTypeOptions.enum.push('refunded');
        }),
      ),
    ).toEqual([
      { kind: 'enum-widened', severity: 'warning', path: 'orders.status' },
    ]);
  });

  it('type-option-tightened: breaking; type-option-loosened: warning', () => {
    const changes = changesAfter(doc => {
      property(doc, 'order_id').logicalTypeOptions = { maxLength: 32 };
      property(doc, 'status').logicalTypeOptions.pattern = '^[a-z]+$';
    });
    expect(summary(changes)).toEqual([
      {
        kind: 'type-option-tightened',
        severity: 'breaking',
        path: 'orders.order_id',
      },
      {
        kind: 'type-option-tightened',
        severity: 'breaking',
        path: 'orders.status',
      },
    ]);
    expect(changes[0].message).toBe(
      'maxLength changed from none to 32: values valid before may no longer be.',
    );
    const before = baseDoc();
    property(before, 'total').logicalTypeOptions = { minimum: 0, maximum: 100 };
    const after = baseDoc();
    property(after, 'total').logicalTypeOptions = { minimum: 1, maximum: 1000 };
    after.version = '2.0.0';
    expect(summary(diffDataContracts(parsed(before), parsed(after)))).toEqual([
      {
        kind: 'type-option-loosened',
        severity: 'warning',
        path: 'orders.total',
      },
      {
        kind: 'type-option-tightened',
        severity: 'breaking',
        path: 'orders.total',
      },
    ]);
  });

  it('type options: date bounds, required fields, steps, unique items, time zones and number widths', () => {
    const diff = (was: object, is: object, logicalType = 'object') => {
      const before = baseDoc();
      const after = baseDoc();
      after.version = '2.0.0';
      for (const [doc, options] of [
        [before, was],
        [after, is],
      ] as const) {
        Object.assign(property(doc, 'address'), {
          logicalType,
          logicalTypeOptions: options,
        });
      }
      return diffDataContracts(parsed(before), parsed(after)).map(
        ({ kind, message }) => `${kind}: ${message}`,
      );
    };
    const tightened = (option: string) =>
      expect.stringMatching(new RegExp(`^type-option-tightened: ${option} `));
    const loosened = (option: string) =>
      expect.stringMatching(new RegExp(`^type-option-loosened: ${option} `));
    expect(
      diff({ required: ['city'] }, { required: ['city', 'postcode'] }),
    ).toEqual([tightened('required')]);
    expect(diff({ required: ['city'] }, {})).toEqual([loosened('required')]);
    expect(
      diff({ maximum: '2030-12-31' }, { maximum: '2024-12-31' }, 'date'),
    ).toEqual([tightened('Upper bound')]);
    expect(
      diff({ minimum: '2024-01-01' }, { minimum: '2020-01-01' }, 'date'),
    ).toEqual([loosened('Lower bound')]);
    // Compared as times, whatever their offsets or fractions of a second.
    expect(
      diff(
        { maximum: '2024-06-01T09:00:00-05:00' },
        { maximum: '2024-06-01T10:00:00+00:00' },
        'timestamp',
      ),
    ).toEqual([tightened('Upper bound')]);
    expect(
      diff(
        { maximum: '2024-06-01T23:59:59Z' },
        { maximum: '2024-06-01T23:59:59.999Z' },
        'timestamp',
      ),
    ).toEqual([loosened('Upper bound')]);
    // A bound that is no number or date cannot be compared: breaking.
    expect(
      diff({ maximum: '31/12/2030' }, { maximum: '01/01/2031' }, 'date'),
    ).toEqual([tightened('Upper bound')]);
    // ODCS v3.0's exclusive flags, and v3.1's exclusive values.
    expect(
      diff({ minimum: 0 }, { minimum: 0, exclusiveMinimum: true }, 'number'),
    ).toEqual([tightened('Lower bound')]);
    expect(
      diff({ maximum: 9, exclusiveMaximum: true }, { maximum: 9 }, 'number'),
    ).toEqual([loosened('Upper bound')]);
    expect(
      diff({ minimum: 0, exclusiveMinimum: false }, { minimum: 0 }, 'number'),
    ).toEqual([]);
    expect(
      diff(
        { minimum: 0, exclusiveMinimum: true },
        { exclusiveMinimum: 0 },
        'number',
      ),
    ).toEqual([]);
    expect(diff({ exclusiveMinimum: 0 }, { minimum: 0 }, 'number')).toEqual([
      loosened('Lower bound'),
    ]);
    expect(diff({ multipleOf: 0.01 }, { multipleOf: 0.1 }, 'number')).toEqual([
      tightened('multipleOf'),
    ]);
    expect(diff({ multipleOf: 0.1 }, { multipleOf: 0.01 }, 'number')).toEqual([
      loosened('multipleOf'),
    ]);
    expect(diff({}, { uniqueItems: true }, 'array')).toEqual([
      tightened('uniqueItems'),
    ]);
    expect(diff({ uniqueItems: true }, {}, 'array')).toEqual([
      loosened('uniqueItems'),
    ]);
    expect(diff({ timezone: true }, { timezone: false }, 'timestamp')).toEqual([
      tightened('timezone'),
    ]);
    expect(diff({ format: 'i32' }, { format: 'i64' }, 'integer')).toEqual([
      loosened('format'),
    ]);
    expect(diff({ format: 'u16' }, { format: 'i32' }, 'integer')).toEqual([
      loosened('format'),
    ]);
    expect(diff({ format: 'u32' }, { format: 'i32' }, 'integer')).toEqual([
      tightened('format'),
    ]);
    expect(diff({ format: 'f64' }, { format: 'f32' }, 'number')).toEqual([
      tightened('format'),
    ]);
  });

  it('type options: text bounds read as ISO dates and times, alike in every time zone, and only for those types', () => {
    // Set on the read contracts: parseDataContract refuses a number's text
    // bounds, but a contract built another way may still hold them.
    const diff = (
      logicalType: string,
      was: Record<string, unknown>,
      is: Record<string, unknown>,
    ) => {
      const [before, after] = [was, is].map((options, index) => {
        const doc = baseDoc();
        doc.version = `${index + 1}.0.0`;
        property(doc, 'address').logicalType = logicalType;
        const contract = parsed(doc);
        contract.schema[0].properties.find(
          p => p.name === 'address',
        )!.logicalTypeOptions = options;
        return contract;
      });
      return summary(diffDataContracts(before, after));
    };
    const tightened = [
      {
        kind: 'type-option-tightened',
        severity: 'breaking',
        path: 'orders.address',
      },
    ];
    const loosened = [
      {
        kind: 'type-option-loosened',
        severity: 'warning',
        path: 'orders.address',
      },
    ];
    // Text is no date for a number: "50" is not the year 1950 (nor "100"
    // the year 100); it cannot be compared, so a change may break.
    expect(diff('number', { maximum: '100' }, { maximum: '50' })).toEqual(
      tightened,
    );
    expect(diff('integer', { minimum: '49' }, { minimum: '50' })).toEqual(
      tightened,
    );
    // Without an offset, UTC, not the machine's time zone (this fails off UTC
    // if read as local time).
    expect(
      diff(
        'timestamp',
        { maximum: '2024-06-01T12:00:00Z' },
        { maximum: '2024-06-01T12:00:00' },
      ),
    ).toEqual([]);
    // As ODCS's examples write them: a space for the T.
    expect(
      diff(
        'timestamp',
        { minimum: '2020-01-01 00:00:00+10:00' },
        { minimum: '2019-12-31T14:00:00Z' },
      ),
    ).toEqual([]);
    expect(
      diff('date', { maximum: '2024-06-01' }, { maximum: '2024-06-01T00:00Z' }),
    ).toEqual([]);
    // Text that is no ISO date (here one Date.parse would read) cannot be
    // compared.
    expect(
      diff('date', { maximum: '2024-06-01' }, { maximum: 'June 1, 2024' }),
    ).toEqual(tightened);
    // Times of day compare with each other.
    expect(
      diff('time', { maximum: '23:59:59' }, { maximum: '18:00:00' }),
    ).toEqual(tightened);
    expect(diff('time', { minimum: '08:00:00' }, { minimum: '06:30' })).toEqual(
      loosened,
    );
  });

  it('property-removed: breaking, when an array no longer describes its items', () => {
    expect(
      summary(changesAfter(doc => delete property(doc, 'tags').items)),
    ).toEqual([
      { kind: 'property-removed', severity: 'breaking', path: 'orders.tags[]' },
    ]);
  });

  it('classification-changed: breaking when more restrictive, warning otherwise', () => {
    const changes = changesAfter(doc => {
      property(doc, 'order_id').classification = 'public';
      property(doc, 'total').classification = 'restricted';
      property(doc, 'status').classification = 'pii';
    });
    expect(summary(changes)).toEqual([
      {
        kind: 'classification-changed',
        severity: 'warning',
        path: 'orders.order_id',
      },
      {
        kind: 'classification-changed',
        severity: 'breaking',
        path: 'orders.status',
      },
      {
        kind: 'classification-changed',
        severity: 'breaking',
        path: 'orders.total',
      },
    ]);
    expect(changes[1].message).toBe(
      'Classification changed from unclassified to pii (PII): consumers may lose access or have new obligations.',
    );
  });

  it('classification-changed: breaking when a pii tag is added', () => {
    expect(
      summary(
        changesAfter(doc => {
          property(doc, 'total').tags = ['pii'];
        }),
      ),
    ).toEqual([
      {
        kind: 'classification-changed',
        severity: 'breaking',
        path: 'orders.total',
      },
    ]);
  });

  it('quality-rule-removed: warning', () => {
    const changes = changesAfter(doc => {
      property(doc, 'order_id').quality = [];
      orders(doc).quality.shift();
    });
    expect(summary(changes)).toEqual([
      {
        kind: 'quality-rule-removed',
        severity: 'warning',
        path: 'orders.order_id.quality[nullValues]',
      },
      {
        kind: 'quality-rule-removed',
        severity: 'warning',
        path: 'orders.quality[sql]',
      },
    ]);
  });

  it('quality-rule-loosened: warning, for a looser threshold or a lower severity', () => {
    const changes = changesAfter(doc => {
      property(doc, 'order_id').quality[0] = {
        metric: 'nullValues',
        mustBeLessThan: 5,
        severity: 'error',
      };
      orders(doc).quality[1].severity = 'warning';
    });
    expect(summary(changes)).toEqual([
      {
        kind: 'quality-rule-loosened',
        severity: 'warning',
        path: 'orders.order_id.quality[nullValues]',
      },
      {
        kind: 'quality-rule-loosened',
        severity: 'warning',
        path: 'orders.quality[rowCount]',
      },
    ]);
    expect(changes.map(c => c.message)).toEqual([
      'Quality rule nullValues was loosened: it accepts more (mustBe 0 → mustBeLessThan 5).',
      'Quality rule rowCount was loosened: a failure is now warning, was error.',
    ]);
  });

  it('quality-rule-changed and quality-rule-added: info', () => {
    expect(
      summary(
        changesAfter(doc => {
          orders(doc).quality[1].mustBeGreaterThan = 5000;
          property(doc, 'total').quality = [
            { metric: 'nullValues', mustBe: 0, severity: 'error' },
          ];
        }),
      ),
    ).toEqual([
      {
        kind: 'quality-rule-added',
        severity: 'info',
        path: 'orders.total.quality[nullValues]',
      },
      {
        kind: 'quality-rule-changed',
        severity: 'info',
        path: 'orders.quality[rowCount]',
      },
    ]);
  });

  it('sla-weakened: breaking, comparing values in normalised units', () => {
    const changes = changesAfter(doc => {
      Object.assign(sla(doc, 'latency'), { value: 1, unit: 'day' });
      Object.assign(sla(doc, 'frequency'), { value: 7, unit: 'days' });
      Object.assign(sla(doc, 'retention'), { value: 18, unit: 'months' });
      sla(doc, 'availability').value = 99;
      sla(doc, 'timeOfAvailability').value = '11:00-08:00';
      sla(doc, 'endOfSupport').value = '2027-01-01';
    });
    expect(summary(changes)).toEqual(
      [
        'latency',
        'frequency',
        'retention',
        'availability',
        'timeOfAvailability[regulatory]',
        'endOfSupport',
      ].map(name => ({
        kind: 'sla-weakened',
        severity: 'breaking',
        path: `slaProperties.${name}`,
      })),
    );
    expect(changes[0].message).toBe(
      'SLA latency was weakened from 4 h to 1 day.',
    );
  });

  it('finds no SLA change when only the unit spelling differs', () => {
    expect(
      changesAfter(doc => {
        Object.assign(sla(doc, 'latency'), { value: 240, unit: 'minutes' });
        Object.assign(sla(doc, 'retention'), { value: 3, unit: 'yr' });
        sla(doc, 'frequency').unit = 'day';
      }),
    ).toEqual([]);
  });

  it('matches an SLA without element to one on the slaDefaultElement', () => {
    const before = baseDoc();
    before.slaProperties = [
      {
        property: 'latency',
        value: 4,
        unit: 'h',
        element: 'orders.updated_at',
      },
    ];
    const after = baseDoc();
    after.slaDefaultElement = 'orders.updated_at';
    after.slaProperties = [{ property: 'latency', value: 1, unit: 'd' }];
    expect(summary(diffDataContracts(parsed(before), parsed(after)))).toEqual([
      {
        kind: 'sla-weakened',
        severity: 'breaking',
        path: 'slaProperties.latency[orders.updated_at]',
      },
      { kind: 'version-not-bumped', severity: 'warning', path: 'version' },
    ]);
  });

  it('sla-changed: info when stronger, warning when it cannot tell', () => {
    expect(
      summary(
        changesAfter(doc => {
          Object.assign(sla(doc, 'retention'), { value: 5, unit: 'years' });
          doc.slaProperties.push({
            property: 'throughput',
            value: 100,
            unit: 'rps',
          });
          Object.assign(sla(doc, 'latency'), { value: 4, unit: 'fortnights' });
        }),
      ),
    ).toEqual([
      {
        kind: 'sla-changed',
        severity: 'warning',
        path: 'slaProperties.latency',
      },
      {
        kind: 'sla-changed',
        severity: 'info',
        path: 'slaProperties.retention',
      },
      { kind: 'sla-added', severity: 'info', path: 'slaProperties.throughput' },
    ]);
  });

  it('sla-removed: breaking', () => {
    expect(
      summary(
        changesAfter(doc => {
          doc.slaProperties = doc.slaProperties.filter(
            (s: { property: string }) => s.property !== 'availability',
          );
        }),
      ),
    ).toEqual([
      {
        kind: 'sla-removed',
        severity: 'breaking',
        path: 'slaProperties.availability',
      },
    ]);
  });

  it('version-not-bumped: warning when breaking changes keep the version', () => {
    const changes = changesAfter(doc => {
      doc.version = '1.0.0';
      doc.schema = [];
    });
    expect(summary(changes)).toEqual([
      { kind: 'schema-object-removed', severity: 'breaking', path: 'orders' },
      { kind: 'version-not-bumped', severity: 'warning', path: 'version' },
    ]);
  });

  it('major-version-not-bumped: warning when breaking changes bump only the minor', () => {
    const changes = changesAfter(doc => {
      doc.version = '1.1.0';
      doc.schema = [];
    });
    expect(summary(changes)).toEqual([
      { kind: 'schema-object-removed', severity: 'breaking', path: 'orders' },
      {
        kind: 'major-version-not-bumped',
        severity: 'warning',
        path: 'version',
      },
    ]);
    expect(changes[1]).toMatchObject({ before: '1.0.0', after: '1.1.0' });
  });

  it('accepts a minor bump for breaking changes before 1.0.0, as semver does', () => {
    const before = baseDoc();
    before.version = '0.3.0';
    const after = baseDoc();
    after.version = '0.4.0';
    after.schema = [];
    expect(summary(diffDataContracts(parsed(before), parsed(after)))).toEqual([
      { kind: 'schema-object-removed', severity: 'breaking', path: 'orders' },
    ]);
  });

  it('does not ask for a version bump without breaking changes', () => {
    const changes = changesAfter(doc => {
      doc.version = '1.0.0';
      orders(doc).properties.push({ name: 'note', logicalType: 'string' });
    });
    expect(summary(changes)).toEqual([
      { kind: 'property-added', severity: 'info', path: 'orders.note' },
    ]);
  });

  it('logical-type-changed: integer → number is a widening, a warning; number → integer is breaking', () => {
    const narrowed = changesAfter(doc => {
      property(doc, 'total').logicalType = 'integer';
    });
    expect(summary(narrowed)).toEqual([
      logicalTypeChanged('orders.total', 'breaking'),
    ]);
    const before = baseDoc();
    property(before, 'total').logicalType = 'integer';
    const after = baseDoc();
    expect(summary(diffDataContracts(parsed(before), parsed(after)))).toEqual([
      logicalTypeChanged('orders.total', 'warning'),
    ]);
  });

  describe('from ODCS v3.0.x, which had no timestamp or time type', () => {
    function v30(physicalType?: string) {
      const doc = baseDoc();
      doc.apiVersion = 'v3.0.2';
      orders(doc).properties.push({
        name: 'placed_at',
        logicalType: 'date',
        physicalType,
      });
      return doc;
    }
    function v31(logicalType: string, physicalType?: string) {
      const doc = baseDoc();
      orders(doc).properties.push({
        name: 'placed_at',
        logicalType,
        physicalType,
      });
      return doc;
    }
    const placedAt = (
      before: Record<string, any>,
      after: Record<string, any>,
    ) => summary(diffDataContracts(parsed(before), parsed(after)));

    it('a date respelt as timestamp or time over the same physical type is info', () => {
      expect(placedAt(v30('timestamp'), v31('timestamp', 'timestamp'))).toEqual(
        [
          {
            kind: 'logical-type-changed',
            severity: 'info',
            path: 'orders.placed_at',
          },
        ],
      );
      expect(
        placedAt(
          v30('TIMESTAMP WITH TIME ZONE'),
          v31('timestamp', 'timestamptz'),
        ),
      ).toEqual([
        {
          kind: 'logical-type-changed',
          severity: 'info',
          path: 'orders.placed_at',
        },
        {
          kind: 'physical-type-changed',
          severity: 'info',
          path: 'orders.placed_at',
        },
      ]);
      expect(placedAt(v30('time'), v31('time', 'time'))).toEqual([
        {
          kind: 'logical-type-changed',
          severity: 'info',
          path: 'orders.placed_at',
        },
      ]);
    });

    it('is breaking when the physical type changed too, or is no timestamp, and between v3.1.0 contracts', () => {
      const fromV31 = v30('timestamp');
      fromV31.apiVersion = 'v3.1.0';
      for (const [before, after] of [
        [v30('date'), v31('timestamp', 'timestamp')],
        [v30('date'), v31('timestamp', 'date')],
        [fromV31, v31('timestamp', 'timestamp')],
      ]) {
        expect(placedAt(before, after)).toContainEqual({
          kind: 'logical-type-changed',
          severity: 'breaking',
          path: 'orders.placed_at',
        });
      }
    });

    it('is a warning without the physical types that would tell', () => {
      expect(placedAt(v30(), v31('timestamp'))).toEqual([
        {
          kind: 'logical-type-changed',
          severity: 'warning',
          path: 'orders.placed_at',
        },
      ]);
    });
  });

  describe('servers, matched by name', () => {
    const servers = () => [
      {
        server: 'prod',
        type: 'postgres',
        host: 'db.example.com',
        port: 5432,
        database: 'analytics',
        schema: 'sales',
        description: 'Production',
      },
      { server: 'events', type: 'kafka', host: 'broker:9092', format: 'avro' },
    ];
    function diffServers(change: (list: Record<string, any>[]) => void) {
      const before = baseDoc();
      before.servers = servers();
      const after = baseDoc();
      after.version = '2.0.0';
      after.servers = servers();
      change(after.servers);
      return diffDataContracts(parsed(before), parsed(after));
    }

    it('finds nothing when only the order, a description or the port spelling differ', () => {
      expect(
        diffServers(list => {
          list.reverse();
          list[1].description = 'Primary';
          list[1].port = '5432';
          list[1].host = 'DB.example.com';
        }),
      ).toEqual([]);
    });

    it('finds nothing when a server only gains a description or environment, or respells its type', () => {
      expect(
        diffServers(list => {
          list[0].type = 'PostgreSQL';
          list[0].environment = 'prod';
          list[1].description = 'Order events';
          list[1].environment = 'prod';
        }),
      ).toEqual([]);
    });

    it('server-changed: breaking when where the data is changed', () => {
      const changes = diffServers(list => {
        list[0].host = 'db2.example.com';
        list[0].schema = 'sales_v2';
        list[1].type = 'pulsar';
        list[1].format = 'json';
      });
      expect(summary(changes)).toEqual([
        {
          kind: 'server-changed',
          severity: 'breaking',
          path: 'servers.prod.host',
        },
        {
          kind: 'server-changed',
          severity: 'breaking',
          path: 'servers.prod.schema',
        },
        {
          kind: 'server-changed',
          severity: 'breaking',
          path: 'servers.events.type',
        },
        {
          kind: 'server-changed',
          severity: 'breaking',
          path: 'servers.events.format',
        },
      ]);
      expect(changes[0]).toMatchObject({
        before: 'db.example.com',
        after: 'db2.example.com',
        message:
          "Server prod's host changed from db.example.com to db2.example.com: consumers configured for the old one will fail or read other data.",
      });
    });

    it('server-changed: a warning when a field is only given on one side', () => {
      expect(
        summary(
          diffServers(list => {
            delete list[0].schema;
            list[1].topic = 'orders';
          }),
        ),
      ).toEqual([
        {
          kind: 'server-changed',
          severity: 'warning',
          path: 'servers.prod.schema',
        },
        {
          kind: 'server-changed',
          severity: 'warning',
          path: 'servers.events.topic',
        },
      ]);
    });

    it('server-removed: breaking; server-added: info; a rename is both', () => {
      const changes = diffServers(list => {
        list[0].server = 'production';
        list.push({ server: 'dev', type: 'postgres', host: 'localhost' });
      });
      expect(summary(changes)).toEqual([
        { kind: 'server-removed', severity: 'breaking', path: 'servers.prod' },
        {
          kind: 'server-added',
          severity: 'info',
          path: 'servers.production',
        },
        { kind: 'server-added', severity: 'info', path: 'servers.dev' },
      ]);
    });

    it('asks for a version bump when a server change is breaking', () => {
      const before = baseDoc();
      before.servers = servers();
      const after = baseDoc();
      after.servers = servers();
      after.servers[0].port = 5433;
      expect(summary(diffDataContracts(parsed(before), parsed(after)))).toEqual(
        [
          {
            kind: 'server-changed',
            severity: 'breaking',
            path: 'servers.prod.port',
          },
          {
            kind: 'version-not-bumped',
            severity: 'warning',
            path: 'version',
          },
        ],
      );
    });
  });
});
