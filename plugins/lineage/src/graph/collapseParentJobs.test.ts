import {
  collapseParentJobs,
  hasParentJobs,
  taskCount,
} from './collapseParentJobs';
import type { ViewGraph, ViewNode } from './types';

const NS = 'postgres://warehouse:5432';
const dataset = (name: string): ViewNode => ({
  id: `dataset:${NS}:${name}`,
  kind: 'dataset',
  label: name,
  detail: NS,
  root: false,
});
const job = (name: string, parent?: string, root = false): ViewNode => ({
  id: `job:airflow:${name}`,
  kind: 'job',
  label: name,
  detail: 'airflow',
  root,
  ...(parent ? { parent: `job:airflow:${parent}` } : {}),
});
const revenue = { entityRef: 'dataproduct:default/revenue', title: 'Revenue' };

/**
 * raw → dag.extract → staging → dag.transform → mart, staging → dag.check
 * (all three tasks of `dag`), and mart → report.
 */
const graph: ViewGraph = {
  nodes: [
    dataset('raw'),
    job('dag.extract', 'dag'),
    dataset('staging'),
    { ...job('dag.transform', 'dag'), product: revenue },
    { ...job('dag.check', 'dag'), product: revenue },
    { ...dataset('mart'), root: true },
    job('report'),
  ],
  edges: [
    { source: `dataset:${NS}:raw`, target: 'job:airflow:dag.extract' },
    { source: 'job:airflow:dag.extract', target: `dataset:${NS}:staging` },
    { source: `dataset:${NS}:staging`, target: 'job:airflow:dag.transform' },
    { source: `dataset:${NS}:staging`, target: 'job:airflow:dag.check' },
    { source: 'job:airflow:dag.transform', target: `dataset:${NS}:mart` },
    { source: `dataset:${NS}:mart`, target: 'job:airflow:report' },
  ],
};

describe('collapseParentJobs', () => {
  it('collapses the tasks of a parent job into one node with their edges', () => {
    const collapsed = collapseParentJobs(graph);
    expect(collapsed.nodes.map(n => n.id)).toEqual([
      `dataset:${NS}:raw`,
      'job:airflow:dag',
      `dataset:${NS}:staging`,
      `dataset:${NS}:mart`,
      'job:airflow:report',
    ]);
    expect(collapsed.nodes[1]).toEqual({
      id: 'job:airflow:dag',
      kind: 'job',
      label: 'dag',
      detail: 'airflow',
      root: false,
      tasks: [
        'job:airflow:dag.extract',
        'job:airflow:dag.transform',
        'job:airflow:dag.check',
      ],
    });
    expect(collapsed.edges).toEqual([
      { source: `dataset:${NS}:raw`, target: 'job:airflow:dag' },
      { source: 'job:airflow:dag', target: `dataset:${NS}:staging` },
      { source: `dataset:${NS}:staging`, target: 'job:airflow:dag' },
      { source: 'job:airflow:dag', target: `dataset:${NS}:mart` },
      { source: `dataset:${NS}:mart`, target: 'job:airflow:report' },
    ]);
    expect(taskCount(collapsed.nodes[1].tasks!)).toBe('3 tasks');
  });

  it('keeps the tasks of expanded parents, and graphs without parents', () => {
    expect(collapseParentJobs(graph, new Set(['job:airflow:dag']))).toBe(graph);
    const plain = { nodes: [job('report')], edges: [] };
    expect(hasParentJobs(plain)).toBe(false);
    expect(hasParentJobs(graph)).toBe(true);
    expect(collapseParentJobs(plain)).toBe(plain);
  });

  it('keeps a shared product, rootness and merges into a parent node the graph holds', () => {
    const withParent: ViewGraph = {
      nodes: [
        { ...job('t1', 'p', true), product: revenue },
        { ...job('t2', 'p'), product: revenue },
        job('p'),
        dataset('out'),
      ],
      edges: [
        { source: 'job:airflow:t1', target: `dataset:${NS}:out`, dashed: true },
        { source: 'job:airflow:t2', target: `dataset:${NS}:out` },
        { source: 'job:airflow:p', target: `dataset:${NS}:out`, dashed: true },
      ],
    };
    const collapsed = collapseParentJobs(withParent);
    expect(collapsed.nodes).toEqual([
      {
        id: 'job:airflow:p',
        kind: 'job',
        label: 'p',
        detail: 'airflow',
        product: revenue,
        root: true,
        tasks: ['job:airflow:t1', 'job:airflow:t2'],
      },
      dataset('out'),
    ]);
    expect(collapsed.edges).toEqual([
      { source: 'job:airflow:p', target: `dataset:${NS}:out` },
    ]);
  });

  it('names a parent in another namespace from its node id', () => {
    const collapsed = collapseParentJobs({
      nodes: [
        {
          ...job('task'),
          parent: 'job:https://airflow.example:8080:finance-daily-dag',
        },
      ],
      edges: [],
    });
    expect(collapsed.nodes[0]).toMatchObject({
      label: 'finance-daily-dag',
      detail: 'https://airflow.example:8080',
      tasks: ['job:airflow:task'],
    });
    expect(taskCount(['a'])).toBe('1 task');
  });

  it('collapses nested parents one level, the innermost', () => {
    const collapsed = collapseParentJobs({
      nodes: [job('outer'), job('inner', 'outer'), job('leaf', 'inner')],
      edges: [],
    });
    expect(collapsed.nodes.map(n => [n.id, n.tasks])).toEqual([
      ['job:airflow:outer', undefined],
      ['job:airflow:inner', ['job:airflow:leaf']],
    ]);
  });

  it("keeps the type of a parent job the graph holds, not its tasks'", () => {
    const collapsed = collapseParentJobs({
      nodes: [
        { ...job('streams'), marquezType: 'SERVICE' },
        { ...job('streams.orders', 'streams'), marquezType: 'STREAM' },
      ],
      edges: [],
    });
    expect(collapsed.nodes).toEqual([
      expect.objectContaining({
        id: 'job:airflow:streams',
        marquezType: 'SERVICE',
        tasks: ['job:airflow:streams.orders'],
      }),
    ]);
  });
});
