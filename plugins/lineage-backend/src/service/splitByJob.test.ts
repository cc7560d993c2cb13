import { validEvent } from '../__testUtils__/validEvent';
import { prepareEvent } from '../store/prepareEvent';
import { splitByJob } from './splitByJob';

const runOf = (job: string, index: number) =>
  validEvent({
    eventType: 'COMPLETE',
    eventTime: '2026-01-01T00:00:00Z',
    producer: 'test',
    run: {
      runId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    },
    job: { namespace: 'etl', name: job },
  });

const datasetEventOf = (name: string) =>
  validEvent({
    eventTime: '2026-01-01T00:00:00Z',
    producer: 'test',
    dataset: { namespace: 'etl', name },
  });

describe('splitByJob', () => {
  it('keeps each job in one set, and evens out the sets, largest job first', () => {
    const jobs = ['a', 'a', 'b', 'c', 'a', 'b', 'a', 'c', 'd', 'a', 'b', 'd'];
    const events = jobs.map(runOf);
    const sets = splitByJob(events, 2);

    expect(sets.flat().sort((x, y) => x - y)).toEqual(jobs.map((_, i) => i));
    const jobsOf = sets.map(set => new Set(set.map(i => jobs[i])));
    expect([...jobsOf[0]].filter(job => jobsOf[1].has(job))).toEqual([]);
    // a: 5, b: 3, c: 2, d: 2: a | b, then c to b's set (5 | 5), then d: 7 | 5.
    expect(sets.map(set => set.length).sort((x, y) => x - y)).toEqual([5, 7]);
    sets.forEach(set => expect(set).toEqual([...set].sort((x, y) => x - y)));
  });

  it('keys a dataset event by its dataset, parsed or prepared, the same way', () => {
    const events = [
      datasetEventOf('orders'),
      runOf('orders', 1),
      prepareEvent(datasetEventOf('orders')),
      datasetEventOf('customers'),
    ];
    const sets = splitByJob(events, 2);

    expect(sets).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('keeps the jobs of a run whose events name different jobs in one set', () => {
    const events = [runOf('a', 1), runOf('b', 1), runOf('c', 2), runOf('b', 3)];

    expect(splitByJob(events, 2)).toEqual([[0, 1, 3], [2]]);
  });

  it('gives no empty set, and one set of all when asked for one', () => {
    const events = [runOf('a', 1), runOf('a', 2)];

    expect(splitByJob(events, 4)).toEqual([[0, 1]]);
    expect(splitByJob([runOf('a', 1), runOf('b', 2)], 1)).toEqual([[0, 1]]);
  });
});
