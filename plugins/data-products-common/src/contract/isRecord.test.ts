import { isRecord } from './isRecord';

describe('isRecord', () => {
  it.each([[{}], [{ a: 1 }], [Object.create(null)]])('takes %p', value => {
    expect(isRecord(value)).toBe(true);
  });

  it.each([[null], [undefined], [[]], [[{}]], ['{}'], [1], [true]])(
    'refuses %p',
    value => {
      expect(isRecord(value)).toBe(false);
    },
  );
});
