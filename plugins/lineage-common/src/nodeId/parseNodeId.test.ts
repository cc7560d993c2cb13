import { formatNodeId, parseNodeId } from './parseNodeId';

describe('parseNodeId', () => {
  it('reads a plain dataset id', () => {
    expect(
      parseNodeId('dataset:bigquery:proj.ds.table')?.candidates[0],
    ).toEqual({ namespace: 'bigquery', name: 'proj.ds.table' });
  });

  it('prefers the whole URI namespace, port included', () => {
    const parsed = parseNodeId(
      'dataset:postgres://db.example:5432:public.orders',
    );
    expect(parsed?.type).toBe('dataset');
    expect(parsed?.candidates[0]).toEqual({
      namespace: 'postgres://db.example:5432',
      name: 'public.orders',
    });
    // The other readings stay available for the store to resolve.
    expect(parsed?.candidates).toContainEqual({
      namespace: 'postgres',
      name: '//db.example:5432:public.orders',
    });
  });

  it('reads a scheme with a path, and a field at the end', () => {
    expect(
      parseNodeId('datasetField:file:/tmp/cll_test:default.tbl1:ident')
        ?.candidates[0],
    ).toEqual({
      namespace: 'file:/tmp/cll_test',
      name: 'default.tbl1',
      field: 'ident',
    });
  });

  it('reads a field that holds colons, after the shorter fields', () => {
    const parsed = parseNodeId('datasetField:pg://h:5432:public.t:a:b');
    expect(parsed?.candidates[0]).toEqual({
      namespace: 'pg://h:5432',
      name: 'public.t:a',
      field: 'b',
    });
    expect(parsed?.candidates).toContainEqual({
      namespace: 'pg://h:5432',
      name: 'public.t',
      field: 'a:b',
    });
  });

  it('tries at most a thousand readings of an id with many colons', () => {
    const id = `datasetField:ns:${'x:'.repeat(3000)}field`;
    expect(parseNodeId(id)?.candidates).toHaveLength(1000);
  });

  it('reads a job id whose name holds colons', () => {
    const parsed = parseNodeId('job:airflow:dag:task');
    expect(parsed?.type).toBe('job');
    expect(parsed?.candidates.map(c => c.namespace)).toEqual([
      'airflow',
      'airflow:dag',
    ]);
  });

  it.each([
    'dataset:',
    'dataset:nocolon',
    'table:a:b',
    'datasetField:a:b:',
    '',
  ])('refuses %p', id => {
    expect(parseNodeId(id)).toBeUndefined();
  });

  it('formats what it parses', () => {
    const id = formatNodeId('dataset', 'postgres://h:5432', 'public.t');
    expect(parseNodeId(id)?.candidates[0]).toEqual({
      namespace: 'postgres://h:5432',
      name: 'public.t',
    });
  });
});
