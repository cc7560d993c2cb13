import { nodeKind } from './nodeKind';

describe('nodeKind', () => {
  it('names streaming jobs, services and streams by their Marquez type', () => {
    expect(nodeKind('job', 'STREAM')).toEqual({
      label: 'Streaming job',
      continuous: true,
    });
    expect(nodeKind('job', 'SERVICE')).toEqual({
      label: 'Service',
      continuous: true,
    });
    expect(nodeKind('dataset', 'STREAM')).toEqual({
      label: 'Stream',
      continuous: true,
    });
  });

  it('keeps the plain kind for batch jobs, tables and unknown types', () => {
    expect(nodeKind('job', 'BATCH').label).toBe('Job');
    expect(nodeKind('job', undefined)).toEqual({
      label: 'Job',
      continuous: false,
    });
    expect(nodeKind('dataset', 'DB_TABLE').label).toBe('Dataset');
    expect(nodeKind('dataset', undefined).continuous).toBe(false);
  });
});
