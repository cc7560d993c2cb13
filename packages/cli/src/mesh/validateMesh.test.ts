import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { catalogRulesOf } from './catalogRules';
import { mergeAppConfigs } from './readAppConfig';
import { validateMesh } from './validateMesh';

/** A product's YAML, up to the items of its output ports. */
const productHead = (name: string) => [
  'apiVersion: meshwork.dev/v1alpha1',
  'kind: DataProduct',
  `metadata: {name: ${name}}`,
  'spec:',
  '  domain: sales',
  '  owner: group:sales',
  '  lifecycle: production',
  '  type: aggregate',
  '  tier: 2',
  '  version: 1.0.0',
  '  outputPorts:',
];

describe('validateMesh', () => {
  it('reports a product with more issues than a call takes arguments', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-validate-'));
    const ports = 150_000;
    const inputPorts = Array.from(
      { length: ports },
      (_, i) =>
        `    - {name: in-${i}, from: 'dataproduct:default/gone-${i}#x'}`,
    );
    await fs.writeFile(
      path.join(dir, 'product.yaml'),
      [
        ...productHead('wide'),
        "    - {name: out, type: table, dataset: {namespace: 'pg://db', name: sales.wide}}",
        '  inputPorts:',
        ...inputPorts,
        '---',
        ...productHead('unsound'),
        ...Array.from(
          { length: ports },
          (_, i) => `    - {name: out-${i}, type: table}`,
        ),
      ].join('\n'),
    );
    try {
      const { errors, products } = await validateMesh([dir]);
      const missingUpstreams = errors.filter(e => e.entity === 'wide');
      expect(missingUpstreams).toHaveLength(ports);
      expect(missingUpstreams[ports - 1]).toMatchObject({
        path: `spec.inputPorts[${ports - 1}].from`,
      });
      expect(products.map(p => [p.ref, p.issues.length])).toEqual([
        ['dataproduct:default/wide', ports],
      ]);
      const unsound = errors.filter(e => e.entity === 'unsound');
      expect(unsound).toHaveLength(ports);
      expect(unsound[ports - 1]).toMatchObject({
        path: `spec.outputPorts[${ports - 1}].dataset`,
      });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reports quality SLOs on columns the contract lacks, and contracts describing none of their dataset', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-validate-'));
    const contract = (tables: Array<[string, string[]]>) =>
      [
        'apiVersion: v3.0.2',
        'kind: DataContract',
        'id: sales',
        'version: 1.0.0',
        'status: active',
        'schema:',
        ...tables.flatMap(([table, columns]) => [
          `  - name: ${table}`,
          '    properties:',
          ...columns.map(column => `      - {name: ${column}}`),
        ]),
      ].join('\n');
    await fs.mkdir(path.join(dir, 'contracts'));
    await fs.writeFile(
      path.join(dir, 'contracts/orders.odcs.yaml'),
      contract([['orders', ['order_id', 'customer_id']]]),
    );
    await fs.writeFile(
      path.join(dir, 'contracts/two.odcs.yaml'),
      contract([
        ['customers', ['id']],
        ['lines', ['id']],
      ]),
    );
    await fs.writeFile(
      path.join(dir, 'product.yaml'),
      [
        ...productHead('orders'),
        "    - {name: orders, type: table, dataset: {namespace: 'pg://db', name: mart.orders}, contract: ./contracts/orders.odcs.yaml}",
        "    - {name: lines, type: table, dataset: {namespace: 'pg://db', name: mart.order_lines}, contract: ./contracts/two.odcs.yaml}",
        '  slos:',
        '    quality:',
        '      - {port: orders, column: customer_id, metric: nullRate, max: 0}',
        '      - {port: orders, column: custmer_id, metric: nullRate, max: 0}',
        '      - {port: orders, metric: rowCount, min: 1}',
      ].join('\n'),
    );
    try {
      const { errors } = await validateMesh([dir]);
      expect(errors).toEqual([
        {
          file: path.join(dir, 'product.yaml'),
          entity: 'orders',
          path: 'spec.outputPorts[1].contract',
          message:
            'the contract of output port "lines" (./contracts/two.odcs.yaml) has several schema objects ("customers", "lines") and none describes dataset "mart.order_lines": expected one whose name or physicalName is "mart.order_lines" or "order_lines" (in any case), or a contract of one schema object',
        },
        {
          file: path.join(dir, 'product.yaml'),
          entity: 'orders',
          path: 'spec.slos.quality[1].column',
          message:
            '"custmer_id" is not a column of the contract of output port "orders" (./contracts/orders.odcs.yaml), schema object "orders", so its nullRate would never be measured: expected one of "customer_id", "order_id"',
        },
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a contract of the wrong type once, without reading it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-validate-'));
    await fs.writeFile(
      path.join(dir, 'product.yaml'),
      [
        ...productHead('orders'),
        "    - {name: empty, type: table, dataset: {namespace: 'pg://db', name: mart.a}, contract: ''}",
        "    - {name: number, type: table, dataset: {namespace: 'pg://db', name: mart.b}, contract: 5}",
        "    - {name: list, type: table, dataset: {namespace: 'pg://db', name: mart.c}, contract: [a.yaml]}",
      ].join('\n'),
    );
    try {
      const { errors } = await validateMesh([dir]);
      expect(errors).toEqual(
        [
          [0, '""'],
          [1, 'the number 5'],
          [2, 'a list'],
        ].map(([index, got]) => ({
          file: path.join(dir, 'product.yaml'),
          entity: 'orders',
          path: `spec.outputPorts[${index}].contract`,
          message: `must be a path to an ODCS file or an inline contract (got ${got})`,
        })),
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('looks up a successor the paths do not hold in the catalog, as an upstream product', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-validate-'));
    await fs.writeFile(
      path.join(dir, 'product.yaml'),
      [
        ...productHead('legacy').map(line =>
          line.replace('lifecycle: production', 'lifecycle: deprecated'),
        ),
        "    - {name: out, type: table, dataset: {namespace: 'pg://db', name: sales.legacy}}",
        '  deprecation: {successor: Current, sunset: 2027-03-31}',
      ].join('\n'),
    );
    const asked: string[][] = [];
    const catalogHolding =
      (...names: string[]) =>
      async (refs: string[]) => {
        asked.push(refs);
        return names.map(name => ({
          apiVersion: 'meshwork.dev/v1alpha1',
          kind: 'DataProduct',
          metadata: { name, namespace: 'default' },
          spec: { outputPorts: [] },
        }));
      };
    try {
      const found = await validateMesh([dir], {
        catalog: catalogHolding('current'),
      });
      expect(asked[0]).toContain('dataproduct:default/current');
      expect(
        found.errors.filter(e => e.path.startsWith('spec.deprecation')),
      ).toEqual([]);
      const missing = await validateMesh([dir], { catalog: catalogHolding() });
      expect(
        missing.errors.filter(e => e.path.startsWith('spec.deprecation')),
      ).toEqual([
        expect.objectContaining({
          entity: 'legacy',
          path: 'spec.deprecation.successor',
          message:
            'dataproduct:default/current is not among the given entities nor in the catalog (expected an existing DataProduct)',
        }),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('reads no contract of a product in no git repository that a Location beyond the paths given reaches, as the catalog', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-validate-'));
    for (const folder of ['root', 'other', 'secret']) {
      await fs.mkdir(path.join(dir, folder));
    }
    await fs.writeFile(
      path.join(dir, 'root/locations.yaml'),
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Location',
        'metadata: {name: elsewhere}',
        'spec: {targets: [../other/product.yaml]}',
      ].join('\n'),
    );
    await fs.writeFile(
      path.join(dir, 'secret/c.odcs.yaml'),
      [
        'apiVersion: v3.0.2',
        'kind: DataContract',
        'id: sales',
        'version: 1.0.0',
        'status: active',
        'schema: [{name: orders, properties: [{name: order_id}]}]',
      ].join('\n'),
    );
    const product = path.join(dir, 'other/product.yaml');
    await fs.writeFile(
      product,
      [
        ...productHead('orders'),
        "    - {name: orders, type: table, dataset: {namespace: 'pg://db', name: mart.orders}, contract: ../secret/c.odcs.yaml}",
      ].join('\n'),
    );
    try {
      const { errors } = await validateMesh([
        path.join(dir, 'root/locations.yaml'),
      ]);
      expect(errors).toEqual([
        expect.objectContaining({
          file: product,
          path: 'spec.outputPorts[0].contract',
          message: expect.stringMatching(
            /^contract "\.\.\/secret\/c\.odcs\.yaml" is not read: this file is in no git repository/,
          ),
        }),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a contract as the location reading its product does: from the root, or a placeholder, only by URL', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-validate-'));
    await fs.mkdir(path.join(dir, '.git'));
    await fs.mkdir(path.join(dir, 'contracts'));
    await fs.mkdir(path.join(dir, 'products'));
    await fs.writeFile(
      path.join(dir, 'contracts/orders.odcs.yaml'),
      [
        'apiVersion: v3.0.2',
        'kind: DataContract',
        'id: sales',
        'version: 1.0.0',
        'status: active',
        'schema: [{name: orders, properties: [{name: order_id}]}]',
      ].join('\n'),
    );
    const product = path.join(dir, 'products/orders.yaml');
    const contracts = [
      '/contracts/orders.odcs.yaml',
      '{$yaml: ../contracts/orders.odcs.yaml}',
      '{$text: ../contracts/orders.odcs.yaml}',
    ];
    await fs.writeFile(
      product,
      contracts
        .map((contract, i) =>
          [
            ...productHead(`orders-${i}`),
            `    - {name: orders, type: table, dataset: {namespace: 'pg://db', name: mart.orders}, contract: ${contract}}`,
          ].join('\n'),
        )
        .join('\n---\n'),
    );
    // Its text, not a path: said without the text.
    const textNotPath = {
      file: product,
      entity: 'orders-2',
      path: 'spec.outputPorts[0].contract',
      message:
        "contract is several lines of text, not a path (a $text placeholder gives its file's text): give the path itself (contract: ../contracts/orders.odcs.yaml) or read the file as YAML ({ $yaml: ../contracts/orders.odcs.yaml })",
    };
    const catalogRules = catalogRulesOf(
      mergeAppConfigs([
        {
          data: {
            catalog: {
              rules: [{ allow: ['DataProduct'] }],
              locations: [{ type: 'file', target: `${dir}/products/*.yaml` }],
            },
          },
          context: path.join(dir, 'app-config.yaml'),
        },
      ]),
    );
    try {
      // As a url location reads it: the repository's root, the placeholders.
      expect((await validateMesh([dir])).errors).toEqual([textNotPath]);
      const { errors } = await validateMesh([dir], { catalogRules });
      expect(errors).toEqual([
        {
          file: product,
          entity: 'orders-1',
          path: 'spec.outputPorts[0].contract',
          message: expect.stringMatching(
            /^\$yaml \.\.\/contracts\/orders\.odcs\.yaml cannot be read: a file location of the app-config reads this file/,
          ),
        },
        {
          file: product,
          entity: 'orders-2',
          path: 'spec.outputPorts[0].contract',
          message: expect.stringMatching(
            /^\$text \.\.\/contracts\/orders\.odcs\.yaml cannot be read: a file location/,
          ),
        },
        {
          file: product,
          entity: 'orders-0',
          path: 'spec.outputPorts[0].contract',
          message:
            'contract "/contracts/orders.odcs.yaml" must be a path relative to this file: a file location reads it, where the catalog reads no contract from a repository\'s root (only a url location does)',
        },
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
