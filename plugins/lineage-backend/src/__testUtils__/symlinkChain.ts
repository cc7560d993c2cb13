/**
 * One table known by a chain of three names: Spark writes its files,
 * `FILES`, whose `symlinks` facet names the Hive table `HIVE`, whose own
 * facet names the Glue table `GLUE`.
 */
export const FILES = { namespace: 'file', name: '/warehouse/sales.db/orders' };
export const HIVE = { namespace: 'hive://metastore', name: 'sales.orders' };
export const GLUE = {
  namespace: 'arn:aws:glue:eu',
  name: 'table/sales/orders',
};

/** Where the jobs around the chain read from and write to. */
export const NS = 'postgres://db.example:5432';

export type Named = { namespace: string; name: string };

/** The facet by which a dataset names `table` as another name of itself. */
export const symlinkTo = (table: Named) => ({
  symlinks: { identifiers: [{ ...table, type: 'TABLE' }] },
});

export const IDENTITY = [{ type: 'DIRECT', subtype: 'IDENTITY' }];

let counter = 0;
/** A completed run of `job` writing `outputs` from `inputs`, each run later. */
export function completedRun(
  job: string,
  inputs: Array<Named & { facets?: object }>,
  outputs: object[],
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
    outputs,
  };
}

/**
 * `dataset` as an output with `columns` as its schema, each column of
 * `lineage` written from its input fields (by identity unless they say).
 */
export function withColumns(
  dataset: Named & { facets?: object },
  columns: Array<{ name: string; type: string }>,
  lineage: Record<
    string,
    Array<Named & { field: string; transformations?: object[] }>
  >,
) {
  return {
    namespace: dataset.namespace,
    name: dataset.name,
    facets: {
      ...dataset.facets,
      schema: { fields: columns },
      columnLineage: {
        fields: Object.fromEntries(
          Object.entries(lineage).map(([name, inputFields]) => [
            name,
            {
              inputFields: inputFields.map(input => ({
                transformations: IDENTITY,
                ...input,
              })),
            },
          ]),
        ),
      },
    },
  };
}
