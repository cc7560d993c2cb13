import { cutCodeUnits } from './cutCodeUnits';

describe('cutCodeUnits', () => {
  it('keeps text that fits', () => {
    expect(cutCodeUnits('abc', 3)).toBe('abc');
    expect(cutCodeUnits('ab😀', 4)).toBe('ab😀');
  });

  it('cuts to the limit', () => {
    expect(cutCodeUnits('abcd', 3)).toBe('abc');
    expect(cutCodeUnits('a😀b', 3)).toBe('a😀');
  });

  it('cuts before an emoji whose halves the limit would split', () => {
    expect(cutCodeUnits('ab😀', 3)).toBe('ab');
    expect(cutCodeUnits('😀😀', 3)).toBe('😀');
  });
});
