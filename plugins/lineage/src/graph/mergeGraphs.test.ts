import { mergeGraphs } from './mergeGraphs';

const node = (id: string, depth: number) => ({
  id,
  type: 'dataset' as const,
  namespace: 'ns',
  name: id,
  depth,
});

describe('mergeGraphs', () => {
  it('unites graphs, keeping the smallest depth and cutting at the cap', () => {
    const merged = mergeGraphs(
      [
        {
          root: 'a',
          nodes: [node('a', 0), node('b', 2)],
          edges: [{ source: 'a', target: 'b' }],
          truncated: false,
        },
        {
          root: 'b',
          nodes: [node('b', 0), node('c', 1), node('d', 1)],
          edges: [
            { source: 'b', target: 'c' },
            { source: 'b', target: 'd' },
          ],
          truncated: false,
        },
      ],
      3,
    );
    expect(merged.nodes).toEqual([node('a', 0), node('b', 0), node('c', 1)]);
    expect(merged.edges).toEqual([
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
    ]);
    expect(merged.truncated).toBe(true);
  });

  it('roots nothing by an expansion: its own root counts as depth 1', () => {
    const merged = mergeGraphs(
      [
        {
          root: 'a',
          nodes: [node('a', 0), node('b', 1)],
          edges: [{ source: 'a', target: 'b' }],
          truncated: false,
        },
      ],
      10,
      [
        {
          root: 'b',
          nodes: [node('b', 0), node('c', 1)],
          edges: [{ source: 'b', target: 'c' }],
          truncated: false,
        },
      ],
    );
    expect(merged.nodes).toEqual([node('a', 0), node('b', 1), node('c', 1)]);
    expect(merged.root).toBe('a');
  });

  it('shows a table an expansion names otherwise as the node already shown', () => {
    const files = {
      id: 'dataset:file:/warehouse/db.db/t',
      namespace: 'file',
      name: '/warehouse/db.db/t',
    };
    const hive = { id: 'dataset:hive:db.t', namespace: 'hive', name: 'db.t' };
    const glue = { id: 'dataset:glue:db/t', namespace: 'glue', name: 'db/t' };
    const trino = { ...node('job:trino:report', 1), type: 'job' as const };
    // Opened by the Hive name: Spark writes it, Trino reads it.
    const byHive = {
      root: hive.id,
      nodes: [
        { ...hive, type: 'dataset' as const, depth: 0, alsoKnownAs: [files] },
        { ...node('job:spark:build', 1), type: 'job' as const },
        trino,
      ],
      edges: [
        { source: 'job:spark:build', target: hive.id },
        { source: hive.id, target: trino.id },
      ],
      truncated: false,
    };
    // Trino's neighbours show the table as its primary, the files, now
    // joined with a Glue name too.
    const fromTrino = {
      root: trino.id,
      nodes: [
        { ...trino, depth: 0 },
        {
          ...files,
          type: 'dataset' as const,
          depth: 1,
          alsoKnownAs: [glue, hive],
        },
        node('report', 1),
      ],
      edges: [
        { source: files.id, target: trino.id },
        { source: trino.id, target: 'report' },
      ],
      truncated: false,
    };
    const merged = mergeGraphs([byHive], 4, [fromTrino]);
    expect(merged.nodes).toEqual([
      {
        ...hive,
        type: 'dataset',
        depth: 0,
        alsoKnownAs: [files, glue],
      },
      byHive.nodes[1],
      trino,
      node('report', 1),
    ]);
    expect(merged.edges).toEqual([
      { source: 'job:spark:build', target: hive.id },
      { source: hive.id, target: trino.id },
      { source: trino.id, target: 'report' },
    ]);
    expect(merged.truncated).toBe(false);
    // Either way round: a name the later graph's node has no other of.
    const plain = { ...files, type: 'dataset' as const, depth: 1 };
    const reversed = mergeGraphs([byHive], 4, [
      { ...fromTrino, nodes: [fromTrino.nodes[0], plain] },
    ]);
    expect(reversed.nodes.map(n => n.id)).toEqual([
      hive.id,
      'job:spark:build',
      trino.id,
    ]);
  });

  it('shows as one node two names of a table shown apart once a later graph joins them', () => {
    const files = { id: 'dataset:file:/w/t', namespace: 'file', name: '/w/t' };
    const hive = { id: 'dataset:hive:db.t', namespace: 'hive', name: 'db.t' };
    const job = (id: string) => ({ ...node(id, 1), type: 'job' as const });
    // Report's writers, each reading the table by another name at the
    // walk's last level, where the backend does not join names.
    const byReport = {
      root: 'report',
      nodes: [
        node('report', 0),
        job('trino'),
        job('copy'),
        { ...hive, type: 'dataset' as const, depth: 1 },
        { ...files, type: 'dataset' as const, depth: 1 },
      ],
      edges: [
        { source: hive.id, target: 'trino' },
        { source: files.id, target: 'copy' },
        { source: 'trino', target: 'report' },
        { source: 'copy', target: 'report' },
      ],
      truncated: false,
    };
    // Expanding the Hive name: it is the files too.
    const byHive = {
      root: hive.id,
      nodes: [
        { ...hive, type: 'dataset' as const, depth: 0, alsoKnownAs: [files] },
        job('spark'),
      ],
      edges: [{ source: 'spark', target: hive.id }],
      truncated: false,
    };
    const merged = mergeGraphs([byReport], 100, [byHive]);
    expect(merged.nodes).toEqual([
      node('report', 0),
      job('trino'),
      job('copy'),
      { ...hive, type: 'dataset', depth: 1, alsoKnownAs: [files] },
      job('spark'),
    ]);
    expect(merged.edges).toEqual([
      { source: hive.id, target: 'trino' },
      { source: hive.id, target: 'copy' },
      { source: 'trino', target: 'report' },
      { source: 'copy', target: 'report' },
      { source: 'spark', target: hive.id },
    ]);
  });
});
