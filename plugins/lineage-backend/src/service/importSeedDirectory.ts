import { LoggerService } from '@backstage/backend-plugin-api';
import {
  parseOpenLineageEvent,
  ParsedOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import fs from 'fs/promises';
import path from 'path';
import zlib from 'zlib';
import { OpenLineageEventStore } from '../store/OpenLineageEventStore';

const SEED_FILE = /\.ndjson(\.gz)?$/;
const LAST_RUN_AGE_MS = 5 * 60_000;

/**
 * Loads example OpenLineage events (`*.ndjson`, optionally gzipped) into an
 * empty store, shifted in time so the last one is a few minutes old and SLOs
 * measure something current. A store that already holds the seed's first
 * run is left alone, so restarts do not load it again.
 */
export async function importSeedDirectory(options: {
  directory: string;
  store: OpenLineageEventStore;
  logger: LoggerService;
  now?: number;
}): Promise<{ imported: number; skipped: boolean }> {
  const { directory, store, logger } = options;
  const files = (await fs.readdir(directory))
    .filter(f => SEED_FILE.test(f))
    .sort();
  const events: ParsedOpenLineageEvent[] = [];
  for (const file of files) {
    let content = await fs.readFile(path.join(directory, file));
    if (file.endsWith('.gz')) content = zlib.gunzipSync(content);
    content
      .toString('utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        const result = parseOpenLineageEvent(JSON.parse(line));
        if (result.ok) {
          events.push(result);
        } else {
          logger.warn(
            `Skipping seed event ${file}:${index + 1}: ${result.issues
              .map(i => `${i.path}: ${i.message}`)
              .join('; ')}`,
          );
        }
      });
  }
  const firstRun = events.find(e => e.event.run)?.event.run?.runId;
  if (events.length === 0 || (firstRun && (await store.hasRun(firstRun)))) {
    return { imported: 0, skipped: true };
  }
  const latest = Math.max(...events.map(e => e.eventTimeMs));
  const shift = (options.now ?? Date.now()) - LAST_RUN_AGE_MS - latest;
  const shifted = events.map(({ event, kind, eventTimeMs }) => {
    const moved = {
      ...event,
      eventTime: new Date(eventTimeMs + shift).toISOString(),
    };
    return {
      kind,
      eventTimeMs: eventTimeMs + shift,
      event: moved,
      payload: JSON.stringify(moved),
    };
  });
  for (let i = 0; i < shifted.length; i += 500) {
    await store.ingest(shifted.slice(i, i + 500));
  }
  return { imported: shifted.length, skipped: false };
}
