import type { LineageApi } from '../api';
import { columnLineageView } from './columnLineageView';

/**
 * A column's lineage, asked once by any of its table's names: the backend
 * walks it under all of them.
 */
export async function loadColumnLineage(
  lineageApi: Pick<LineageApi, 'columnLineage'>,
  fieldId: string,
) {
  const graph = await lineageApi.columnLineage(fieldId);
  return { ...columnLineageView(graph, fieldId), truncated: graph.truncated };
}
