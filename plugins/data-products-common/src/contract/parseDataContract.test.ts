import { parseDataContract } from './parseDataContract';

const VALID_YAML = `
apiVersion: v3.0.2
kind: DataContract
id: 7e01ccda-6da5-5b8c-a9f9-bef3d8c5e26b
name: Orders
version: 2.1.0
status: active
domain: checkout
dataProduct: orders
description:
  purpose: Orders for revenue reporting.
  usage: Join lines on order_id.
  limitations: Late orders may be missing.
servers:
  - server: warehouse
    type: postgres
schema:
  - name: orders
    physicalName: orders_v2
    logicalType: object
    physicalType: table
    properties:
      - name: order_id
        logicalType: string
        physicalType: uuid
        required: true
        unique: true
        primaryKey: true
        primaryKeyPosition: 1
        classification: internal
        partitioned: false
        quality:
          - rule: nullCheck
            metric: nullValues
            mustBe: 0
            dimension: completeness
            severity: error
      - name: status
        logicalType: string
        physicalType: varchar(20)
        quality:
          - metric: invalidValues
            arguments:
              validValues: [placed, paid, shipped]
            mustBe: 0
      - name: postcode
        logicalType: string
        classification: restricted
        tags: [PII]
      - name: address
        logicalType: object
        properties:
          - name: city
            logicalType: string
      - name: tags
        logicalType: array
        items:
          logicalType: string
          physicalType: varchar(16)
    quality:
      - type: sql
        query: SELECT COUNT(*) FROM orders WHERE total < 0
        mustBe: 0
slaProperties:
  - property: latency
    value: 30
    unit: m
    element: orders.updated_at
support:
  - channel: '#checkout-data'
    tool: slack
    url: https://slack.example/checkout-data
team:
  - username: amelia
    role: Data Product Owner
    dateIn: '2021-03-01'
x-meshwork-reviewed: true
`;

/** A valid contract as an object, to break one field at a time. */
function minimal(): Record<string, any> {
  return {
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: 'orders',
    version: '1.0.0',
    status: 'active',
    schema: [
      {
        name: 'orders',
        properties: [
          { name: 'order_id', logicalType: 'string' },
          { name: 'total', logicalType: 'number' },
        ],
      },
    ],
  };
}

describe('parseDataContract', () => {
  it('reads a YAML contract into the model', () => {
    const { contract, errors } = parseDataContract(VALID_YAML);
    expect(errors).toEqual([]);
    expect(contract).toMatchObject({
      apiVersion: 'v3.0.2',
      kind: 'DataContract',
      id: '7e01ccda-6da5-5b8c-a9f9-bef3d8c5e26b',
      name: 'Orders',
      version: '2.1.0',
      status: 'active',
      domain: 'checkout',
      dataProduct: 'orders',
      description: {
        purpose: 'Orders for revenue reporting.',
        usage: 'Join lines on order_id.',
        limitations: 'Late orders may be missing.',
      },
      slaProperties: [
        {
          property: 'latency',
          value: 30,
          unit: 'm',
          element: 'orders.updated_at',
        },
      ],
      support: [{ channel: '#checkout-data', tool: 'slack' }],
      team: { members: [{ username: 'amelia', role: 'Data Product Owner' }] },
    });
    const [orders] = contract!.schema;
    expect(orders).toMatchObject({
      name: 'orders',
      physicalName: 'orders_v2',
      physicalType: 'table',
      quality: [
        {
          type: 'sql',
          query: 'SELECT COUNT(*) FROM orders WHERE total < 0',
          thresholds: { mustBe: 0 },
        },
      ],
    });
    expect(orders.properties.map(p => p.name)).toEqual([
      'order_id',
      'status',
      'postcode',
      'address',
      'tags',
    ]);
    expect(orders.properties[0]).toMatchObject({
      required: true,
      unique: true,
      primaryKey: true,
      primaryKeyPosition: 1,
      classification: 'internal',
      isPii: false,
      quality: [
        {
          rule: 'nullCheck',
          metric: 'nullValues',
          dimension: 'completeness',
          severity: 'error',
          thresholds: { mustBe: 0 },
        },
      ],
    });
    expect(orders.properties[3].properties[0].name).toBe('city');
    expect(orders.properties[4].items).toMatchObject({
      logicalType: 'string',
      physicalType: 'varchar(16)',
    });
  });

  it('keeps every field it does not model as an extension', () => {
    const { contract } = parseDataContract(VALID_YAML);
    expect(contract!.extensions).toEqual({
      servers: [{ server: 'warehouse', type: 'postgres' }],
      'x-meshwork-reviewed': true,
    });
    expect(contract!.schema[0].properties[0].extensions).toEqual({
      partitioned: false,
    });
    expect(contract!.schema[0].properties[1].quality[0].extensions).toEqual({
      arguments: { validValues: ['placed', 'paid', 'shipped'] },
    });
  });

  it('defaults the flags ODCS defaults to false', () => {
    const { contract } = parseDataContract(minimal());
    expect(contract!.schema[0].properties[1]).toMatchObject({
      required: false,
      unique: false,
      primaryKey: false,
      isPii: false,
      tags: [],
      examples: [],
      quality: [],
      properties: [],
    });
  });

  it('marks a property PII by its classification or its own tags only', () => {
    const doc = minimal();
    doc.schema[0].tags = ['pii'];
    doc.schema[0].properties = [
      { name: 'email', classification: 'PII' },
      { name: 'postcode', classification: 'restricted', tags: ['pii'] },
      { name: 'salary', classification: 'restricted' },
      { name: 'country', classification: 'public' },
    ];
    const { contract } = parseDataContract(doc);
    expect(contract!.schema[0].properties.map(p => p.isPii)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('takes the allowed values from logicalTypeOptions.enum or a validValues rule', () => {
    const { contract } = parseDataContract(VALID_YAML);
    expect(contract!.schema[0].properties[1].allowedValues).toEqual([
      'placed',
      'paid',
      'shipped',
    ]);
    const doc = minimal();
    doc.schema[0].properties[0].logicalTypeOptions = { enum: ['a', 'b'] };
    doc.schema[0].properties[1].quality = [
      { rule: 'validValues', validValues: [1, 2], mustBe: 0 },
    ];
    const parsed = parseDataContract(doc).contract!;
    expect(parsed.schema[0].properties[0].allowedValues).toEqual(['a', 'b']);
    expect(parsed.schema[0].properties[1].allowedValues).toEqual([1, 2]);
  });

  it('reads the v3.1.0 team object as well as the v3.0 list', () => {
    const doc = minimal();
    doc.team = {
      name: 'checkout-data',
      description: 'Owns checkout data',
      members: [{ username: 'amelia', role: 'owner' }],
      tags: ['core'],
    };
    expect(parseDataContract(doc).contract!.team).toEqual({
      name: 'checkout-data',
      description: 'Owns checkout data',
      members: [expect.objectContaining({ username: 'amelia', role: 'owner' })],
      extensions: { tags: ['core'] },
    });
  });

  it('reads unquoted dates in a file as text, as in a contract inline', () => {
    const { contract, errors } = parseDataContract(
      VALID_YAML.replace("dateIn: '2021-03-01'", 'dateIn: 2021-03-01'),
    );
    expect(errors).toEqual([]);
    expect(contract!.team!.members).toEqual([
      expect.objectContaining({ username: 'amelia', dateIn: '2021-03-01' }),
    ]);
  });

  it('reads merge keys in a file', () => {
    const { contract, errors } = parseDataContract(`
apiVersion: v3.0.2
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - &id
        name: order_id
        logicalType: string
        required: true
      - <<: *id
        name: customer_id
`);
    expect(errors).toEqual([]);
    expect(contract!.schema[0].properties[1]).toMatchObject({
      name: 'customer_id',
      logicalType: 'string',
      required: true,
    });
  });

  it('reads a contract of more values than aliases may expand to, when it has none', () => {
    const column = (i: number) =>
      `{ name: c${i}, logicalType: string, tags: [a, b, c, d, e, f, g, h] }`;
    const tables = Array.from(
      { length: 100 },
      (_, t) =>
        `  - name: t${t}\n    properties: [${Array.from(
          { length: 100 },
          (_c, i) => column(i),
        ).join(', ')}]`,
    );
    const text = `apiVersion: v3.1.0
kind: DataContract
id: wide
version: 1.0.0
status: active
schema:
${tables.join('\n')}
`;
    const { contract, errors } = parseDataContract(text);
    expect(errors).toEqual([]);
    expect(contract!.schema).toHaveLength(100);
  });

  it('reads JSON text', () => {
    const { contract, errors } = parseDataContract(
      JSON.stringify(minimal(), null, 2),
    );
    expect(errors).toEqual([]);
    expect(contract!.schema[0].properties).toHaveLength(2);
  });

  it('does not change the object it is given', () => {
    const doc = minimal();
    const copy = JSON.parse(JSON.stringify(doc));
    parseDataContract(doc);
    expect(doc).toEqual(copy);
  });

  describe('reports what is wrong, and where', () => {
    function errorsFor(input: unknown) {
      const result = parseDataContract(input);
      expect(result.contract).toBeUndefined();
      return result.errors;
    }

    it('an unsupported apiVersion', () => {
      const doc = minimal();
      doc.apiVersion = 'v2.2.2';
      expect(errorsFor(doc)).toEqual([
        {
          path: 'apiVersion',
          message:
            'must be a supported ODCS version: "v3.0.0", "v3.0.1", "v3.0.2" or "v3.1.0" (found "v2.2.2"; ODCS v2 contracts must be upgraded to v3)',
        },
      ]);
    });

    it('another kind of document', () => {
      const doc = minimal();
      doc.kind = 'DataProduct';
      expect(errorsFor(doc)).toEqual([
        {
          path: 'kind',
          message: 'must be "DataContract" (found "DataProduct")',
        },
      ]);
    });

    it('missing required top-level fields', () => {
      const doc = minimal();
      delete doc.id;
      delete doc.status;
      expect(errorsFor(doc)).toEqual([
        {
          path: 'id',
          message:
            'is required: expected a unique identifier such as a UUID, found nothing',
        },
        {
          path: 'status',
          message:
            'is required: expected a status such as draft, active or deprecated, found nothing',
        },
      ]);
    });

    it('a version YAML reads as a number', () => {
      expect(
        errorsFor(
          'apiVersion: v3.0.2\nkind: DataContract\nid: orders\nversion: 1.0\nstatus: active\n',
        ),
      ).toEqual([
        {
          path: 'version',
          message:
            'must be text (found the number 1; put it in quotes in YAML to keep it text)',
        },
      ]);
    });

    it('a logical type that is not an ODCS one', () => {
      const doc = minimal();
      doc.schema[0].properties[1].logicalType = 'varchar';
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].properties[1].logicalType',
          message:
            'must be one of the ODCS logical types "string", "date", "timestamp", "time", "number", "integer", "object", "array" or "boolean" (found "varchar"; database types such as varchar(32) go in physicalType)',
        },
      ]);
    });

    it('a property without a name, deep in nested properties', () => {
      const doc = minimal();
      doc.schema[0].properties.push({
        name: 'lines',
        logicalType: 'array',
        items: {
          logicalType: 'object',
          properties: [{ name: 'sku' }, { logicalType: 'string' }],
        },
      });
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].properties[2].items.properties[1].name',
          message: 'is required: expected a name, found nothing',
        },
      ]);
    });

    it('schema that is not a list', () => {
      const doc = minimal();
      doc.schema = { name: 'orders' };
      expect(errorsFor(doc)).toEqual([
        { path: 'schema', message: 'must be a list (found an object)' },
      ]);
    });

    it('a flag written as text', () => {
      const doc = minimal();
      doc.schema[0].properties[0].required = 'yes';
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].properties[0].required',
          message: 'must be true or false (found "yes")',
        },
      ]);
    });

    it('a library quality rule without metric or rule', () => {
      const doc = minimal();
      doc.schema[0].properties[0].quality = [{ type: 'library', mustBe: 0 }];
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].properties[0].quality[0].metric',
          message:
            'is required for a library rule: expected a metric such as nullValues or rowCount (or, in ODCS v3.0, a rule), found neither',
        },
      ]);
    });

    it('an sql quality rule without a query, and a bad range', () => {
      const doc = minimal();
      doc.schema[0].quality = [
        { type: 'sql', mustBe: 0 },
        { metric: 'rowCount', mustBeBetween: [10] },
      ];
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].quality[0].query',
          message:
            'is required: expected the SQL query of this sql rule, found nothing',
        },
        {
          path: 'schema[0].quality[1].mustBeBetween',
          message: 'must be a list of two numbers [low, high] (found 1 number)',
        },
      ]);
    });

    it('a range with its larger number first, at any depth', () => {
      const doc = minimal();
      doc.quality = [{ metric: 'rowCount', mustBeBetween: [1000000, 10] }];
      doc.schema[0].properties[1].properties = [
        {
          name: 'net',
          quality: [
            { metric: 'nullValues', mustNotBeBetween: [5, 1] },
            { metric: 'nullValues', mustBeBetween: [1, 5] },
          ],
        },
      ];
      expect(errorsFor(doc)).toEqual([
        {
          path: 'quality[0].mustBeBetween',
          message: 'must list the smaller number first (found [1000000,10])',
        },
        {
          path: 'schema[0].properties[1].properties[0].quality[0].mustNotBeBetween',
          message: 'must list the smaller number first (found [5,1])',
        },
      ]);
    });

    it('a metric ODCS v3.1.0 does not define, though v3.0 rules are free', () => {
      const doc = minimal();
      doc.schema[0].quality = [
        { metric: 'nullValue', mustBeLessThan: 1 },
        { type: 'library', metric: 'duplicateValues', mustBe: 0 },
      ];
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].quality[0].metric',
          message:
            'must be one of nullValues, missingValues, invalidValues, duplicateValues, rowCount in ODCS v3.1.0 (found "nullValue")',
        },
      ]);
      doc.apiVersion = 'v3.0.2';
      expect(parseDataContract(doc).errors).toEqual([]);
    });

    it('an SLA without a value', () => {
      const doc = minimal();
      doc.slaProperties = [{ property: 'latency', unit: 'd' }];
      expect(errorsFor(doc)).toEqual([
        {
          path: 'slaProperties[0].value',
          message: 'is required: expected the SLA value, found nothing',
        },
      ]);
    });

    it('a team that is neither form', () => {
      const doc = minimal();
      doc.team = 'checkout-data';
      expect(errorsFor(doc)).toEqual([
        {
          path: 'team',
          message:
            'must be a list of members (ODCS v3.0) or an object with a members list (ODCS v3.1) (found "checkout-data")',
        },
      ]);
    });

    it('a property name used twice', () => {
      const doc = minimal();
      doc.schema[0].properties.push({ name: 'total' });
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].properties[2].name',
          message:
            'must be unique among the properties here; "total" is used more than once',
        },
      ]);
    });

    it('a logical type option of the wrong type', () => {
      const doc = minimal();
      doc.schema[0].properties[0].logicalTypeOptions = {
        maxLength: 'sixty-four',
        minLength: -1,
        multipleOf: 0,
      };
      // A date's bounds are text, and stay allowed.
      doc.schema[0].properties.push({
        name: 'placed_on',
        logicalType: 'date',
        logicalTypeOptions: { minimum: '2020-01-01', format: 'yyyy-MM-dd' },
      });
      const errors = errorsFor(doc);
      expect(errors).toHaveLength(3);
      expect(errors.map(e => [e.path, e.message])).toEqual(
        expect.arrayContaining([
          [
            'schema[0].properties[0].logicalTypeOptions.maxLength',
            'must be a whole number (found "sixty-four")',
          ],
          [
            'schema[0].properties[0].logicalTypeOptions.minLength',
            expect.stringMatching(/>= 0/),
          ],
          [
            'schema[0].properties[0].logicalTypeOptions.multipleOf',
            expect.stringMatching(/> 0/),
          ],
        ]),
      );
    });

    it('a number or integer bound written as text', () => {
      const yaml = `
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: total
        logicalType: number
        logicalTypeOptions: { minimum: 0, maximum: "100" }
      - name: quantity
        logicalType: integer
        logicalTypeOptions: { exclusiveMinimum: "zero", exclusiveMaximum: 10 }
      - name: scores
        logicalType: array
        items:
          logicalType: integer
          logicalTypeOptions: { minimum: "1" }
      - name: discount
        logicalType: number
        logicalTypeOptions: { maximum: 1, exclusiveMaximum: true }
      - name: placed_on
        logicalType: date
        logicalTypeOptions: { maximum: "2030-12-31" }
`;
      expect(errorsFor(yaml)).toEqual([
        {
          path: 'schema[0].properties[0].logicalTypeOptions.maximum',
          message:
            'must be a number (found "100"; remove the quotes in YAML to make it a number)',
        },
        {
          path: 'schema[0].properties[1].logicalTypeOptions.exclusiveMinimum',
          message: 'must be a number or true or false (found "zero")',
        },
        {
          path: 'schema[0].properties[2].items.logicalTypeOptions.minimum',
          message:
            'must be a number (found "1"; remove the quotes in YAML to make it a number)',
        },
      ]);
    });

    it('a logical type format that is not text', () => {
      const doc = minimal();
      doc.schema[0].properties[0].logicalTypeOptions = { format: 64 };
      doc.schema[0].properties[1].logicalTypeOptions = { format: ['f64'] };
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].properties[0].logicalTypeOptions.format',
          message:
            'must be text (found the number 64; put it in quotes in YAML to keep it text)',
        },
        {
          path: 'schema[0].properties[1].logicalTypeOptions.format',
          message: 'must be text (found a list)',
        },
      ]);
    });

    it('servers that are not a list of named, typed servers', () => {
      const doc = minimal();
      doc.servers = { prod: { type: 'postgres', host: 'db' } };
      expect(errorsFor(doc)).toEqual([
        { path: 'servers', message: 'must be a list (found an object)' },
      ]);
      doc.servers = [
        { name: 'prod', type: 'postgres', host: 'db' },
        { server: 'events', host: 'broker' },
        { server: 5432, type: 'postgres' },
        'warehouse',
      ];
      expect(errorsFor(doc)).toEqual([
        {
          path: 'servers[0].server',
          message:
            'is required: expected the server name, such as production, found nothing',
        },
        {
          path: 'servers[1].type',
          message:
            'is required: expected the server type, such as postgres, snowflake or kafka, found nothing',
        },
        {
          path: 'servers[2].server',
          message:
            'must be text (found the number 5432; put it in quotes in YAML to keep it text)',
        },
        {
          path: 'servers[3]',
          message: 'must be an object (key: value pairs) (found "warehouse")',
        },
      ]);
    });

    it('a server name used twice, as the diff matches servers by name', () => {
      const doc = minimal();
      doc.servers = [
        { server: 'prod', type: 'postgres', host: 'db' },
        { server: 'events', type: 'kafka' },
        { server: 'prod', type: 'postgres', host: 'db2' },
      ];
      expect(errorsFor(doc)).toEqual([
        {
          path: 'servers[2].server',
          message:
            'must be unique among the servers; "prod" is used more than once',
        },
      ]);
    });

    it('a column two properties name, by physical name or by name', () => {
      const doc = minimal();
      doc.schema[0].properties.push(
        { name: 'order_total', physicalName: 'total', logicalType: 'integer' },
        { name: 'order_id_copy', physicalName: 'ORDER_ID' },
      );
      doc.schema[0].properties.unshift({
        name: 'legacy_id',
        physicalName: 'order_id',
      });
      expect(errorsFor(doc)).toEqual([
        {
          path: 'schema[0].properties[1].name',
          message:
            'must be unique among the columns here; "order_id" is already another property\'s column',
        },
        {
          path: 'schema[0].properties[3].physicalName',
          message:
            'must be unique among the columns here; "total" is already another property\'s column',
        },
      ]);
    });

    it('every problem at once', () => {
      const doc = minimal();
      doc.kind = 'Contract';
      doc.schema[0].properties[0].logicalType = 'uuid';
      expect(errorsFor(doc).map(e => e.path)).toEqual([
        'kind',
        'schema[0].properties[0].logicalType',
      ]);
    });

    it('YAML syntax errors, with line and column', () => {
      expect(
        errorsFor(
          'apiVersion: v3.0.2\nschema:\n  - name: orders\n   physicalType: table\n',
        ),
      ).toEqual([
        {
          path: '',
          message:
            'is not valid YAML at line 4, column 4: bad indentation of a sequence entry',
        },
      ]);
      expect(errorsFor('id: a\nid: b\n')).toEqual([
        {
          path: '',
          message:
            'is not valid YAML at line 2, column 1: duplicated mapping key',
        },
      ]);
    });

    it('aliases that expand without bound ("billion laughs")', () => {
      const levels = Array.from(
        { length: 9 },
        (_, i) =>
          `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`,
      );
      const bomb = ['l0: &l0 lol', ...levels].join('\n');
      expect(errorsFor(bomb)).toEqual([
        {
          path: '',
          message:
            'is not usable YAML: its aliases expand it to more than 100000 values',
        },
      ]);
    });

    it.each(['a: &a {b: *a}', 'a: &a [*a]', '- &a [x, [*a, *a]]'])(
      'an alias to a value that contains it (%s)',
      text => {
        expect(errorsFor(text)).toEqual([
          {
            path: '',
            message:
              'is not usable YAML: an alias refers to a value that contains it',
          },
        ]);
      },
    );

    it('more than one YAML document', () => {
      expect(errorsFor('id: a\n---\nid: b\n')).toEqual([
        {
          path: '',
          message:
            'is not valid YAML: it holds more than one document, a contract file must hold exactly one',
        },
      ]);
    });

    it('something that is not a contract at all', () => {
      expect(errorsFor('- a\n- b\n')).toEqual([
        {
          path: '',
          message:
            'must be an ODCS data contract, an object with apiVersion, kind, id, version and status (found a list)',
        },
      ]);
      expect(errorsFor('# nothing here\n')).toEqual([
        { path: '', message: 'is empty: expected an ODCS data contract' },
      ]);
      expect(errorsFor(42)).toEqual([
        {
          path: '',
          message:
            'must be an ODCS data contract, an object with apiVersion, kind, id, version and status (found a number)',
        },
      ]);
    });

    it('a file holding only text, without echoing it: the file may be a secret read by mistake', () => {
      expect(errorsFor('TODO\n')).toEqual([
        {
          path: '',
          message:
            'must be an ODCS data contract, an object with apiVersion, kind, id, version and status (found a string of 4 characters)',
        },
      ]);
      expect(errorsFor('see https://wiki.example/orders\n')).toEqual([
        {
          path: '',
          message:
            'must be an ODCS data contract, an object with apiVersion, kind, id, version and status (found a string of 31 characters)',
        },
      ]);
      expect(
        errorsFor('MESHWORK_API_TOKEN=s3cr3t POSTGRES_PASSWORD=hunt\n'),
      ).toEqual([
        {
          path: '',
          message:
            'must be an ODCS data contract, an object with apiVersion, kind, id, version and status (found a string of 48 characters)',
        },
      ]);
      expect(errorsFor('true\n')[0].message).toMatch(/\(found a boolean\)$/);
    });
  });

  it('names each invalid property, at any depth, as one validation of the whole contract does', () => {
    const doc = minimal();
    doc.schema = [
      {
        name: 'orders',
        physicalType: 5,
        properties: [
          { name: 'order_id', logicalType: 'string' },
          {
            name: 'address',
            logicalType: 'object',
            properties: [{ name: 'street', logicalType: 123 }, 7],
          },
          {
            name: 'tags',
            logicalType: 'array',
            items: {
              logicalType: 'object',
              properties: [{ logicalType: 'string' }],
            },
          },
        ],
      },
      'oops',
    ];
    const logicalTypes =
      '"string", "date", "timestamp", "time", "number", "integer", "object", "array" or "boolean"';
    expect(
      parseDataContract(doc).errors.sort((a, b) =>
        a.path.localeCompare(b.path),
      ),
    ).toEqual([
      {
        path: 'schema[0].physicalType',
        message:
          'must be text (found the number 5; put it in quotes in YAML to keep it text)',
      },
      {
        path: 'schema[0].properties[1].properties[0].logicalType',
        message: `must be one of the ODCS logical types ${logicalTypes} (found the number 123; database types such as varchar(32) go in physicalType)`,
      },
      {
        path: 'schema[0].properties[1].properties[1]',
        message: 'must be an object (key: value pairs) (found the number 7)',
      },
      {
        path: 'schema[0].properties[2].items.properties[0].name',
        message: 'is required: expected a name, found nothing',
      },
      {
        path: 'schema[1]',
        message: 'must be an object (key: value pairs) (found "oops")',
      },
    ]);
  });

  it('names each of many invalid properties as it names one', () => {
    const count = 3000;
    const one = minimal();
    one.schema[0].properties = [{ name: 'c0', logicalType: 123 }];
    const [oneError] = parseDataContract(one).errors;
    const doc = minimal();
    doc.schema[0].properties = Array.from({ length: count }, (_, i) => ({
      name: `c${i}`,
      logicalType: 123,
    }));
    const { errors } = parseDataContract(doc);
    expect(errors).toHaveLength(count);
    expect(errors[count - 1]).toEqual({
      ...oneError,
      path: `schema[0].properties[${count - 1}].logicalType`,
    });
  });

  it('names each of more repeated property names than a call takes arguments', () => {
    const repeats = 150_000;
    const doc = minimal();
    doc.schema[0].properties = Array.from({ length: repeats + 1 }, () => ({
      name: 'order_id',
    }));
    const { errors } = parseDataContract(doc);
    expect(errors).toHaveLength(repeats);
    expect(errors[repeats - 1]).toEqual({
      path: `schema[0].properties[${repeats}].name`,
      message:
        'must be unique among the properties here; "order_id" is used more than once',
    });
  });

  it('accepts a contract without schema, as ODCS does', () => {
    const doc = minimal();
    delete doc.schema;
    expect(parseDataContract(doc).errors).toEqual([]);
  });
});
