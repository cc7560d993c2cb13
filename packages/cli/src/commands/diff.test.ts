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
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meshwork-diff-'));
    changed = path.join(dir, 'orders.odcs.yaml');
    await fs.writeFile(changed, withoutStatus);
  });

  afterEach(() => jest.restoreAllMocks());

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
});
