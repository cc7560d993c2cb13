import { Knex } from 'knex';

/**
 * Deletes raw OpenLineage events received before a cutoff, a batch at a
 * time. By when they were received, not their event time: a backfill of
 * old runs is kept as long as anything else received that day.
 *
 * Only `lineage_events` is touched: the projected model (datasets, jobs, runs,
 * edges, column lineage) stays as it is, so the current graph and the measured
 * SLOs do not change. Each batch is its own short statement, so ingestion
 * is never held up behind one long delete.
 */
export class RawEventRetention {
  constructor(private readonly db: Knex) {}

  /**
   * Returns how many events were deleted. Stops between batches once
   * `signal` aborts (the scheduler's timeout): the rest waits for the next
   * run, rather than a second replica's run beside this one.
   */
  async deleteOlderThan(
    cutoffMs: number,
    options: { batchSize: number; signal?: AbortSignal },
  ): Promise<number> {
    let deleted = 0;
    while (!options.signal?.aborted) {
      // The ids travel in a subquery, not as parameters: a batch may be
      // larger than a statement takes parameters.
      const count = await this.db('lineage_events')
        .whereIn(
          'id',
          this.db('lineage_events')
            .where('received_at', '<', cutoffMs)
            .orderBy('received_at')
            .limit(options.batchSize)
            .select('id'),
        )
        .delete();
      deleted += count;
      if (count < options.batchSize) return deleted;
    }
    return deleted;
  }
}
