import type { LineageApi } from '../api';
import { joinedColumnLineage } from './joinedColumnLineage';

/**
 * A column's lineage asked under each of `fieldIds` (see fieldIdsOf) at
 * once, joined.
 */
export async function loadJoinedColumnLineage(
  lineageApi: Pick<LineageApi, 'columnLineage'>,
  fieldIds: string[],
) {
  return joinedColumnLineage(
    await Promise.all(
      fieldIds.map(async fieldId => ({
        fieldId,
        graph: await lineageApi.columnLineage(fieldId),
      })),
    ),
  );
}
