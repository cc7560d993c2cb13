import { mockServices } from '@backstage/backend-test-utils';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import { readSeedDirectory } from './readSeedDirectory';

const event = (name: string) =>
  JSON.stringify({
    eventType: 'COMPLETE',
    eventTime: '2026-11-18T06:00:00Z',
    producer: 'https://example.com/seed',
    run: { runId: '01936893-9751-7a91-a2a0-000000000001' },
    job: { namespace: 'etl', name },
  });

describe('readSeedDirectory', () => {
  it('skips a line that is no JSON and a file that is no gzip, naming them, and reads the rest', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seed-'));
    try {
      await fs.writeFile(
        path.join(dir, 'a.ndjson'),
        `\uFEFF${event('first')}\n{"eventType": "COMPL\n${event('third')}\n`,
      );
      await fs.writeFile(path.join(dir, 'b.ndjson.gz'), 'not gzip');
      await fs.writeFile(
        path.join(dir, 'c.ndjson.gz'),
        zlib.gzipSync(event('fourth')),
      );
      const logger = mockServices.logger.mock();
      const events = await readSeedDirectory(dir, logger);
      expect(events.map(e => e.event.job?.name)).toEqual([
        'first',
        'third',
        'fourth',
      ]);
      const warnings = logger.warn.mock.calls.map(([message]) => message);
      expect(warnings).toEqual([
        expect.stringMatching(/^Skipping seed event a\.ndjson:2: not JSON: /),
        expect.stringMatching(/^Skipping seed file b\.ndjson\.gz: /),
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
