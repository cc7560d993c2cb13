import { declaredType } from './marquezTypes';
// The migration's own copy, which backfilled the rows stored before.
import { declaredType as migrationType } from '../../migrations/lib/declaredTypes';

describe('declaredType', () => {
  it.each([
    { processingType: 'STREAMING' },
    { processingType: 'streaming' },
    { processingType: 'SERVICE' },
    { processingType: 'Service' },
    { processingType: 'BATCH' },
    { processingType: '' },
    { processingType: 1 },
    { datasetType: 'STREAM' },
    { datasetType: 'stream' },
    { datasetType: 'TABLE' },
    { datasetType: ['STREAM'] },
    {},
    ['STREAMING'],
    'STREAM',
    null,
    undefined,
  ])('declares the type the migration declared for %p', facet => {
    for (const table of ['lineage_jobs', 'lineage_datasets'] as const) {
      expect(declaredType(table, facet)).toBe(
        migrationType(table, {
          [table === 'lineage_jobs' ? 'jobType' : 'datasetType']: facet,
        }),
      );
    }
  });

  it('declares only what is not the default', () => {
    expect(declaredType('lineage_jobs', { processingType: 'streaming' })).toBe(
      'STREAM',
    );
    expect(declaredType('lineage_jobs', { processingType: 'BATCH' })).toBe(
      null,
    );
    expect(declaredType('lineage_datasets', { datasetType: 'stream' })).toBe(
      'STREAM',
    );
    expect(declaredType('lineage_datasets', { datasetType: 'TABLE' })).toBe(
      null,
    );
  });
});
