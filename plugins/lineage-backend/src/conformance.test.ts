import { mockCredentials } from '@backstage/backend-test-utils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import { loadOpenLineageFixtures } from './__testUtils__/openLineageFixtures';
import { startLineageBackend } from './__testUtils__/startLineageBackend';

const scenarios = loadOpenLineageFixtures();
const describeIfFixtures = scenarios ? describe : describe.skip;

describeIfFixtures('OpenLineage conformance over the shared fixtures', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'accepts every fixture event and builds the graphs they describe, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      const get = async (path: string) => {
        const res = await request(backend.server)
          .get(`/api/lineage${path}`)
          .set('Authorization', mockCredentials.user.header());
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        return res.body;
      };
      try {
        let total = 0;
        for (const scenario of scenarios!) {
          for (const { file, event } of scenario.events) {
            const res = await request(backend.server)
              .post('/api/lineage/api/v1/lineage')
              .set('Authorization', mockCredentials.user.header())
              .send(event);
            expect({
              file: `${scenario.name}/${file}`,
              status: res.status,
            }).toEqual({
              file: `${scenario.name}/${file}`,
              status: 201,
            });
            total++;
          }
        }
        expect(await knex('lineage_events').select('id')).toHaveLength(total);

        // Every job reads and writes exactly what its events said.
        for (const scenario of scenarios!) {
          for (const { event } of scenario.events) {
            if (!event.job) continue;
            const jobId = `job:${event.job.namespace}:${event.job.name}`;
            const { graph } = await get(
              `/api/v1/lineage?nodeId=${encodeURIComponent(jobId)}&depth=1`,
            );
            const job = graph.find((n: any) => n.id === jobId);
            expect(job).toBeDefined();
            const origins = job.inEdges.map((e: any) => e.origin);
            const destinations = job.outEdges.map((e: any) => e.destination);
            for (const input of event.inputs ?? []) {
              expect(origins).toContain(
                `dataset:${input.namespace}:${input.name}`,
              );
            }
            for (const output of event.outputs ?? []) {
              expect(destinations).toContain(
                `dataset:${output.namespace}:${output.name}`,
              );
            }
          }
        }

        // airflow: test.csv → BQ.upload → upload → BQ.copy → upload_cp → BQ.download → result.csv
        const chain = await get(
          `/graph?nodeId=${encodeURIComponent(
            'dataset:gs://mock-bucket:test.csv',
          )}&direction=downstream&depth=10`,
        );
        expect(chain.nodes.map((n: any) => n.id)).toEqual(
          expect.arrayContaining([
            'job:airflow:BQ.upload',
            'dataset:bigquery:mock-project.test.upload',
            'job:airflow:BQ.copy',
            'dataset:bigquery:mock-project.test.upload_cp',
            'job:airflow:BQ.download',
            'dataset:gs://mock-bucket:result.csv',
          ]),
        );
        const compose = await get(
          `/graph?nodeId=${encodeURIComponent(
            'dataset:gs://mock-bucket:compose_result.txt',
          )}&direction=upstream&depth=1`,
        );
        expect(compose.nodes).toHaveLength(6);
        const upload = await get(
          `/runs?job=${encodeURIComponent('job:airflow:BQ.upload')}`,
        );
        expect(upload.runs).toEqual([
          expect.objectContaining({
            state: 'COMPLETE',
            parentRunId: '01936893-9751-7a91-a2a0-a51101a3970c',
          }),
        ]);

        // CLL: tbl1.ident comes from cll_source1.a, .b and cll_source2.a.
        const columns = await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            'datasetField:file:/tmp/cll_test/tbl1:ident',
          )}&depth=5`,
        );
        const ident = columns.graph.find(
          (n: any) => n.id === 'datasetField:file:/tmp/cll_test/tbl1:ident',
        );
        expect(
          ident.data.inputFields
            .map((f: any) => `${f.dataset}.${f.field}`)
            .sort(),
        ).toEqual([
          '/tmp/cll_test/cll_source1.a',
          '/tmp/cll_test/cll_source1.b',
          '/tmp/cll_test/cll_source2.a',
        ]);
        expect(
          ident.data.inputFields[0].transformations.length,
        ).toBeGreaterThan(0);
        const tbl1 = await get(
          `/datasets?nodeId=${encodeURIComponent(
            'dataset:file:/tmp/cll_test/tbl1',
          )}`,
        );
        expect(tbl1.symlinks).toEqual([
          {
            namespace: 'file:/tmp/cll_test',
            name: 'default.tbl1',
            type: 'TABLE',
          },
        ]);

        // simple_run_event: a run id that is not a UUID still makes a run.
        const simple = await get(
          `/runs?job=${encodeURIComponent('job:job_namespace:job_name')}`,
        );
        expect(simple.runs).toEqual([
          expect.objectContaining({ runId: 'run_id', state: 'COMPLETE' }),
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
});
