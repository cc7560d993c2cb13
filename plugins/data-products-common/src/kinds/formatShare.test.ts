import { formatShare } from './formatShare';

describe('formatShare', () => {
  it('gives a share in percent to a tenth', () => {
    expect(formatShare(0.857)).toBe('85.7%');
    expect(formatShare(0.57)).toBe('57%');
    expect(formatShare(0.9, 0.99)).toBe('90%');
  });

  it('gives a finer figure where a tenth would reach the bound', () => {
    expect(formatShare(0.98998, 0.99)).toBe('98.998%');
    expect(formatShare(0.99, 0.99)).toBe('99%');
  });
});
