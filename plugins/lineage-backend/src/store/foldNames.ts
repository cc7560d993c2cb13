import type { DatasetName } from '@meshwork/plugin-lineage-common';
import { datasetNameOf, datasetNamesById } from './datasetNames';
import type { Named } from './facetValues';
import type { SymlinkFold } from './symlinkFolds';

/**
 * A table's names as `/datasets` answers them by one of its datasets: the
 * other datasets' names, and, by a name other than its primary's, the
 * primary whose data the table holds.
 */
export function foldNames(
  fold: SymlinkFold,
  datasetId: number,
  nameOf: (id: number) => Named,
): { primary?: DatasetName; alsoKnownAs: DatasetName[] } {
  const alsoKnownAs = datasetNamesById(
    fold.members.filter(id => id !== datasetId).map(nameOf),
  );
  return fold.primary === datasetId
    ? { alsoKnownAs }
    : { primary: datasetNameOf(nameOf(fold.primary)), alsoKnownAs };
}
