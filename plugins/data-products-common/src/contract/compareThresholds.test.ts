import { compareThresholds } from './compareThresholds';

describe('compareThresholds', () => {
  it.each([
    [{ mustBe: 0 }, { mustBe: 0 }, 'same'],
    [{ mustBe: 0 }, { mustBeLessThan: 5 }, 'looser'],
    [{ mustBeLessThan: 5 }, { mustBeLessOrEqualTo: 5 }, 'looser'],
    [{ mustBeLessOrEqualTo: 5 }, { mustBeLessThan: 5 }, 'stricter'],
    [{ mustBeGreaterThan: 1000 }, { mustBeGreaterThan: 500 }, 'looser'],
    [{ mustBeGreaterThan: 1000 }, { mustBeGreaterOrEqualTo: 1001 }, 'stricter'],
    [{ mustBeBetween: [10, 20] }, { mustBeBetween: [5, 25] }, 'looser'],
    [{ mustBeBetween: [10, 20] }, { mustBeBetween: [15, 25] }, 'unknown'],
    [{ mustNotBeBetween: [0, 10] }, { mustNotBeBetween: [2, 8] }, 'looser'],
    [{ mustNotBe: 0 }, { mustNotBeBetween: [0, 1] }, 'stricter'],
    [
      { mustBeGreaterThan: 0, mustBeLessThan: 10 },
      { mustBeLessThan: 10 },
      'looser',
    ],
    [{ mustBe: 'ok' }, { mustBe: 'fine' }, 'unknown'],
    [{ mustBe: 0 }, { mustNotBe: 1 }, 'unknown'],
  ] as const)('%o → %o is %s', (before, after, expected) => {
    expect(compareThresholds(before as any, after as any)).toBe(expected);
  });
});
