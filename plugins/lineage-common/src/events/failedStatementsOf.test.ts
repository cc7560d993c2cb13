import { failedStatementsOf } from './failedStatementsOf';

describe('failedStatementsOf', () => {
  it.each([
    [{ failedTasks: 1, totalTasks: 3, errors: [] }, 1],
    [{ failedTasks: '2', totalTasks: 3 }, 2],
    [{ failedTasks: 0, errors: [{ errorMessage: 'x' }, {}] }, 2],
    [{ failedTasks: 0, totalTasks: 3 }, 0],
    [{ failedTasks: -1 }, 0],
    [{ failedTasks: '1.5' }, 0],
    [{ errors: 'none' }, 0],
    [[{ failedTasks: 1 }], 0],
    [null, 0],
    ['1', 0],
  ])('counts %j as %i failed statements', (facet, failed) => {
    expect(failedStatementsOf(facet)).toBe(failed);
  });
});
