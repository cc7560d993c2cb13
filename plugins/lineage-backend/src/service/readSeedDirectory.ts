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
    if (file.endsWith('.gz')) {
      try {
        content = zlib.gunzipSync(content);
      } catch (error) {
        logger.warn(`Skipping seed file ${file}: ${(error as Error).message}`);
        continue;
      }
    }
    content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        const skip = (reason: string) =>
          logger.warn(`Skipping seed event ${file}:${index + 1}: ${reason}`);
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch (error) {
          skip(`not JSON: ${(error as Error).message}`);
          return;
        }
        const result = parseOpenLineageEvent(json);
        if (result.ok) {
          events.push(result);
        } else {
          skip(result.issues.map(i => `${i.path}: ${i.message}`).join('; '));
        }
      });
  }
  return events;
}
