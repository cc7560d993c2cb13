import { layoutGraph } from './layoutGraph';
import type { ViewNode } from './types';

const node = (id: string): ViewNode => ({
  id,
  kind: id.startsWith('job') ? 'job' : 'dataset',
  label: id,
  detail: 'ns',
  root: false,
});

describe('layoutGraph', () => {
  it('puts each node a column right of its furthest upstream node', () => {
    const nodes = ['raw', 'job1', 'orders', 'job2', 'revenue'].map(node);
    const positions = layoutGraph(nodes, [
      { source: 'raw', target: 'job1' },
      { source: 'job1', target: 'orders' },
      { source: 'orders', target: 'job2' },
      { source: 'raw', target: 'job2' },
      { source: 'job2', target: 'revenue' },
    ]);
    const columnOf = (id: string) => positions.get(id)!.x;
    expect(columnOf('raw')).toBeLessThan(columnOf('job1'));
    expect(columnOf('job1')).toBeLessThan(columnOf('orders'));
    expect(columnOf('orders')).toBeLessThan(columnOf('job2'));
    expect(columnOf('job2')).toBeLessThan(columnOf('revenue'));
  });

  it('places every node of a cycle, and no two on the same spot', () => {
    const nodes = ['a', 'b', 'c', 'd'].map(node);
    const positions = layoutGraph(nodes, [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'b' },
      { source: 'a', target: 'd' },
    ]);
    expect(positions.size).toBe(4);
    const spots = new Set(
      [...positions.values()].map(({ x, y }) => `${x},${y}`),
    );
    expect(spots.size).toBe(4);
  });

  it('orders rows so that children sit beside their parents', () => {
    const nodes = ['p1', 'p2', 'c2', 'c1'].map(node);
    const positions = layoutGraph(nodes, [
      { source: 'p1', target: 'c1' },
      { source: 'p2', target: 'c2' },
    ]);
    expect(positions.get('c1')!.y).toBe(positions.get('p1')!.y);
    expect(positions.get('c2')!.y).toBe(positions.get('p2')!.y);
  });
});
