import { createStoreTestDatabases } from '@meshwork/test-utils';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';
import {
  completedRun,
  FILES,
  GLUE,
  HIVE,
  Named,
  NS,
  symlinkTo,
  withColumns,
} from './__testUtils__/symlinkChain';

/** A completed run of `job`, writing `output` from `inputs`, column by column. */
const run = (
  job: string,
  inputs: Array<Named & { facets?: object }>,
  output: Named & { facets?: object; others?: string[] },
  fields: Record<string, Array<Named & { field: string }>>,
) =>
  completedRun(job, inputs, [
    withColumns(
      output,
      [...Object.keys(fields), ...(output.others ?? [])].map(name => ({
        name,
        type: 'BIGINT',
      })),
      fields,
    ),
  ]);

const raw = { namespace: NS, name: 'raw' };
const report = { namespace: NS, name: 'report' };
const summary = { namespace: NS, name: 'summary' };

/**
 * A chain of three names: Spark writes the files of `sales.orders` (with
 * `region`, which no reader names), its facet naming the Hive table; Trino
 * reads the Hive table's partition column `dt`, the Hive table's facet
 * naming its Glue table, which Athena reads.
 */
const events = () => [
  run(
    'spark.orders',
    [raw],
    { ...FILES, facets: symlinkTo(HIVE), others: ['region'] },
    { amount: [{ ...raw, field: 'amount' }] },
  ),
  run('trino.report', [{ ...HIVE, facets: symlinkTo(GLUE) }], report, {
    dt: [{ ...HIVE, field: 'dt' }],
  }),
  run('athena.summary', [GLUE], summary, {
    total: [{ ...GLUE, field: 'amount' }],
  }),
];

const dataset = ({ namespace, name }: Named) => `dataset:${namespace}:${name}`;
const field = ({ namespace, name }: Named, column: string) =>
  `datasetField:${namespace}:${name}:${column}`;

describe('the columns of a table known by a chain of names', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'are found by each of its names, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, events());
      const columnLineage = async (nodeId: string) =>
        (
          await get(
            `/api/v1/column-lineage?nodeId=${encodeURIComponent(
              nodeId,
            )}&depth=2&withDownstream=true`,
          ).expect(200)
        ).body;
      try {
        // Column lineage by the table lists its fields under every name,
        // each named after the primary: each is an id it answers for.
        const byTable = await columnLineage(dataset(FILES));
        expect(byTable.graph.map((node: any) => node.id)).toEqual(
          expect.arrayContaining([field(FILES, 'dt'), field(FILES, 'region')]),
        );
        for (const column of ['dt', 'region']) {
          const byHive = await columnLineage(field(HIVE, column));
          expect(await columnLineage(field(FILES, column))).toEqual(byHive);
          expect(await columnLineage(field(GLUE, column))).toEqual(byHive);
        }
        // And the details of any of its names list them all.
        for (const name of [FILES, HIVE, GLUE]) {
          const { body } = await get(
            `/datasets?nodeId=${encodeURIComponent(dataset(name))}`,
          ).expect(200);
          expect(body.columns).toEqual(['amount', 'dt', 'region']);
        }
        // A column no name of the table has is still none of it.
        await get(
          `/api/v1/column-lineage?nodeId=${encodeURIComponent(
            field(GLUE, 'missing'),
          )}`,
        ).expect(404);
      } finally {
        await backend.stop();
      }
    },
  );
});
