import { formatDuration } from './formatDuration';

describe('formatDuration', () => {
  it('names the two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(12 * 60_000 + 5_000)).toBe('12m 5s');
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000 + 9_000)).toBe('3h 20m');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 4h');
    expect(formatDuration(3 * 3_600_000 + 9_000)).toBe('3h');
  });
});
