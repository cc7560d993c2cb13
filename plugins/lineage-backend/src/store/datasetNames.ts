import { DatasetName, formatNodeId } from '@meshwork/plugin-lineage-common';
import { compareCodeUnits } from '../compareCodeUnits';
import { Named } from './facetValues';

/** A dataset's name with its node id. */
export function datasetNameOf({ namespace, name }: Named): DatasetName {
  return { id: formatNodeId('dataset', namespace, name), namespace, name };
}

/** Datasets' names with their node ids, by id, the same on any database. */
export function datasetNamesById(named: Named[]): DatasetName[] {
  return named.map(datasetNameOf).sort((a, b) => compareCodeUnits(a.id, b.id));
}
