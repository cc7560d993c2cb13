import { roundBesideBound } from './roundBesideBound';

describe('roundBesideBound', () => {
  it('rounds to the digits asked when that keeps the side of the bound', () => {
    expect(roundBesideBound(0.857142, 0.9, 4)).toBe(0.8571);
    expect(roundBesideBound(1.23456, 1.2, 3)).toBe(1.235);
    expect(roundBesideBound(0.123456, undefined, 3)).toBe(0.123);
    expect(roundBesideBound(0.99, 0.99, 4)).toBe(0.99);
  });

  it('keeps more digits where fewer would reach the bound', () => {
    expect(roundBesideBound(0.98998, 0.99, 4)).toBe(0.98998);
    expect(roundBesideBound(1.200008, 1.2, 3)).toBe(1.20001);
    expect(roundBesideBound(0.79996, 0.8, 3)).toBe(0.79996);
    expect(roundBesideBound(98.999, 99, 1)).toBe(98.999);
  });

  it('gives the value itself when no rounding stays beside the bound', () => {
    expect(roundBesideBound(0.99 - 1e-15, 0.99, 4)).toBe(0.99 - 1e-15);
  });
});
