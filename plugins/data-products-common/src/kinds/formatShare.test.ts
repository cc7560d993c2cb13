import { formatShare } from './formatShare';

describe('formatShare', () => {
  it('gives a share in percent to a tenth, or to the decimals asked', () => {
    expect(formatShare(0.857)).toBe('85.7%');
    expect(formatShare(0.57)).toBe('57%');
    expect(formatShare(0.9, { atLeast: 0.99 })).toBe('90%');
    expect(formatShare(0.9995, {}, 4)).toBe('99.95%');
  });

  it('gives a finer figure where a tenth would be judged otherwise', () => {
    expect(formatShare(0.98998, { atLeast: 0.99 })).toBe('98.998%');
    expect(formatShare(0.99, { atLeast: 0.99 })).toBe('99%');
    expect(formatShare(0.99003, { atLeast: 0.99 })).toBe('99%');
  });
});
