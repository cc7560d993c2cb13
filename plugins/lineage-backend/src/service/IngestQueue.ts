import type { ParsedOpenLineageEvent } from '@meshwork/plugin-lineage-common';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';

type Pending = {
  events: ParsedOpenLineageEvent[];
  resolve: (result: { stored: number; duplicates: number }) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit: requests that arrive while a transaction is running are
 * stored together in the next one, so many producers posting single events
 * cost one transaction per group instead of one each. Every request still
 * gets its answer only after its own events are committed.
 */
export class IngestQueue {
  private readonly pending: Pending[] = [];
  private draining = false;

  constructor(
    private readonly store: OpenLineageEventStore,
    // Two 500-event batches: a group that took every waiting producer's
    // request would leave none in flight while it is stored.
    private readonly maxEventsPerTransaction = 1000,
  ) {}

  ingest(
    events: ParsedOpenLineageEvent[],
  ): Promise<{ stored: number; duplicates: number }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, resolve, reject });
      if (!this.draining) {
        this.drain();
      }
    });
  }

  private async drain() {
    this.draining = true;
    while (this.pending.length > 0) {
      // A SQLite transaction blocks the event loop: let the requests that
      // arrived meanwhile be read first, so they join this group.
      await new Promise(resolve => setImmediate(resolve));
      const group: Pending[] = [this.pending.shift()!];
      let count = group[0].events.length;
      while (
        this.pending.length > 0 &&
        count + this.pending[0].events.length <= this.maxEventsPerTransaction
      ) {
        const next = this.pending.shift()!;
        group.push(next);
        count += next.events.length;
      }
      try {
        const { fresh } = await this.store.ingest(group.flatMap(p => p.events));
        let offset = 0;
        for (const request of group) {
          const mine = fresh.slice(offset, offset + request.events.length);
          offset += request.events.length;
          const stored = mine.filter(Boolean).length;
          request.resolve({ stored, duplicates: mine.length - stored });
        }
      } catch (error) {
        group.forEach(request => request.reject(error));
      }
    }
    this.draining = false;
  }
}
