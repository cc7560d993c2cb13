import { DatasetName, formatNodeId } from '@meshwork/plugin-lineage-common';
import type { DatasetDetails } from '../api';

/**
 * The other names a dataset is known by, each once: the primary whose data
 * it shows, the datasets joined with it as one table, and the names its
 * `symlinks` facet gives, stored or not.
 */
export function otherNamesOf(details: DatasetDetails): DatasetName[] {
  const names = new Map<string, DatasetName>();
  const add = ({ namespace, name }: { namespace: string; name: string }) => {
    const id = formatNodeId('dataset', namespace, name);
    if (id !== details.id && !names.has(id)) {
      names.set(id, { id, namespace, name });
    }
  };
  if (details.primary) add(details.primary);
  (details.alsoKnownAs ?? []).forEach(add);
  details.symlinks.forEach(add);
  return [...names.values()];
}
