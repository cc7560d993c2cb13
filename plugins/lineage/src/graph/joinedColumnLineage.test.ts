import type { MarquezLineageGraph } from '@meshwork/plugin-lineage-common';
import { fieldIdsOf, joinedColumnLineage } from './joinedColumnLineage';

const FILES = 'datasetField:file:/w/db.db/t:id';
const HIVE = 'datasetField:hive:db.t:id';

/** Marquez's column lineage of `flows`, each [from, to] field id. */
function graphOf(flows: Array<[string, string]>, truncated = false) {
  const nodes = new Map<string, MarquezLineageGraph['graph'][number]>();
  const nodeOf = (id: string) => {
    if (!nodes.has(id)) {
      // The test's namespaces hold no colon.
      const rest = id.slice('datasetField:'.length);
      const namespace = rest.slice(0, rest.indexOf(':'));
      const dataset = rest.slice(namespace.length + 1, rest.lastIndexOf(':'));
      const field = rest.slice(rest.lastIndexOf(':') + 1);
      nodes.set(id, {
        id,
        type: 'DATASET_FIELD',
        data: { namespace, dataset, field, inputFields: [] },
        inEdges: [],
        outEdges: [],
      });
    }
    return nodes.get(id)!;
  };
  for (const [from, to] of flows) {
    nodeOf(from).outEdges.push({ origin: from, destination: to });
    nodeOf(to).inEdges.push({ origin: to, destination: from });
  }
  return { graph: [...nodes.values()], truncated } as MarquezLineageGraph;
}

describe('fieldIdsOf', () => {
  it('names a column under its dataset only when it has no other name', () => {
    expect(fieldIdsOf({ namespace: 'file', name: '/w/db.db/t' }, 'id')).toEqual(
      [FILES],
    );
  });

  it('names a column under every name of its table, each once', () => {
    const files = {
      id: 'dataset:file:/w/db.db/t',
      namespace: 'file',
      name: '/w/db.db/t',
    };
    const hive = { id: 'dataset:hive:db.t', namespace: 'hive', name: 'db.t' };
    const glue = { id: 'dataset:glue:db.t', namespace: 'glue', name: 'db.t' };
    expect(
      fieldIdsOf({ ...hive, primary: files, alsoKnownAs: [glue, files] }, 'id'),
    ).toEqual([HIVE, FILES, 'datasetField:glue:db.t:id']);
  });
});

describe('joinedColumnLineage', () => {
  it("joins the files' upstream with the readers of the table's other names", () => {
    const raw = 'datasetField:raw:events:id';
    const report = 'datasetField:x:report:id';
    const lineage = joinedColumnLineage([
      { fieldId: FILES, graph: graphOf([[raw, FILES]]) },
      { fieldId: HIVE, graph: graphOf([[HIVE, report]], true) },
    ]);
    expect(lineage.upstream.map(l => [l.id, l.depth])).toEqual([[raw, 1]]);
    expect(lineage.downstream.map(l => [l.id, l.depth])).toEqual([[report, 1]]);
    expect(lineage.truncated).toBe(true);
  });

  it('keeps each column once at its fewest hops, and not the column under its other names', () => {
    const mid = 'datasetField:x:mid:id';
    const report = 'datasetField:x:report:id';
    const lineage = joinedColumnLineage([
      // A job copying the files into the Hive name is no reader of it.
      {
        fieldId: FILES,
        graph: graphOf([
          [FILES, HIVE],
          [FILES, mid],
          [mid, report],
        ]),
      },
      { fieldId: HIVE, graph: graphOf([[HIVE, report]]) },
    ]);
    expect(lineage.downstream.map(l => [l.id, l.depth])).toEqual([
      [mid, 1],
      [report, 1],
    ]);
    expect(lineage.upstream).toEqual([]);
    expect(lineage.truncated).toBe(false);
  });
});
