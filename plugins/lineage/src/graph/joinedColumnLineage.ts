import { formatNodeId } from '@meshwork/plugin-lineage-common';
import type { MarquezLineageGraph } from '@meshwork/plugin-lineage-common';
import { ColumnLink, columnLineageView } from './columnLineageView';

type Name = { namespace: string; name: string };

/**
 * A column's `datasetField:` id under every name of its table, each once:
 * the name asked by, its primary and each name joined with it. Column
 * lineage does not fold a table's names, so each holds part of it: the
 * files Spark writes their upstream, the Hive name its readers.
 */
export function fieldIdsOf(
  dataset: Name & { primary?: Name; alsoKnownAs?: Name[] },
  column: string,
): string[] {
  const names = [dataset, dataset.primary, ...(dataset.alsoKnownAs ?? [])];
  return [
    ...new Set(
      names
        .filter((name): name is Name => name !== undefined)
        .map(name =>
          formatNodeId('datasetField', name.namespace, name.name, column),
        ),
    ),
  ];
}

/**
 * One column's lineage from the answers for it under each of its table's
 * names: each column once, at its fewest hops, other than the column
 * itself under another name; `truncated` when any answer was.
 */
export function joinedColumnLineage(
  answers: Array<{ fieldId: string; graph: MarquezLineageGraph }>,
): { upstream: ColumnLink[]; downstream: ColumnLink[]; truncated: boolean } {
  const own = new Set(answers.map(a => a.fieldId));
  const views = answers.map(a => columnLineageView(a.graph, a.fieldId));
  const merged = (links: ColumnLink[]) => {
    const nearest = new Map<string, ColumnLink>();
    for (const link of links) {
      if (own.has(link.id)) continue;
      const key = `${link.namespace}\u0000${link.dataset}\u0000${link.field}`;
      const known = nearest.get(key);
      if (!known || link.depth < known.depth) nearest.set(key, link);
    }
    return [...nearest.values()].sort((a, b) => a.depth - b.depth);
  };
  return {
    upstream: merged(views.flatMap(v => v.upstream)),
    downstream: merged(views.flatMap(v => v.downstream)),
    truncated: answers.some(a => a.graph.truncated),
  };
}
