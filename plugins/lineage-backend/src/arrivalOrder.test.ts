import { mockCredentials } from '@backstage/backend-test-utils';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import request from 'supertest';
import { startLineageBackend } from './__testUtils__/startLineageBackend';

const NS = 'postgres://db.example:5432';
const user = mockCredentials.user.header();

/** A COMPLETE of run `n` of job `job` at second `second`. */
function runEvent(
  job: string,
  n: number,
  second: number,
  extra: Record<string, unknown>,
) {
  return {
    eventType: 'COMPLETE',
    eventTime: `2024-11-26T13:00:${String(second).padStart(2, '0')}Z`,
    producer: 'https://example.com/test',
    run: { runId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` },
    job: { namespace: 'etl', name: job },
    ...extra,
  };
}

describe('read answers, whatever order events arrive in', () => {
  const databases = createStoreTestDatabases();

  /**
   * The answers to `paths` on a fresh database sent `events` one batch
   * each, in order and in reverse order.
   */
  async function answersInBothOrders(
    databaseId: Parameters<typeof databases.init>[0],
    events: object[],
    paths: string[],
  ) {
    const answers = [];
    for (const order of [events, [...events].reverse()]) {
      const backend = await startLineageBackend(
        await databases.init(databaseId),
      );
      try {
        for (const event of order) {
          await request(backend.server)
            .post('/api/lineage/api/v1/lineage/batch')
            .set('Authorization', user)
            .send([event])
            .expect(200);
        }
        const bodies = [];
        for (const path of paths) {
          const answer = await request(backend.server)
            .get(`/api/lineage${path}`)
            .set('Authorization', user)
            .expect(200);
          bodies.push(answer.body);
        }
        answers.push(bodies);
      } finally {
        await backend.stop();
      }
    }
    return answers;
  }

  it.each(databases.eachSupportedId())(
    "gives a column's inputs, and its transformation of two direct ones, in Marquez's order, on %p",
    async databaseId => {
      const input = (name: string, field: string, subtype: string) => ({
        namespace: NS,
        name,
        field,
        transformations: [
          { type: 'DIRECT', subtype, description: `${subtype} of ${field}` },
        ],
      });
      const writing = (n: number, inputFields: object[]) =>
        runEvent('load', n, n, {
          outputs: [
            {
              namespace: NS,
              name: 'mart.c',
              facets: {
                columnLineage: { fields: { total: { inputFields } } },
              },
            },
          ],
        });
      const [inOrder, reversed] = await answersInBothOrders(
        databaseId,
        [
          writing(1, [input('src.zz', 'z', 'AGGREGATION')]),
          writing(2, [
            input('src.aa', 'a', 'IDENTITY'),
            input('src.zz', 'z', 'AGGREGATION'),
          ]),
        ],
        [
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            `datasetField:${NS}:mart.c:total`,
          )}`,
        ],
      );
      expect(reversed).toEqual(inOrder);
      const total = inOrder[0].graph.find(
        (n: { id: string }) => n.id === `datasetField:${NS}:mart.c:total`,
      );
      expect(total.data).toMatchObject({
        transformationType: 'DIRECT',
        transformationDescription: 'IDENTITY of a',
        inputFields: [
          { dataset: 'src.aa', field: 'a' },
          { dataset: 'src.zz', field: 'z' },
        ],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    "gives a job's inputs and outputs by namespace, then name, on %p",
    async databaseId => {
      const datasets = (names: string[]) =>
        names.map(name => ({ namespace: NS, name }));
      const [inOrder, reversed] = await answersInBothOrders(
        databaseId,
        [
          runEvent('load', 1, 1, {
            inputs: datasets(['raw.b']),
            outputs: datasets(['mart.b']),
          }),
          runEvent('load', 2, 2, {
            inputs: datasets(['raw.b', 'raw.a']),
            outputs: datasets(['mart.b', 'mart.a']),
          }),
        ],
        [`/api/v1/lineage?nodeId=${encodeURIComponent('job:etl:load')}`],
      );
      const ioOf = ([lineage]: any[]) => {
        const { data } = lineage.graph.find(
          (n: { id: string }) => n.id === 'job:etl:load',
        );
        return { inputs: data.inputs, outputs: data.outputs };
      };
      expect(ioOf(reversed)).toEqual(ioOf(inOrder));
      expect(ioOf(inOrder)).toEqual({
        inputs: datasets(['raw.a', 'raw.b']),
        outputs: datasets(['mart.a', 'mart.b']),
      });
    },
  );

  it.each(databases.eachSupportedId())(
    "gives a dataset's schema versions first seen at one time in the same order, on %p",
    async databaseId => {
      const reading = (job: string, n: number, column: string) =>
        runEvent(job, n, 1, {
          inputs: [
            {
              namespace: NS,
              name: 'raw.t',
              facets: {
                schema: { fields: [{ name: column, type: 'BIGINT' }] },
              },
            },
          ],
        });
      const [inOrder, reversed] = await answersInBothOrders(
        databaseId,
        [reading('first', 1, 'a'), reading('second', 2, 'b')],
        [`/datasets?nodeId=${encodeURIComponent(`dataset:${NS}:raw.t`)}`],
      );
      expect(inOrder[0].schemaVersions).toHaveLength(2);
      expect(reversed[0].schemaVersions).toEqual(inOrder[0].schemaVersions);
    },
  );
});
