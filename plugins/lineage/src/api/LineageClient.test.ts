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

  it('asks for the products naming each job once, in parts the backend takes', async () => {
    const sent: Array<{ url: string; jobs: string[] }> = [];
    const client = new LineageClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/lineage' },
      fetchApi: {
        fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
          const { jobs } = JSON.parse(String(init!.body));
          sent.push({ url: String(url), jobs });
          const items = jobs.map((job: string) => ({
            job,
            product: { entityRef: 'dataproduct:default/orders', title: job },
          }));
          return new Response(JSON.stringify({ items }), {
            headers: { 'Content-Type': 'application/json' },
          });
        },
      },
    });
    const distinct = MAX_DATASETS_PER_OWNERS_REQUEST + 1;
    const jobs = Array.from(
      { length: distinct * 2 },
      (_, i) => `job:airflow:dag.task${i % distinct}`,
    );
    const found = await client.declaredJobProducts(jobs);
    expect(sent.map(({ url }) => url)).toEqual([
      'http://backend/api/lineage/products/jobs',
      'http://backend/api/lineage/products/jobs',
    ]);
    expect(sent.map(({ jobs: part }) => part.length)).toEqual([
      MAX_DATASETS_PER_OWNERS_REQUEST,
      1,
    ]);
    expect(found.map(item => item.job)).toEqual(jobs.slice(0, distinct));
    expect(await client.declaredJobProducts([])).toEqual([]);
    expect(sent).toHaveLength(2);
  });

  it('sends one request for the same GET asked again while in flight', async () => {
    const sent: string[] = [];
    let status = 200;
    const client = new LineageClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/lineage' },
      fetchApi: {
        fetch: async (url: RequestInfo | URL) => {
          sent.push(String(url));
          return new Response(JSON.stringify({ runs: [] }), {
            status,
            headers: { 'Content-Type': 'application/json' },
          });
        },
      },
    });
    const job = 'job:airflow:orders_etl';
    const [first, again, other] = await Promise.all([
      client.runs(job, 15),
      client.runs(job, 15),
      client.runs(job, 50),
    ]);
    expect(sent).toEqual([
      `http://backend/api/lineage/runs?job=${encodeURIComponent(job)}&limit=15`,
      `http://backend/api/lineage/runs?job=${encodeURIComponent(job)}&limit=50`,
    ]);
    expect(first).toEqual([]);
    expect(other).toEqual([]);
    // Each caller its own answer, to change as it likes.
    expect(again).not.toBe(first);

    // Nothing kept once answered: asked later, it is sent again.
    await client.runs(job, 15);
    expect(sent).toHaveLength(3);

    // A failure is each caller's, and not kept either.
    status = 503;
    const failures = await Promise.allSettled([
      client.runs(job, 15),
      client.runs(job, 15),
    ]);
    expect(failures.map(f => f.status)).toEqual(['rejected', 'rejected']);
    expect(sent).toHaveLength(4);
    status = 200;
    await expect(client.runs(job, 15)).resolves.toEqual([]);
    expect(sent).toHaveLength(5);
  });
});
