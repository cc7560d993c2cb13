import { LoggerService } from '@backstage/backend-plugin-api';
import { ScorecardStore } from '../store/ScorecardStore';
import { ProductScorecards } from './ProductScorecards';

/**
 * One pass of change detection: re-scores the products whose catalog entry,
 * owner, domain, upstreams or exemptions changed, and records those missing
 * from the catalog and those back in it (see ScorecardStore.save), telling
 * `onDepartures` what it found, at the times `clock` gives. Answers how many
 * products changed: each is re-scored, unless the catalog no longer holds it
 * when read again.
 */
export async function detectChanges(options: {
  scorecards: ProductScorecards;
  store: ScorecardStore;
  logger: LoggerService;
  onDepartures: (saved: { missing: string[]; removed: string[] }) => void;
  clock?: () => number;
}): Promise<number> {
  const { scorecards, store, logger, onDepartures, clock = Date.now } = options;
  const now = clock();
  const departures = await store.departures();
  const withinGrace = await store.departedWithinGrace(now);
  const { changed, removed, present } = await scorecards.changedSince(
    await store.sourceHashes(),
    new Date(now),
    withinGrace,
  );
  // Products missing from the catalog go, once missing for the grace
  // period, whether lineage answers or not, as of once the catalog was read:
  // a grant whose catalog check came before that is refused. One back within
  // the period (unchanged, so not re-scored) keeps its history and exemptions.
  const back = present.filter(ref => departures.has(ref));
  // Those within the grace period at `now` were not read by ref: were their
  // removal due by the time below, a product a paged read missed would go.
  // Their departure is recorded already; a later pass reads and removes them.
  const remove = removed.filter(ref => !withinGrace.has(ref));
  // One missing that was never scored is kept only for its exemptions:
  // once they end, nothing of it is left to remove.
  const listed = new Set([...removed, ...present]);
  const settled = [...departures].filter(ref => !listed.has(ref));
  if (remove.length || back.length || settled.length) {
    onDepartures(
      await store.save([], clock(), {
        remove,
        present: back,
        settled,
      }),
    );
  }
  if (changed.length) {
    const cards = await scorecards.evaluateRefs(changed, new Date(now));
    await store.save(cards, now);
    logger.info(
      `Re-evaluated governance of ${cards.length} changed data products`,
    );
  }
  return changed.length;
}
