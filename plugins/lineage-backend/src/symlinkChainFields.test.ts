import { createStoreTestDatabases } from '@meshwork/test-utils';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';

const NS = 'postgres://db.example:5432';
const FILES = { namespace: 'file', name: '/warehouse/sales.db/orders' };
const HIVE = { namespace: 'hive://metastore', name: 'sales.orders' };
const GLUE = { namespace: 'arn:aws:glue:eu', name: 'table/sales/orders' };

type Named = { namespace: string; name: string };

let counter = 0;
/** A completed run of `job`, writing `output` from `inputs`, column by column. */
function run(
  job: string,
  inputs: Array<Named & { facets?: object }>,
  output: Named & { facets?: object; others?: string[] },
  fields: Record<string, Array<Named & { field: string }>>,
) {
  counter++;
  return {
    eventType: 'COMPLETE',
    eventTime: `2026-12-01T10:00:${String(counter).padStart(2, '0')}Z`,
    producer: 'https://example.com/test',
    run: {
      runId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    },
    job: { namespace: 'etl', name: job },
    inputs,
    outputs: [
      {
        namespace: output.namespace,
        name: output.name,
        facets: {
          ...output.facets,
          schema: {
            fields: [...Object.keys(fields), ...(output.others ?? [])].map(
              name => ({ name, type: 'BIGINT' }),
            ),
          },
          columnLineage: {
            fields: Object.fromEntries(
              Object.entries(fields).map(([name, inputFields]) => [
                name,
                {
                  inputFields: inputFields.map(input => ({
                    transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
                    ...input,
                  })),
                },
              ]),
            ),
          },
        },
      },
    ],
  };
}

const symlinkTo = (table: Named) => ({
  symlinks: { identifiers: [{ ...table, type: 'TABLE' }] },
});
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
