import { LoggerService } from '@backstage/backend-plugin-api';
import {
  parseOpenLineageEvent,
  ParsedOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import fs from 'fs/promises';
import path from 'path';
import zlib from 'zlib';

const SEED_FILE = /\.ndjson(\.gz)?$/;

/**
 * The valid OpenLineage events of a directory's `*.ndjson` files (one event
 * a line, optionally gzipped), in file and line order; invalid ones are
 * logged and skipped.
 */
export async function readSeedDirectory(
  directory: string,
  logger: LoggerService,
): Promise<ParsedOpenLineageEvent[]> {
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
  return events;
}
