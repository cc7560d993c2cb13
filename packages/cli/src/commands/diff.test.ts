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
