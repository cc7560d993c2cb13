import { FailedEvent } from './parseEventBody';

/**
 * The OpenLineage batch response (`spec/OpenLineage.yml`, `postEventBatch`):
 * `status`, a `summary` of counts and `failed_events` by index, plus
 * Meshwork's own `stored`, `duplicates` and `failed` (with the JSON paths
 * that failed). A duplicate counts as successful: it is stored already.
 * Every failure is permanent (an invalid event, or one the store refused),
 * so none is retriable; a store that cannot write now answers 503 instead.
 */
export function batchResponse(options: {
  received: number;
  stored: number;
  duplicates: number;
  failed: FailedEvent[];
}) {
  const { received, stored, duplicates } = options;
  const failed = [...options.failed].sort((a, b) => a.index - b.index);
  return {
    status: failed.length ? 'partial_success' : 'success',
    summary: {
      received,
      successful: stored + duplicates,
      failed: failed.length,
      retriable: 0,
      non_retriable: failed.length,
    },
    failed_events: failed.map(({ index, reason }) => ({
      index,
      reason,
      retriable: false,
    })),
    stored,
    duplicates,
    failed,
  };
}
