import { createStoreTestDatabases } from '@meshwork/test-utils';
import { lineageBackendHolding } from './__testUtils__/lineageBackendHolding';
import {
  completedRun,
  FILES,
  HIVE,
  IDENTITY,
  Named,
  NS,
  symlinkTo,
  withColumns,
} from './__testUtils__/symlinkChain';

type Input = Named & { field: string; transformations?: object[] };

const FILTER = [{ type: 'INDIRECT', subtype: 'FILTER' }];

/** A completed run of `job`, writing `field` of `output` from `inputs`. */
function run(
  job: string,
  inputs: Array<Named & { facets?: object }>,
  output: Named & {
    field: string;
    type?: string;
    facets?: object;
    /** Other columns its schema gives, with no lineage. */
    others?: string[];
  },
  fieldInputs: Input[],
) {
  return completedRun(job, inputs, [
    withColumns(
      output,
      [
        { name: output.field, type: output.type ?? 'BIGINT' },
        ...(output.others ?? []).map(name => ({ name, type: 'TEXT' })),
      ],
      { [output.field]: fieldInputs },
    ),
  ]);
}

const raw = { namespace: NS, name: 'raw' };
const report = { namespace: NS, name: 'report' };
const exported = { namespace: NS, name: 'export' };
const audit = { namespace: NS, name: 'audit' };

/**
 * Spark writes the files of `sales.orders` from `raw`, its facet naming the
 * Hive table; Trino reads the table by that name into `report`, another
 * Spark job reads the files by path into `export`, and an audit job names
 * the column under both names.
 */
const events = () => [
  run(
    'spark.orders',
    [raw],
    {
      ...FILES,
      field: 'amount',
      type: 'DECIMAL(10,2)',
      facets: symlinkTo(HIVE),
      others: ['region'],
    },
    [{ ...raw, field: 'amount' }],
  ),
  run('trino.report', [HIVE], { ...report, field: 'total' }, [
    { ...HIVE, field: 'amount' },
  ]),
  run('spark.export', [FILES], { ...exported, field: 'amount' }, [
    { ...FILES, field: 'amount' },
  ]),
  run('audit', [HIVE, FILES], { ...audit, field: 'checked' }, [
    { ...HIVE, field: 'amount', transformations: FILTER },
    { ...FILES, field: 'amount' },
  ]),
];

const field = ({ namespace, name }: Named, column: string) =>
  `datasetField:${namespace}:${name}:${column}`;

describe('column lineage of a table known by several names', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'is one field per column, by the primary, walked through every name, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { backend, get } = await lineageBackendHolding(knex, events());
      const columnLineage = async (nodeId: string, query: string) =>
        (
          await get(
            `/api/v1/column-lineage?nodeId=${encodeURIComponent(
              nodeId,
            )}${query}`,
          ).expect(200)
        ).body;
      const ids = (answer: any) => answer.graph.map((n: any) => n.id);
      try {
        const all = '&depth=5&withDownstream=true';
        const byFiles = await columnLineage(field(FILES, 'amount'), all);
        // Its upstream, reported on the files, and its readers by either
        // name; the column once, named after its primary, as Marquez names it.
        expect(ids(byFiles)).toEqual([
          field(FILES, 'amount'),
          field(audit, 'checked'),
          field(exported, 'amount'),
          field(raw, 'amount'),
          field(report, 'total'),
        ]);
        expect(await columnLineage(field(HIVE, 'amount'), all)).toEqual(
          byFiles,
        );
        const amount = byFiles.graph[0];
        expect(amount.data).toMatchObject({
          ...{ namespace: FILES.namespace, dataset: FILES.name },
          field: 'amount',
          fieldType: 'DECIMAL(10,2)',
          alsoKnownAs: [
            {
              id: field(HIVE, 'amount'),
              namespace: HIVE.namespace,
              dataset: HIVE.name,
              field: 'amount',
            },
          ],
        });
        expect(amount.inEdges).toEqual([
          { origin: field(FILES, 'amount'), destination: field(raw, 'amount') },
        ]);
        // A reader of the Hive name reads the files' column.
        const total = byFiles.graph.find(
          (n: any) => n.id === field(report, 'total'),
        );
        expect(total.data.inputFields).toEqual([
          expect.objectContaining({
            namespace: FILES.namespace,
            dataset: FILES.name,
            field: 'amount',
          }),
        ]);
        expect(total.data).not.toHaveProperty('alsoKnownAs');
        // Named under both, one input with the transformations of each.
        const checked = byFiles.graph.find(
          (n: any) => n.id === field(audit, 'checked'),
        );
        expect(checked.data.inputFields).toEqual([
          expect.objectContaining({
            dataset: FILES.name,
            transformations: [...IDENTITY, ...FILTER],
          }),
        ]);

        // Upstream of a reader: the first level reaches the Hive name, shown
        // as the files, and the second what Spark wrote them from.
        for (const [depth, expected] of [
          [1, [field(FILES, 'amount'), field(report, 'total')]],
          [
            2,
            [
              field(FILES, 'amount'),
              field(raw, 'amount'),
              field(report, 'total'),
            ],
          ],
        ] as const) {
          expect(
            ids(await columnLineage(field(report, 'total'), `&depth=${depth}`)),
          ).toEqual(expected);
        }
        // Downstream of the files' source, through both names.
        expect(
          ids(
            await columnLineage(
              field(raw, 'amount'),
              '&depth=2&withDownstream=true',
            ),
          ),
        ).toEqual([
          field(FILES, 'amount'),
          field(audit, 'checked'),
          field(exported, 'amount'),
          field(raw, 'amount'),
          field(report, 'total'),
        ]);
        // By dataset, by either name: the table's columns, though no reader
        // of the Hive name reads `region`.
        for (const named of [FILES, HIVE]) {
          const byDataset = await columnLineage(
            `dataset:${named.namespace}:${named.name}`,
            '&depth=1',
          );
          expect(ids(byDataset)).toEqual([
            field(FILES, 'amount'),
            field(FILES, 'region'),
            field(raw, 'amount'),
          ]);
        }
      } finally {
        await backend.stop();
      }
    },
  );
});
