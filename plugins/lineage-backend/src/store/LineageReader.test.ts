import {
  parseNodeId,
  parseOpenLineageEvent,
} from '@meshwork/plugin-lineage-common';
import { createStoreTestDatabases } from '@meshwork/test-utils';
import { LineageReader } from './LineageReader';
import { OpenLineageEventStore } from './OpenLineageEventStore';

const NS = 'postgres://db.example:5432';

function run(runId: string, job: string, inputs: string[], outputs: string[]) {
  const result = parseOpenLineageEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-12-01T10:00:00Z',
    producer: 'https://example.com/test',
    run: { runId },
    job: { namespace: 'etl', name: job },
    inputs: inputs.map(name => ({ namespace: NS, name })),
    outputs: outputs.map(name => ({ namespace: NS, name })),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

describe('LineageReader', () => {
  const databases = createStoreTestDatabases();

  it.each(databases.eachSupportedId())(
    'names the nodes of a walk from what earlier walks read, and new nodes from the database, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await OpenLineageEventStore.create(knex);
      const reader = new LineageReader(knex);
      await store.ingest([
        run('01936893-9751-7a91-a2a0-000000000001', 'load', ['raw'], ['mart']),
      ]);
      const root = await reader.resolve(parseNodeId(`dataset:${NS}:raw`)!);
      const walk = async () => {
        const graph = await reader.graph({
          root: root!,
          upstreamDepth: 0,
          downstreamDepth: 3,
          maxNodes: 100,
        });
        return graph.nodes.map(n => n.id).sort();
      };
      const nameReads: string[] = [];
      knex.on('query', ({ sql }: { sql: string }) => {
        if (/from [`"]lineage_(datasets|jobs)[`"] where/.test(sql)) {
          nameReads.push(sql);
        }
      });

      const first = await walk();
      const readByFirst = nameReads.length;
      expect(await walk()).toEqual(first);
      const readBySecond = nameReads.length - readByFirst;

      await store.ingest([
        run('01936893-9751-7a91-a2a0-000000000002', 'report', ['mart'], ['kpi']),
      ]);
      const third = await walk();

      expect(first).toEqual([
        `dataset:${NS}:mart`,
        `dataset:${NS}:raw`,
        'job:etl:load',
      ]);
      expect(readByFirst).toBeGreaterThan(0);
      expect(readBySecond).toBe(0);
      expect(third).toEqual([
        `dataset:${NS}:kpi`,
        ...first,
        'job:etl:report',
      ]);
    },
  );
});
