import { Knex } from 'knex';
import { FoldedNodes } from './FoldedNodes';
import { symlinkFolds } from './symlinkFolds';
import { symlinksExist } from './symlinksExist';
import { chunks, isPostgres, tuplesIn } from './tables';

export type ColumnField = { datasetId: number; field: string };
type ColumnEdge = {
  output: ColumnField;
  input: ColumnField;
  /** As stored: JSON text. */
  transformations: string;
};
const keyOfField = (f: ColumnField) => `${f.datasetId}\u0000${f.field}`;
const keyOfEdge = (e: { output: ColumnField; input: ColumnField }) =>
  `${keyOfField(e.output)}>${keyOfField(e.input)}`;

/**
 * Column-level edges around a set of fields, breadth-first, reaching at
 * most `maxFields` fields upstream and as many downstream besides those it
 * starts from; `truncated` when there were more. A table known by several
 * datasets' names through `symlinks` facets (see symlinkFolds) is one
 * table, as Marquez stores it: each of its fields is one field of its
 * primary (Spark's files, whose `columnLineage` facet names their
 * upstream), walked on from under each of its names (the Hive table its
 * readers' facets name), and `alsoKnownAs` gives the other datasets of
 * each such primary shown. `fields`: those it starts from, so folded.
 */
export async function columnEdges(
  db: Knex,
  start: ColumnField[],
  depth: number,
  withDownstream: boolean,
  maxFields = Number.POSITIVE_INFINITY,
) {
  const folds = new FoldedNodes();
  // A database holding no symlink is not asked for folds.
  const symlinks = await symlinksExist(db);
  const lookUpFolds = async (fields: ColumnField[]) => {
    const unfolded = [...new Set(fields.map(f => f.datasetId))].filter(
      id => !folds.lookedUp.has(id),
    );
    if (!symlinks || unfolded.length === 0) return;
    unfolded.forEach(id => folds.lookedUp.add(id));
    for (const fold of (await symlinkFolds(db, unfolded)).values()) {
      folds.join(fold);
    }
  };
  const folded = (f: ColumnField) => ({
    datasetId: folds.nodeOf(f.datasetId),
    field: f.field,
  });
  const uniqueFolded = (fields: ColumnField[]) => [
    ...new Map(fields.map(folded).map(f => [keyOfField(f), f])).values(),
  ];
  // A folded field is read under each of its table's names.
  const underEachName = (fields: ColumnField[]) =>
    fields.flatMap(f =>
      folds
        .membersOf([f.datasetId])
        .map(datasetId => ({ datasetId, field: f.field })),
    );

  await lookUpFolds(start);
  const starts = uniqueFolded(start);
  // Each edge once, as stored, in the order found.
  const found = new Map<string, ColumnEdge>();
  const shown = new Map(starts.map(f => [keyOfField(f), f]));
  let truncated = false;
  const directions: Array<'up' | 'down'> = withDownstream
    ? ['up', 'down']
    : ['up'];
  for (const direction of directions) {
    // Per direction, so that neither takes the other's share of the cap,
    // and a field reached upstream in a cycle is still walked downstream.
    const seen = new Set(starts.map(keyOfField));
    let frontier = starts;
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: ColumnField[] = [];
      const levelEdges = await columnEdgesOf(
        db,
        direction === 'up' ? 'output' : 'input',
        underEachName(frontier),
      );
      // Known to be one of a table's names before it counts as reached, at
      // the last level too: the same field is never two.
      await lookUpFolds(
        levelEdges.map(e => (direction === 'up' ? e.input : e.output)),
      );
      for (const edge of levelEdges) {
        const reached = folded(direction === 'up' ? edge.input : edge.output);
        const reachedKey = keyOfField(reached);
        if (!seen.has(reachedKey)) {
          if (seen.size - starts.length >= maxFields) {
            truncated = true;
            continue;
          }
          seen.add(reachedKey);
          shown.set(reachedKey, reached);
          next.push(reached);
        }
        const key = keyOfEdge(edge);
        if (!found.has(key)) found.set(key, edge);
      }
      frontier = next;
    }
  }
  // The walks follow edges their own way from the fields they expand: one
  // between fields reached the other way, or at the last level, is found
  // only by looking at every field shown.
  const shownFields = [...shown.values()];
  for (const edge of await columnEdgesOf(
    db,
    'output',
    underEachName(shownFields),
  )) {
    const key = keyOfEdge(edge);
    if (shown.has(keyOfField(folded(edge.input))) && !found.has(key)) {
      found.set(key, edge);
    }
  }
  // A fold found after a field was shown (a longer chain of names) makes
  // the fields it joined one: the edges are folded once all are known.
  const edges = new Map<
    string,
    { output: ColumnField; input: ColumnField; from: ColumnEdge[] }
  >();
  for (const edge of found.values()) {
    const output = folded(edge.output);
    const input = folded(edge.input);
    const key = keyOfEdge({ output, input });
    const known = edges.get(key);
    if (known) known.from.push(edge);
    else edges.set(key, { output, input, from: [edge] });
  }
  const datasets = new Map(
    shownFields.map(f => [folds.nodeOf(f.datasetId), true]),
  );
  return {
    edges: [...edges.values()].map(({ output, input, from }) => ({
      output,
      input,
      transformations: transformationsOf(from),
    })),
    truncated,
    fields: uniqueFolded(starts),
    alsoKnownAs: folds.none ? new Map() : folds.othersOf(datasets),
  };
}

/**
 * The transformations of one edge, or of the edges between two fields under
 * several names of their tables: each once, those of the lowest ids first
 * (the same on any database), as a column named twice by one facet is
 * stored.
 */
function transformationsOf(edges: ColumnEdge[]): unknown[] {
  if (edges.length === 1) return JSON.parse(edges[0].transformations);
  const byIds = [...edges].sort(
    (a, b) =>
      a.output.datasetId - b.output.datasetId ||
      a.input.datasetId - b.input.datasetId,
  );
  const texts = byIds.flatMap(edge =>
    (JSON.parse(edge.transformations) as unknown[]).map(t => JSON.stringify(t)),
  );
  return [...new Set(texts)].map(text => JSON.parse(text));
}

/** The column edges whose output, or input, is one of `fields`. */
async function columnEdgesOf(
  db: Knex,
  side: 'output' | 'input',
  fields: ColumnField[],
): Promise<ColumnEdge[]> {
  const columns =
    side === 'output'
      ? ['dataset_id', 'field']
      : ['input_dataset_id', 'input_field'];
  const found: ColumnEdge[] = [];
  for (const part of chunks(fields, 200)) {
    const rows = await db('lineage_column_edges')
      .where(
        tuplesIn(
          isPostgres(db),
          columns,
          part.map(f => [f.datasetId, f.field]),
        ),
      )
      .select();
    for (const row of rows) {
      found.push({
        output: { datasetId: row.dataset_id, field: row.field },
        input: { datasetId: row.input_dataset_id, field: row.input_field },
        transformations: row.transformations,
      });
    }
  }
  return found;
}
