import { mainTransformation } from '@meshwork/plugin-lineage-common';
import type {
  ColumnTransformation,
  MarquezLineageGraph,
} from '@meshwork/plugin-lineage-common';

/** A column reached from the chosen one, and how it is derived. */
export type ColumnLink = {
  /** `datasetField:` node id. */
  id: string;
  namespace: string;
  dataset: string;
  field: string;
  /** Column hops from the chosen column. */
  depth: number;
  /** DIRECT or INDIRECT, with the subtype (IDENTITY, AGGREGATION, …). */
  transformation: string;
  /** The producer's words for it, e.g. `copied`: text, never markup. */
  description?: string;
  masking: boolean;
};

type InputField = {
  namespace: string;
  dataset: string;
  field: string;
  transformationType?: string;
  /** As Marquez gives it: the main transformation's description. */
  transformationDescription?: string | null;
  transformations?: ColumnTransformation[];
};

/** How an input makes its column (see mainTransformation). */
export function describeTransformation(input: InputField | undefined) {
  const main = mainTransformation(input?.transformations);
  const text = (value: unknown) =>
    typeof value === 'string' ? value : undefined;
  const type = text(main?.type) ?? input?.transformationType ?? 'unknown';
  const subtype = text(main?.subtype);
  return {
    transformation: subtype ? `${type} · ${subtype}` : type,
    description: text(input?.transformationDescription) || undefined,
    // A deprecated MASKED type, as stored before ingest read it as masking.
    masking:
      input?.transformationType === 'MASKED' ||
      (Array.isArray(input?.transformations) &&
        input!.transformations.some(
          t =>
            typeof t === 'object' &&
            t !== null &&
            (t.masking === true || t.type === 'MASKED'),
        )),
  };
}

/**
 * The chosen column's upstream columns (what it derives from) and downstream
 * columns (what uses it), breadth-first, each with the transformation on the
 * edge nearest to it. `fieldId` may name the column by any of its table's
 * names: the answer names it after the table's primary, listing the others
 * in its `alsoKnownAs`.
 */
export function columnLineageView(
  graph: MarquezLineageGraph,
  fieldId: string,
): { upstream: ColumnLink[]; downstream: ColumnLink[] } {
  const byId = new Map(graph.graph.map(node => [node.id, node]));
  const rootId =
    graph.graph.find(
      node =>
        node.id === fieldId ||
        (Array.isArray(node.data.alsoKnownAs) &&
          node.data.alsoKnownAs.some(
            (name: { id?: unknown } | null) => name?.id === fieldId,
          )),
    )?.id ?? fieldId;
  const inputOf = (outputId: string, inputId: string) => {
    const output = byId.get(outputId);
    const inputNode = byId.get(inputId);
    const fields = (output?.data.inputFields ?? []) as InputField[];
    return fields.find(
      f =>
        f.namespace === inputNode?.data.namespace &&
        f.dataset === inputNode?.data.dataset &&
        f.field === inputNode?.data.field,
    );
  };
  const walk = (upstream: boolean): ColumnLink[] => {
    const found: ColumnLink[] = [];
    const seen = new Set([rootId]);
    let frontier = [rootId];
    for (let depth = 1; frontier.length; depth++) {
      const next: string[] = [];
      for (const id of frontier) {
        const node = byId.get(id);
        const links = upstream ? node?.inEdges ?? [] : node?.outEdges ?? [];
        for (const link of links) {
          // Marquez's column lineage: each edge starts at its node.
          const otherId = link.destination;
          if (seen.has(otherId)) continue;
          seen.add(otherId);
          const other = byId.get(otherId);
          if (!other) continue;
          const input = upstream ? inputOf(id, otherId) : inputOf(otherId, id);
          found.push({
            id: otherId,
            namespace: String(other.data.namespace),
            dataset: String(other.data.dataset),
            field: String(other.data.field),
            depth,
            ...describeTransformation(input),
          });
          next.push(otherId);
        }
      }
      frontier = next;
    }
    return found;
  };
  return { upstream: walk(true), downstream: walk(false) };
}
