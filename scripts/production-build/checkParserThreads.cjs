// Parses an OpenLineage batch large enough for a parser thread with the
// built lineage backend: the production build once dropped the export a
// thread starts by, which only shows at run time (ingest then falls back to
// the main thread).
const path = require('path');

const built = path.resolve(
  __dirname,
  '../../plugins/lineage-backend/dist/service/EventBodyParser.cjs.js',
);
const { EventBodyParser } = require(built);

const event = i => ({
  eventTime: '2026-01-01T00:00:00Z',
  producer: 'https://meshwork.dev/production-build-check',
  run: { runId: `3f5e83fa-3480-44ff-99c5-${String(i).padStart(12, '0')}` },
  job: { namespace: 'check', name: 'parser.threads', facets: {} },
});

(async () => {
  const errors = [];
  const parser = new EventBodyParser({
    threads: 1,
    onError: error => errors.push(String(error)),
  });
  const body = Buffer.from(
    JSON.stringify(Array.from({ length: 300 }, (_, i) => event(i))),
  );
  const parsed = await parser.parse(body, {
    batch: true,
    maxBatchEvents: 1000,
  });
  // A thread that failed to start is reported once it exits.
  await new Promise(resolve => setTimeout(resolve, 200));
  const threads = parser.threadCount;
  await parser.stop();
  if (parsed.valid.length !== 300 || threads !== 1 || errors.length > 0) {
    console.error(
      `meshwork: the built lineage backend's parser thread failed: ${
        parsed.valid.length
      } of 300 events valid, ${threads} thread(s) running, errors: ${
        errors.join('; ') || 'none'
      }`,
    );
    process.exit(1);
  }
  console.error(
    'meshwork: the built lineage backend parsed a batch on its parser thread',
  );
})();
