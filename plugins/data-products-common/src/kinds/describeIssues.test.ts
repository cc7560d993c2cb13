import { describeIssues } from './describeIssues';

describe('describeIssues', () => {
  it('names list items by their index in brackets, as other messages do', () => {
    expect(
      describeIssues([
        { path: ['entityRefs', 2], message: 'expected an entity ref' },
        { path: ['spec', 'outputPorts', 0, 'name'], message: 'too long' },
      ]),
    ).toBe(
      'entityRefs[2]: expected an entity ref; spec.outputPorts[0].name: too long',
    );
  });

  it('names fields under a prefix, and the body itself', () => {
    expect(
      describeIssues(
        [
          { path: ['orders'], message: 'expected a string' },
          { path: [3], message: 'expected a string' },
        ],
        'contracts',
      ),
    ).toBe(
      'contracts.orders: expected a string; contracts[3]: expected a string',
    );
    expect(describeIssues([{ path: [], message: 'expected an object' }])).toBe(
      '(body): expected an object',
    );
  });

  it('says a field is required only where the input was reported missing', () => {
    const message = 'Invalid input: expected string, received undefined';
    expect(
      describeIssues([
        { path: ['reason'], code: 'invalid_type', message, input: undefined },
        { path: ['page'], code: 'invalid_type', message },
      ]),
    ).toBe(`reason: is required; page: ${message}`);
  });

  it('counts the issues past the twentieth', () => {
    const issues = Array.from({ length: 22 }, (_, i) => ({
      path: ['entityRefs', i],
      message: 'bad',
    }));
    expect(describeIssues(issues)).toMatch(
      /entityRefs\[19\]: bad; and 2 more issues$/,
    );
  });
});
