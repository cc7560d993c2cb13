import {
  MAX_DATASETS_PER_OWNERS_REQUEST,
  MAX_OWNERS_REQUEST_BYTES,
} from '@meshwork/plugin-lineage-common';
import { LineageClient } from './LineageClient';

describe('LineageClient', () => {
  it('asks for the owners of each dataset once, in parts the backend takes', async () => {
    const bodies: Array<Array<{ namespace: string; name: string }>> = [];
    const client = new LineageClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/lineage' },
      fetchApi: {
        fetch: async (_url: RequestInfo | URL, init?: RequestInit) => {
          const { datasets } = JSON.parse(String(init!.body));
          bodies.push(datasets);
          const items = datasets.map((d: { name: string }) => ({
            ...d,
            port: d.name,
          }));
          return new Response(JSON.stringify({ items }), {
            headers: { 'Content-Type': 'application/json' },
          });
        },
      },
    });
    const distinct = MAX_DATASETS_PER_OWNERS_REQUEST + 1;
    // A column's blast radius names a dataset once per column it reaches.
    const datasets = Array.from({ length: distinct * 3 }, (_, i) => ({
      namespace: 'postgres://warehouse:5432',
      name: `mart.t${i % distinct}`,
    }));
    const owners = await client.datasetOwners(datasets);
    expect(bodies.map(body => body.length)).toEqual([
      MAX_DATASETS_PER_OWNERS_REQUEST,
      1,
    ]);
    expect(owners.map(o => o.port)).toEqual(
      datasets.slice(0, distinct).map(d => d.name),
    );
    expect(await client.datasetOwners([])).toEqual([]);
    expect(bodies).toHaveLength(2);

    // Long names fill a body before the count does.
    const long = Array.from({ length: 1_000 }, (_, i) => ({
      namespace: 's3://lake',
      name: `${'partition/'.repeat(200)}${i}`,
    }));
    const sizes: number[] = [];
    bodies.length = 0;
    const found = await client.datasetOwners(long);
    expect(found).toHaveLength(1_000);
    for (const body of bodies) {
      sizes.push(
        new TextEncoder().encode(JSON.stringify({ datasets: body })).length,
      );
    }
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_OWNERS_REQUEST_BYTES);
  });
});
