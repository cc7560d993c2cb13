import { roundJudgedAlike } from './roundJudgedAlike';

describe('roundJudgedAlike', () => {
  it('rounds to the digits asked where that is judged alike', () => {
    expect(roundJudgedAlike(0.857142, 4, { atLeast: 0.9 })).toBe(0.8571);
    expect(roundJudgedAlike(1.23456, 3, { atMost: 1.2 })).toBe(1.235);
    expect(roundJudgedAlike(0.123456, 3)).toBe(0.123);
    // Met, and rounded onto the bound: still met.
    expect(roundJudgedAlike(0.99003, 4, { atLeast: 0.99 })).toBe(0.99);
    expect(roundJudgedAlike(1.19996, 3, { atLeast: 0.8, atMost: 1.2 })).toBe(
      1.2,
    );
  });

  it('keeps more digits where fewer would be judged otherwise', () => {
    expect(roundJudgedAlike(0.98998, 4, { atLeast: 0.99 })).toBe(0.98998);
    expect(roundJudgedAlike(1.200008, 3, { atLeast: 0.8, atMost: 1.2 })).toBe(
      1.20001,
    );
    expect(roundJudgedAlike(0.79996, 3, { atLeast: 0.8, atMost: 1.2 })).toBe(
      0.79996,
    );
    // Met, and rounded past a bound off the grid: kept met.
    expect(roundJudgedAlike(0.99991, 4, { atLeast: 0.999905 })).toBe(0.99991);
  });

  it('gives the value itself where no rounding is judged alike', () => {
    expect(roundJudgedAlike(0.99 - 1e-15, 4, { atLeast: 0.99 })).toBe(
      0.99 - 1e-15,
    );
  });
});
