import { nonFiniteNumbersAsNull } from './nonFiniteNumbersAsNull';

describe('nonFiniteNumbersAsNull', () => {
  it('writes NaN, Infinity and -Infinity outside strings as null', () => {
    expect(
      nonFiniteNumbersAsNull(
        '{"min": NaN, "max": Infinity, "low": [-Infinity,1], "n": -1}',
      ),
    ).toBe('{"min": null, "max": null, "low": [null,1], "n": -1}');
  });

  it('leaves such words in strings, escaped quotes included, as they are', () => {
    expect(
      nonFiniteNumbersAsNull('{"NaN": "Infinity \\" NaN", "x": NaN}'),
    ).toBe('{"NaN": "Infinity \\" NaN", "x": null}');
    expect(nonFiniteNumbersAsNull('{"a": "NaN", "b": "\\\\"}')).toBe(undefined);
  });
});
