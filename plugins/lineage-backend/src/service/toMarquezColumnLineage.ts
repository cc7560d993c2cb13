import type {
  MarquezLineageGraph,
  MarquezLineageNode,
} from '@meshwork/plugin-lineage-common';
import {
  formatNodeId,
  mainTransformation,
} from '@meshwork/plugin-lineage-common';
import { compareCodeUnits } from '../compareCodeUnits';
import { asRecord } from '../store/facetValues';
import { LineageReader } from '../store/LineageReader';
import { sortMarquezGraph } from './sortMarquezGraph';

type ColumnField = { datasetId: number; field: string };

type ColumnEdge = {
  output: ColumnField;
  input: ColumnField;
  transformations: unknown[];
};

type InputField = {
  namespace: string;
  dataset: string;
  field: string;
  transformations: unknown[];
};

function byNamespaceDatasetField(a: InputField, b: InputField) {
  return (
    compareCodeUnits(a.namespace, b.namespace) ||
    compareCodeUnits(a.dataset, b.dataset) ||
    compareCodeUnits(a.field, b.field)
  );
}

/**
 * Marquez's single transformation of an input: see mainTransformation. One
 * a deprecated `transformationType` described, or that was sent beside,
 * has that type and description, as Marquez keeps them (see
 * deprecatedTransformation and describeTransformations).
 */
function marquezTransformation(transformations: unknown[]) {
  const main = asRecord(mainTransformation(transformations));
  // Kept as sent, an empty one too, as Marquez keeps it.
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  if ('transformationDescription' in main) {
    return {
      type: text(main.transformationType),
      description: text(main.transformationDescription),
    };
  }
  return {
    type: text(main.transformationType) ?? text(main.type),
    description: text(main.description),
  };
}

/**
 * Marquez's column-lineage answer: a node per field, its type as the
 * dataset's schema gives it, and per input field the transformation that
 * made it (Meshwork keeps no dataset versions: `datasetVersion` is null).
 * A field of a table known by several names (see columnEdges) is named
 * after the dataset it is shown under, its primary, as Marquez names it;
 * its data's `alsoKnownAs` gives it under the others (`alsoKnownAs`: the
 * other datasets of each so shown), and its type is the first of their
 * schemas' to give one.
 */
export async function toMarquezColumnLineage(
  start: ColumnField[],
  edges: ColumnEdge[],
  truncated: boolean,
  reader: LineageReader,
  alsoKnownAs: ReadonlyMap<number, number[]> = new Map(),
): Promise<MarquezLineageGraph> {
  const datasetIds = new Set(start.map(f => f.datasetId));
  edges.forEach(e => {
    datasetIds.add(e.input.datasetId);
    datasetIds.add(e.output.datasetId);
  });
  const othersOf = (datasetId: number) => alsoKnownAs.get(datasetId) ?? [];
  const named = [...datasetIds].flatMap(id => [id, ...othersOf(id)]);
  const [names, fieldTypes] = await Promise.all([
    reader.names(named),
    reader.fieldTypes(named),
  ]);
  const nodes = new Map<string, MarquezLineageNode>();
  const nodeOf = (f: ColumnField) => {
    const { namespace, name } = names.get(f.datasetId)!;
    const id = formatNodeId('datasetField', namespace, name, f.field);
    let node = nodes.get(id);
    if (!node) {
      const typed = [f.datasetId, ...othersOf(f.datasetId)]
        .map(datasetId => fieldTypes.get(datasetId)?.get(f.field))
        .find(type => type !== undefined);
      const others = othersOf(f.datasetId).map(datasetId => {
        const other = names.get(datasetId)!;
        return {
          id: formatNodeId(
            'datasetField',
            other.namespace,
            other.name,
            f.field,
          ),
          namespace: other.namespace,
          dataset: other.name,
          field: f.field,
        };
      });
      node = {
        id,
        type: 'DATASET_FIELD',
        data: {
          namespace,
          dataset: name,
          datasetVersion: null,
          field: f.field,
          // Marquez's Java client refuses a null type; Marquez gives ''.
          fieldType: typed ?? '',
          transformationDescription: null,
          transformationType: null,
          inputFields: [] as unknown[],
          ...(others.length > 0 && {
            alsoKnownAs: others.sort((a, b) => compareCodeUnits(a.id, b.id)),
          }),
        },
        inEdges: [],
        outEdges: [],
      };
      nodes.set(id, node);
    }
    return node;
  };
  start.forEach(nodeOf);
  for (const edge of edges) {
    const output = nodeOf(edge.output);
    const input = nodeOf(edge.input);
    // As Marquez's column lineage has them (and its web UI reads them):
    // each edge starts at the node that lists it, so an input's edge ends
    // at the field read.
    input.outEdges.push({ origin: input.id, destination: output.id });
    output.inEdges.push({ origin: output.id, destination: input.id });
    const main = marquezTransformation(edge.transformations);
    (output.data.inputFields as unknown[]).push({
      namespace: input.data.namespace,
      dataset: input.data.dataset,
      datasetVersion: null,
      field: input.data.field,
      transformationType: main.type,
      transformationDescription: main.description,
      transformations: edge.transformations,
    });
  }
  // Marquez gives a field one transformation: of all its inputs', the
  // direct one first. Its inputs in Marquez's order (by namespace, dataset,
  // then field), not the order their edges were stored in, which would
  // pick another of two direct ones.
  for (const node of nodes.values()) {
    const inputFields = (node.data.inputFields as InputField[]).sort(
      byNamespaceDatasetField,
    );
    const main = marquezTransformation(
      inputFields.flatMap(input => input.transformations),
    );
    node.data.transformationType = main.type;
    node.data.transformationDescription = main.description;
  }
  return { graph: sortMarquezGraph(nodes.values()), truncated };
}
