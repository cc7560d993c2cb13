import { describeEventIssues } from './describeEventIssues';

describe('describeEventIssues', () => {
  const issues = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      path: `inputs.${i}.name`,
      message: 'is required',
    }));

  it('names each issue by its path, the event itself by "(event)"', () => {
    expect(
      describeEventIssues([
        { path: '', message: 'must be an object' },
        { path: 'run.runId', message: 'must be a UUID' },
      ]),
    ).toBe('(event): must be an object; run.runId: must be a UUID');
  });

  it('names the first 20 issues and counts the rest', () => {
    const first20 = issues(20)
      .map(i => `${i.path}: ${i.message}`)
      .join('; ');
    expect(describeEventIssues(issues(20))).toBe(first20);
    expect(describeEventIssues(issues(21))).toBe(
      `${first20}; and 1 more issue`,
    );
    expect(describeEventIssues(issues(25))).toBe(
      `${first20}; and 5 more issues`,
    );
  });
});
