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
});
