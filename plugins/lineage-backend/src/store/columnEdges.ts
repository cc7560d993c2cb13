import { Knex } from 'knex';
import { chunks, isPostgres, tuplesIn } from './tables';

export type ColumnField = { datasetId: number; field: string };
type ColumnEdge = {
  output: ColumnField;
  input: ColumnField;
  /** As stored: JSON text. */
  transformations: string;
};
const keyOfField = (f: ColumnField) => `${f.datasetId}\u0000${f.field}`;

/**
 * Column-level edges around a set of fields, breadth-first, reaching at
 * most `maxFields` fields upstream and as many downstream besides those it
 * starts from; `truncated` when there were more.
 */
export async function columnEdges(
  db: Knex,
  start: ColumnField[],
  depth: number,
  withDownstream: boolean,
  maxFields = Number.POSITIVE_INFINITY,
) {
  const edges = new Map<
    string,
    { output: ColumnField; input: ColumnField; transformations: unknown[] }
  >();
  const starting = new Set(start.map(keyOfField)).size;
  const shown = new Map(start.map(f => [keyOfField(f), f]));
  let truncated = false;
  const directions: Array<'up' | 'down'> = withDownstream
    ? ['up', 'down']
    : ['up'];
  for (const direction of directions) {
    // Per direction, so that neither takes the other's share of the cap,
    // and a field reached upstream in a cycle is still walked downstream.
    const seen = new Set(start.map(keyOfField));
    let frontier = start;
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: ColumnField[] = [];
      const found = await columnEdgesOf(
        db,
        direction === 'up' ? 'output' : 'input',
        frontier,
      );
      for (const { output, input, transformations } of found) {
        const reached = direction === 'up' ? input : output;
        const reachedKey = keyOfField(reached);
        if (!seen.has(reachedKey)) {
          if (seen.size - starting >= maxFields) {
            truncated = true;
            continue;
          }
          seen.add(reachedKey);
          shown.set(reachedKey, reached);
          next.push(reached);
        }
        edges.set(`${keyOfField(output)}>${keyOfField(input)}`, {
          output,
          input,
          transformations: JSON.parse(transformations),
        });
      }
      frontier = next;
    }
  }
  // The walks follow edges their own way from the fields they expand: one
  // between fields reached the other way, or at the last level, is found
  // only by looking at every field shown.
  for (const edge of await columnEdgesOf(db, 'output', [...shown.values()])) {
    const key = `${keyOfField(edge.output)}>${keyOfField(edge.input)}`;
    if (shown.has(keyOfField(edge.input)) && !edges.has(key)) {
      edges.set(key, {
        ...edge,
        transformations: JSON.parse(edge.transformations),
      });
    }
  }
  return { edges: [...edges.values()], truncated };
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
