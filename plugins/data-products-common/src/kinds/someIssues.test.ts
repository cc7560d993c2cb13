import { someIssues } from './someIssues';

describe('someIssues', () => {
  const issues = (count: number) =>
    Array.from({ length: count }, (_, i) => `field_${i}: is required`);

  it('names up to twenty issues', () => {
    expect(someIssues(issues(2))).toBe(
      'field_0: is required; field_1: is required',
    );
    expect(someIssues(issues(20))).toBe(issues(20).join('; '));
  });

  it('counts the issues past twenty', () => {
    expect(someIssues(issues(21))).toBe(
      `${issues(20).join('; ')}; and 1 more issue`,
    );
    expect(someIssues(issues(1000))).toBe(
      `${issues(20).join('; ')}; and 980 more issues`,
    );
  });
});
