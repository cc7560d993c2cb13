import { ServiceUnavailableError } from '@backstage/errors';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';
import type { StorableEvent } from '../store/StorableEvent';
import {
  isRefusedByDatabase,
  isStatementCancelled,
  isStoreUnavailable,
  yieldToEventLoop,
} from '@meshwork/plugin-data-products-node';
import { isPostgres } from '../store/tables';
import { splitByJob } from './splitByJob';

/** A transaction below this many events leaves room for a second beside it. */
const SMALL_TRANSACTION_EVENTS = 64;
/** Fewer events than this wait for the running transaction instead. */
const MIN_OVERLAPPING_EVENTS = 8;

/** An event of a request that the store refused, by its position. */
export type UnstoredEvent = { position: number; error: unknown };

export type IngestOutcome = {
  stored: number;
  duplicates: number;
  /** Events the database refused; the others are stored. */
  unstored: UnstoredEvent[];
};

/** The events' JSON a queue lets wait, by default: 25 bodies of 5 MB. */
export const DEFAULT_MAX_WAITING_BYTES = 128 * 1024 * 1024;

/** How long a group waits for more requests, by default (groupCommitDelayMs). */
export const DEFAULT_GROUP_COMMIT_DELAY_MS = 1;

export type IngestQueueOptions = {
  /** Most bytes of events' JSON that may wait; default 128 MB. */
  maxWaitingBytes?: number;
  /** How long a group may wait for more requests (waitsForMoreRequests); default 1. */
  groupCommitDelayMs?: number;
};

type Pending = {
  events: StorableEvent[];
  /** The length of its events' JSON. */
  bytes: number;
  resolve: (result: IngestOutcome) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit: requests that arrive while a transaction is running are
 * stored together in the next one, so many producers posting single events
 * cost one transaction per group instead of one each. Every request still
 * gets its answer only after its own events are committed.
 *
 * On Postgres a second transaction may run beside a small one: a few
 * events' transaction spends most of its time waiting on round trips, so
 * overlapping two raised single-event ingest from 16 producers from about
 * 775 to 885-1,000 events/s in `yarn bench lineage`. Beside a large one it
 * made batches 4% slower: two groups of random producers' events mostly
 * share jobs, so each waits for the other's row locks. A large group is
 * stored instead as two transactions that share no job and no run
 * (storeEvents).
 */
export class IngestQueue {
  private readonly pending: Pending[] = [];
  private drainers = 0;
  /** Events in the transactions running now. */
  private storingEvents = 0;
  /** New events of requests left unanswered by a failure beside them. */
  private readonly storedBesideFailure = new WeakSet<StorableEvent>();
  private readonly maxEventsPerGroup: number;
  private readonly maxTransactions: number;

  private readonly maxWaitingBytes: number;
  private readonly groupCommitDelayMs: number;
  /** Of the requests waiting for a transaction. */
  private waitingBytes = 0;
  /** How many requests the latest group held. */
  private lastGroupRequests = 0;

  constructor(
    private readonly eventStore: OpenLineageEventStore,
    options: IngestQueueOptions = {},
  ) {
    this.maxWaitingBytes = options.maxWaitingBytes ?? DEFAULT_MAX_WAITING_BYTES;
    this.groupCommitDelayMs =
      options.groupCommitDelayMs ?? DEFAULT_GROUP_COMMIT_DELAY_MS;
    // Postgres: two 500-event batches, so that the other producers'
    // requests are read while a group is stored (2,000, in two sets, was
    // no faster over HTTP: 4,767 and 5,276 events/s against 5,185 and
    // 5,332). SQLite blocks the event loop for most of a transaction, so
    // few are read meanwhile; there a larger group shares each dataset's
    // facet merge and a commit among more events (2,000 stored 20 to 50%
    // faster than 1,000 in `yarn bench lineage`).
    this.maxEventsPerGroup = isPostgres(eventStore.db) ? 1000 : 2000;
    // SQLite has one writer, and its transactions block the event loop.
    this.maxTransactions = isPostgres(eventStore.db) ? 2 : 1;
  }

  /**
   * Stores a group's events and answers each request whose events are all
   * stored. Returns the requests left, with the failure that left them.
   */
  private async store(
    group: Pending[],
    maySplit: boolean,
  ): Promise<{ unanswered: Pending[]; failure: unknown }> {
    const events = group.flatMap(p => p.events);
    const { fresh, committed, failure } = await this.storeEvents(
      events,
      maySplit,
    );
    const unanswered: Pending[] = [];
    let offset = 0;
    for (const request of group) {
      const first = offset;
      offset += request.events.length;
      const positions = request.events.map((_, index) => first + index);
      if (!positions.every(position => committed[position])) {
        positions
          .filter(position => fresh[position])
          .forEach(position => this.storedBesideFailure.add(events[position]));
        unanswered.push(request);
        continue;
      }
      const stored = positions.filter(position =>
        this.isNew(events[position], fresh[position]),
      ).length;
      request.resolve({
        stored,
        duplicates: request.events.length - stored,
        unstored: [],
      });
    }
    return { unanswered, failure };
  }

  /**
   * Stores events in one transaction; on Postgres, if they are many and
   * `maySplit`, in one per set of jobs (splitByJob), side by side: while
   * the database writes one set, this thread projects the other. Two groups
   * of random producers' events would mostly wait for each other's row
   * locks instead. (Sets still wait for each other on a dataset whose
   * facets both bring, as when readers send their inputs' schemas.)
   * Returns, per event, whether its transaction committed and whether it
   * was new; and a failure, the store unavailable first, if any.
   */
  private async storeEvents(events: StorableEvent[], maySplit: boolean) {
    const everyPosition = events.map((_, position) => position);
    const sets =
      maySplit &&
      this.maxTransactions > 1 &&
      events.length >= SMALL_TRANSACTION_EVENTS
        ? splitByJob(events, this.maxTransactions)
        : [everyPosition];
    const fresh = events.map(() => false);
    const committed = events.map(() => false);
    const outcomes = await Promise.allSettled(
      sets.map(async positions => {
        const result = await this.eventStore.ingest(
          positions.map(position => events[position]),
        );
        positions.forEach((position, index) => {
          fresh[position] = result.fresh[index];
          committed[position] = true;
        });
      }),
    );
    const failures = outcomes.flatMap(outcome =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    );
    const failure = failures.find(isUnavailableForAnyPart) ?? failures[0];
    return { fresh, committed, failure };
  }

  /**
   * Whether an event was new to the store: now, or in a set that committed
   * beside one that failed (then it is counted once, here).
   */
  private isNew(event: StorableEvent, fresh: boolean): boolean {
    return fresh || this.storedBesideFailure.delete(event);
  }

  /**
   * Stores the events with those of the requests beside them. Refuses them
   * (ServiceUnavailableError) while too many wait already, so that a store
   * that cannot keep up slows its producers down (their retries) instead of
   * filling this process's memory; a request is never refused alone.
   */
  ingest(events: StorableEvent[]): Promise<IngestOutcome> {
    const bytes = events.reduce(
      (sum, event) =>
        sum + ('event' in event ? event.payload.length : event.payloadLength),
      0,
    );
    if (
      this.pending.length > 0 &&
      this.waitingBytes + bytes > this.maxWaitingBytes
    ) {
      return Promise.reject(
        new ServiceUnavailableError(
          `The lineage store is behind: ${this.waitingBytes} bytes of events wait to be stored, and this request's ${bytes} would pass the ${this.maxWaitingBytes} that lineage.ingest.maxWaitingBytes lets wait; retry later`,
        ),
      );
    }
    this.waitingBytes += bytes;
    return new Promise((resolve, reject) => {
      this.pending.push({ events, bytes, resolve, reject });
      if (this.drainers < this.maxTransactions) {
        this.drain();
      }
    });
  }

  /**
   * A request whose events failed their transaction because the database
   * refused one of them, or cancelled a statement (a `statement_timeout`
   * too short for so many events): its events are stored again, split in
   * halves wherever that happens again, so that the events refused are
   * found in a few transactions and the rest are stored. An event cancelled
   * even alone, or any other failure (the store unavailable, a bug), fails
   * the request, which its client retries; that failure is returned.
   */
  private async storeInParts(
    request: Pending,
    error: unknown,
  ): Promise<unknown | undefined> {
    if (!isSplittable(error)) {
      request.reject(error);
      return error;
    }
    const outcome: IngestOutcome = { stored: 0, duplicates: 0, unstored: [] };
    // `refused`: the database already refused these events stored together.
    const storePart = async (
      offset: number,
      events: typeof request.events,
      refused?: unknown,
    ) => {
      let failure = refused;
      if (failure === undefined) {
        try {
          const { fresh } = await this.eventStore.ingest(events);
          events.forEach((event, index) => {
            outcome[
              this.isNew(event, fresh[index]) ? 'stored' : 'duplicates'
            ]++;
          });
          return;
        } catch (partFailure) {
          if (!isSplittable(partFailure)) throw partFailure;
          failure = partFailure;
        }
      }
      if (events.length === 1) {
        if (isStatementCancelled(failure)) throw failure;
        outcome.unstored.push({ position: offset, error: failure });
        return;
      }
      const half = Math.ceil(events.length / 2);
      await storePart(offset, events.slice(0, half));
      await storePart(offset + half, events.slice(half));
    };
    try {
      await storePart(0, request.events, error);
      request.resolve(outcome);
      return undefined;
    } catch (failure) {
      request.reject(failure);
      return failure;
    }
  }

  /**
   * Requests whose events failed their transaction: all fail if the store
   * is unavailable; else each is stored alone (one request's events can
   * fail the transaction they share), in parts if it fails alone.
   */
  private async storeAfterFailure(requests: Pending[], error: unknown) {
    if (isUnavailableForAnyPart(error)) {
      requests.forEach(request => request.reject(error));
      return;
    }
    if (requests.length === 1) {
      await this.storeInParts(requests[0], error);
      return;
    }
    for (const [index, request] of requests.entries()) {
      const { unanswered, failure } = await this.store([request], false);
      if (unanswered.length === 0) continue;
      if (isUnavailableForAnyPart(failure)) {
        requests.slice(index).forEach(rest => rest.reject(failure));
        return;
      }
      // The store unavailable to a part, or an event cancelled alone: the
      // others would wait as long.
      const failed = await this.storeInParts(request, failure);
      if (isStoreUnavailable(failed)) {
        requests.slice(index + 1).forEach(rest => rest.reject(failed));
        return;
      }
    }
  }

  private async drain() {
    this.drainers++;
    while (this.pending.length > 0) {
      // A SQLite transaction blocks the event loop: let the requests that
      // arrived meanwhile be read first, so they join this group.
      await yieldToEventLoop();
      if (this.waitsForMoreRequests()) {
        await new Promise(resolve =>
          setTimeout(resolve, this.groupCommitDelayMs),
        );
      }
      if (!this.mayStartTransaction()) break;
      const group: Pending[] = [this.pending.shift()!];
      let count = group[0].events.length;
      while (
        this.pending.length > 0 &&
        count + this.pending[0].events.length <= this.maxEventsPerGroup
      ) {
        const next = this.pending.shift()!;
        group.push(next);
        count += next.events.length;
      }
      group.forEach(request => (this.waitingBytes -= request.bytes));
      this.lastGroupRequests = group.length;
      // Split in sets only with no other transaction running: no more run
      // at once than maxTransactions.
      const maySplit = this.storingEvents === 0;
      this.storingEvents += count;
      try {
        const { unanswered, failure } = await this.store(group, maySplit);
        if (unanswered.length > 0) {
          await this.storeAfterFailure(unanswered, failure);
        }
      } catch (error) {
        // A fault of this queue's: no request may wait forever.
        group.forEach(request => request.reject(error));
      } finally {
        this.storingEvents -= count;
      }
    }
    this.drainers--;
  }

  /**
   * Whether the next group waits groupCommitDelayMs for more requests: it
   * does after a group of several requests, unless full. While producers
   * post side by side, those just answered post again within about a
   * millisecond, and a commit of more events writes and syncs fewer pages
   * per event. In `yarn bench lineage` on SQLite (16 clients posting 6,000
   * single events) groups grew from 8-10 events to 11-14 on average,
   * 443-549 transactions instead of 631-733, and the write system calls
   * per event fell from 35 to 31. After a group of one request, as a lone
   * producer's, none waits.
   */
  private waitsForMoreRequests(): boolean {
    return (
      this.groupCommitDelayMs > 0 &&
      this.lastGroupRequests > 1 &&
      this.pendingEvents() < this.maxEventsPerGroup
    );
  }

  /**
   * With no transaction running, any waiting request starts one. Beside a
   * running one (then it is the other's to store what waits once it ends),
   * only a group worth a second: enough events, beside a small transaction.
   */
  private mayStartTransaction(): boolean {
    if (this.pending.length === 0) return false;
    if (this.storingEvents === 0) return true;
    return (
      this.storingEvents < SMALL_TRANSACTION_EVENTS &&
      this.pendingEvents() >= MIN_OVERLAPPING_EVENTS
    );
  }

  private pendingEvents(): number {
    return this.pending.reduce((sum, p) => sum + p.events.length, 0);
  }
}

/** Failures that storing fewer events at once may avoid. */
function isSplittable(error: unknown): boolean {
  return isRefusedByDatabase(error) || isStatementCancelled(error);
}

/** The store unavailable, however few events it is given. */
function isUnavailableForAnyPart(error: unknown): boolean {
  return isStoreUnavailable(error) && !isStatementCancelled(error);
}
