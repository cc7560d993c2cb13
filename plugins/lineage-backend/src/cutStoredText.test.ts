import { mockCredentials } from '@backstage/backend-test-utils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import { startLineageBackend } from './__testUtils__/startLineageBackend';

describe('text the store cuts to fit', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps an emoji whole, or leaves it out, where a symlink type or parent run id is cut, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const backend = await startLineageBackend(knex);
      const user = mockCredentials.user.header();
      const symlink = {
        namespace: 'hive',
        name: 'db.orders',
        type: `${'T'.repeat(63)}😀`,
      };
      const parentRunId = `${'r'.repeat(255)}😀`;
      try {
        // A cut between the emoji's halves was refused by Postgres.
        await request(backend.server)
          .post('/api/lineage/api/v1/lineage')
          .set('Authorization', user)
          .send({
            eventType: 'COMPLETE',
            eventTime: new Date().toISOString(),
            producer: 'https://example.com/test',
            run: {
              runId: '00000000-0000-4000-8000-000000000001',
              facets: {
                parent: {
                  run: { runId: parentRunId },
                  job: { namespace: 'airflow', name: 'dag' },
                },
              },
            },
            job: { namespace: 'etl', name: 'task' },
            inputs: [],
            outputs: [
              {
                namespace: 's3://bucket',
                name: 'orders',
                facets: { symlinks: { identifiers: [symlink] } },
              },
            ],
          })
          .expect(201);
        const get = (path: string) =>
          request(backend.server)
            .get(`/api/lineage${path}`)
            .set('Authorization', user)
            .expect(200);
        const dataset = await get(
          `/datasets?nodeId=${encodeURIComponent(
            'dataset:s3://bucket:orders',
          )}`,
        );
        expect(dataset.body.symlinks).toEqual([
          { ...symlink, type: 'T'.repeat(63) },
        ]);
        const runs = await get(
          `/runs?job=${encodeURIComponent('job:etl:task')}`,
        );
        expect(runs.body.runs.map((r: any) => r.parentRunId)).toEqual([
          'r'.repeat(255),
        ]);
      } finally {
        await backend.stop();
      }
    },
  );
});
