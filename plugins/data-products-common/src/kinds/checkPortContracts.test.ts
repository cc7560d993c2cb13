import { parseDataContract } from '../contract';
import { checkPortContracts, PortContract } from './checkPortContracts';

const contract = (schema: unknown[]) => {
  const { contract: parsed, errors } = parseDataContract({
    apiVersion: 'v3.0.2',
    kind: 'DataContract',
    id: 'sales',
    version: '1.0.0',
    status: 'active',
    schema,
  });
  expect(errors).toEqual([]);
  return parsed!;
};

const table = (name: string, columns: unknown[], physicalName?: string) => ({
  name,
  ...(physicalName ? { physicalName } : {}),
  properties: columns,
});

const product = (
  ports: Array<{ name: string; dataset: string }>,
  quality: unknown[] = [],
) => ({
  apiVersion: 'meshwork.dev/v1alpha1',
  kind: 'DataProduct',
  metadata: { name: 'orders' },
  spec: {
    outputPorts: ports.map(({ name, dataset }) => ({
      name,
      type: 'table',
      dataset: { namespace: 'pg://db', name: dataset },
      contract: `./contracts/${name}.odcs.yaml`,
    })),
    slos: { quality },
  },
});

const given = (entries: Record<string, unknown[]>): Map<string, PortContract> =>
  new Map(
    Object.entries(entries).map(([port, schema]) => [
      port,
      { contract: contract(schema), written: `./contracts/${port}.odcs.yaml` },
    ]),
  );

describe('checkPortContracts', () => {
  const orders = table('orders', [
    { name: 'order_id' },
    { name: 'customer_id', physicalName: 'CUST_ID' },
    { name: 'address', logicalType: 'object', properties: [{ name: 'city' }] },
  ]);

  it('accepts quality rules on columns of the contract, by name, physical name or path, in any case', () => {
    const entity = product(
      [{ name: 'orders', dataset: 'mart.orders' }],
      [
        { column: 'order_id', metric: 'nullRate', max: 0 },
        { column: 'Customer_ID', metric: 'duplicateRate', max: 0 },
        { column: 'cust_id', metric: 'nullRate', max: 0 },
        { column: 'address.city', metric: 'nullRate', max: 0 },
        { metric: 'rowCount', min: 1 },
      ],
    );
    expect(checkPortContracts(entity, given({ orders: [orders] }))).toEqual([]);
  });

  it('reports a quality rule on a column its port contract lacks, with the columns it could be', () => {
    const entity = product(
      [{ name: 'orders', dataset: 'mart.orders' }],
      [{ port: 'orders', column: 'custmer_id', metric: 'nullRate', max: 0 }],
    );
    expect(checkPortContracts(entity, given({ orders: [orders] }))).toEqual([
      {
        path: 'spec.slos.quality[0].column',
        message:
          '"custmer_id" is not a column of the contract of output port "orders" (./contracts/orders.odcs.yaml), schema object "orders", so its nullRate would never be measured: expected one of "customer_id" (physicalName "CUST_ID"), "order_id", "address", "address.city"',
      },
    ]);
  });

  it('checks a rule naming no port against every port with a contract schema', () => {
    const entity = product(
      [
        { name: 'orders', dataset: 'mart.orders' },
        { name: 'events', dataset: 'orders-topic' },
        { name: 'raw', dataset: 'raw.orders' },
      ],
      [{ column: 'order_id', metric: 'nullRate', max: 0 }],
    );
    const issues = checkPortContracts(
      entity,
      given({ orders: [orders], events: [table('events', [{ name: 'id' }])] }),
    );
    expect(issues).toEqual([
      {
        path: 'spec.slos.quality[0].column',
        message: expect.stringContaining(
          '"order_id" is not a column of the contract of output port "events" (./contracts/events.odcs.yaml), schema object "events", so its nullRate would never be measured (the rule names no port, so it applies to every output port; give port to apply it to one): expected one of "id"',
        ),
      },
    ]);
  });

  it('does not judge columns a port contract does not declare', () => {
    const entity = product(
      [{ name: 'orders', dataset: 'mart.orders' }],
      [{ column: 'order_id', metric: 'nullRate', max: 0 }],
    );
    expect(
      checkPortContracts(entity, given({ orders: [table('orders', [])] })),
    ).toEqual([]);
    expect(checkPortContracts(entity, given({ orders: [] }))).toEqual([]);
    expect(checkPortContracts(entity, new Map())).toEqual([]);
  });

  it('reports a contract of several schema objects none of which describes the dataset', () => {
    const entity = product(
      [{ name: 'orders', dataset: 'mart.order_lines' }],
      [{ column: 'nope', metric: 'nullRate', max: 0 }],
    );
    expect(
      checkPortContracts(
        entity,
        given({
          orders: [
            table('customers', [{ name: 'id' }]),
            table('orders', [{ name: 'id' }], 'orders_v2'),
          ],
        }),
      ),
    ).toEqual([
      {
        path: 'spec.outputPorts[0].contract',
        message:
          'the contract of output port "orders" (./contracts/orders.odcs.yaml) has several schema objects ("customers", "orders" (physicalName "orders_v2")) and none describes dataset "mart.order_lines": expected one whose name or physicalName is "mart.order_lines" or "order_lines" (in any case), or a contract of one schema object',
      },
    ]);
  });

  it.each([
    ['by name', 'mart.orders', table('orders', [{ name: 'id' }])],
    [
      'by physical name',
      'mart.ORDERS_V2',
      table('o', [{ name: 'id' }], 'orders_v2'),
    ],
    [
      'by file name',
      's3://lake/orders.parquet',
      table('orders', [{ name: 'id' }]),
    ],
  ])(
    'accepts several schema objects when one matches the dataset %s',
    (_, dataset, matching) => {
      const entity = product(
        [{ name: 'orders', dataset }],
        [{ column: 'id', metric: 'nullRate', max: 0 }],
      );
      expect(
        checkPortContracts(
          entity,
          given({ orders: [table('customers', [{ name: 'cid' }]), matching] }),
        ),
      ).toEqual([]);
    },
  );

  it('names an inline contract as such', () => {
    const entity = product(
      [{ name: 'orders', dataset: 'mart.orders' }],
      [{ column: 'x', metric: 'nullRate', max: 0 }],
    );
    const [issue] = checkPortContracts(
      entity,
      new Map([['orders', { contract: contract([orders]) }]]),
    );
    expect(issue.message).toContain('output port "orders" (inline)');
  });
});
