import { sortMarquezGraph } from './sortMarquezGraph';

const edge = (origin: string, destination: string) => ({
  origin,
  destination,
});

describe('sortMarquezGraph', () => {
  it('sorts nodes by id and edges by origin, then destination, by code units as Java compares', () => {
    const nodes = ['job:etl:b', 'dataset:pg:Z', 'dataset:pg:a', 'dataset:pg:é'];
    const sorted = sortMarquezGraph(
      nodes.map(id => ({
        id,
        type: 'DATASET' as const,
        data: {},
        inEdges: [edge('x', 'b'), edge('w', 'z'), edge('x', 'a')],
        outEdges: [edge('b', 'x'), edge('a', 'x')],
      })),
    );
    // Upper case before lower, and é after both: not a locale's order.
    expect(sorted.map(n => n.id)).toEqual([
      'dataset:pg:Z',
      'dataset:pg:a',
      'dataset:pg:é',
      'job:etl:b',
    ]);
    expect(sorted[0].inEdges).toEqual([
      edge('w', 'z'),
      edge('x', 'a'),
      edge('x', 'b'),
    ]);
    expect(sorted[0].outEdges).toEqual([edge('a', 'x'), edge('b', 'x')]);
  });
});
