import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { diff } from './diff';

const repoRoot = path.resolve(__dirname, '../../../..');
const catalog = path.join(repoRoot, 'catalog-info');
const ordersContract = path.join(
  catalog,
  'contracts/checkout/orders.odcs.yaml',
);

function captureStdout() {
  const out: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    out.push(String(chunk));
    return true;
  });
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return out;
}

describe('meshwork diff', () => {
  let dir: string;
  let changed: string;

  beforeAll(async () => {
    const text = await fs.readFile(ordersContract, 'utf8');
    // Drop a column every downstream product can rely on: order_status.
    const withoutStatus = text.replace(
      /\n {6}- name: order_status\n(?: {8}.*\n| {10}.*\n| {12}.*\n| {14}.*\n)*/,
      '\n',
    );
    if (withoutStatus === text) {
      throw new Error('order_status not found in the orders contract');
    }
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-diff-'));
    changed = path.join(dir, 'orders.odcs.yaml');
    await fs.writeFile(changed, withoutStatus);
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => fs.rm(dir, { recursive: true }));

  it('finds nothing between a contract and itself', async () => {
    const out = captureStdout();
    await expect(
      diff(ordersContract, ordersContract, { format: 'text' }),
    ).resolves.toBe(0);
    expect(out.join('')).toBe('No changes.\n');
  });

  it('reports a removed column as breaking and names the downstream products', async () => {
    const out = captureStdout();
    await expect(
      diff(ordersContract, changed, { catalog, format: 'json' }),
    ).resolves.toBe(1);
    const report = JSON.parse(out.join(''));
    expect(report.breaking).toBe(true);
    expect(report.changes).toContainEqual(
      expect.objectContaining({
        kind: 'property-removed',
        severity: 'breaking',
        path: 'orders.order_status',
      }),
    );
    expect(report.ports).toEqual(['dataproduct:default/orders#orders']);
    expect(report.consumers).toContainEqual({
      product: 'dataproduct:default/customer-lifetime-value',
      owner: 'group:customer-data',
      tier: 2,
      via: 'dataproduct:default/orders#orders',
    });
    const tiers = report.consumers.map((c: { tier: number }) => c.tier);
    expect(tiers).toEqual([...tiers].sort());
  });

  it('names a contract that is not one, without an empty field path', async () => {
    const empty = path.join(dir, 'empty.odcs.yaml');
    await fs.writeFile(empty, '');
    await expect(
      diff(empty, ordersContract, { format: 'text' }),
    ).rejects.toThrow(`${empty}: is empty: expected an ODCS data contract`);
  });

  it('stops on a catalog it cannot read, and says what in one it could not', async () => {
    captureStdout();
    const nowhere = path.join(dir, 'nowhere');
    await expect(
      diff(ordersContract, changed, { catalog: nowhere, format: 'text' }),
    ).rejects.toThrow(`--catalog ${nowhere}: cannot read (ENOENT`);

    const broken = path.join(dir, 'broken');
    await fs.mkdir(broken);
    await fs.writeFile(path.join(broken, 'x.yaml'), 'kind: [\n');
    const errors: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      errors.push(String(chunk));
      return true;
    });
    await expect(
      diff(ordersContract, changed, { catalog: broken, format: 'text' }),
    ).resolves.toBe(1);
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^meshwork: \S*x\.yaml \(document 1\): is not valid YAML at line 2/,
      ),
    );
  });

  it("names a consumer whose input port names the changed port's dataset, in any spelling of its namespace, once however many of its ports read it", async () => {
    const mesh = path.join(dir, 'by-dataset');
    await fs.mkdir(path.join(mesh, 'contracts'), { recursive: true });
    const contract = path.join(mesh, 'contracts/orders.odcs.yaml');
    await fs.copyFile(ordersContract, contract);
    const product = (
      name: string,
      tier: number,
      spec: string,
    ) => `apiVersion: meshwork.dev/v1alpha1
kind: DataProduct
metadata: { name: ${name}, namespace: default }
spec:
  domain: default/sales
  owner: group:default/sales-data
  lifecycle: production
  type: source-aligned
  tier: ${tier}
  version: 1.0.0
${spec}`;
    const port = (name: string, dataset: string) =>
      `{ name: ${name}, type: table, dataset: { namespace: 'postgres://db:5432', name: ${dataset} } }`;
    await fs.writeFile(
      path.join(mesh, 'all.yaml'),
      [
        `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: sales-data }
spec: { type: team, children: [] }`,
        `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: sales }
spec: { owner: group:sales-data }`,
        product(
          'orders',
          1,
          `  outputPorts:
    - { name: orders, type: table, contract: ./contracts/orders.odcs.yaml, dataset: { namespace: 'postgres://db:5432', name: analytics.orders } }
    - ${port('other', 'analytics.other')}`,
        ),
        product(
          'by-dataset',
          2,
          `  outputPorts: [${port('out', 'analytics.t1')}]
  inputPorts:
    - { name: o, dataset: { namespace: 'postgres://db:5432', name: analytics.orders } }`,
        ),
        // The catalog relates postgresql:// and postgres:// (its default port
        // left out) as one namespace.
        product(
          'by-other-spelling',
          2,
          `  outputPorts: [${port('out', 'analytics.t5')}]
  inputPorts:
    - { name: o, dataset: { namespace: 'postgresql://db', name: analytics.orders } }`,
        ),
        product(
          'by-other-namespace',
          2,
          `  outputPorts: [${port('out', 'analytics.t2')}]
  inputPorts:
    - { name: o, dataset: { namespace: 'postgres://db2:5432', name: analytics.orders } }`,
        ),
        product(
          'by-both',
          3,
          `  outputPorts: [${port('out', 'analytics.t4')}]
  inputPorts:
    - { name: o, from: orders#orders }
    - { name: o2, dataset: { namespace: 'postgres://db:5432', name: analytics.orders } }`,
        ),
        product(
          'by-other-dataset',
          2,
          `  outputPorts: [${port('out', 'analytics.t3')}]
  inputPorts:
    - { name: o, dataset: { namespace: 'postgres://db:5432', name: analytics.other } }`,
        ),
      ].join('\n---\n'),
    );
    const errors: string[] = [];
    const out = captureStdout();
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      errors.push(String(chunk));
      return true;
    });
    await expect(
      diff(contract, changed, { catalog: mesh, format: 'json' }),
    ).resolves.toBe(1);
    expect(errors.filter(e => e.startsWith('meshwork:'))).toEqual([]);
    const report = JSON.parse(out.join(''));
    expect(report.ports).toEqual(['dataproduct:default/orders#orders']);
    expect(report.consumers).toEqual([
      {
        product: 'dataproduct:default/by-dataset',
        owner: 'group:default/sales-data',
        tier: 2,
        via: 'dataproduct:default/orders#orders',
      },
      {
        product: 'dataproduct:default/by-other-spelling',
        owner: 'group:default/sales-data',
        tier: 2,
        via: 'dataproduct:default/orders#orders',
      },
      {
        product: 'dataproduct:default/by-both',
        owner: 'group:default/sales-data',
        tier: 3,
        via: 'dataproduct:default/orders#orders',
      },
    ]);
  });

  it('prints each change on one line, whatever its column is named', async () => {
    const renamed = path.join(dir, 'renamed.odcs.yaml');
    await fs.writeFile(
      renamed,
      (
        await fs.readFile(ordersContract, 'utf8')
      ).replace('- name: order_status', '- name: "order_status\\n::error::x"'),
    );
    const out = captureStdout();
    await diff(ordersContract, renamed, { format: 'text' });
    expect(out.join('')).toContain('order_status\\n::error::x');
    expect(out.join('')).not.toMatch(/^::/m);
  });
});
