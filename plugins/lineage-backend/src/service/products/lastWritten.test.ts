import { lastWritten } from './lastWritten';

describe('lastWritten', () => {
  it('is the latest write or stream end, -Infinity for none', () => {
    expect(lastWritten([], [])).toBe(-Infinity);
    expect(lastWritten([{ time: 3 }, { time: 1 }], [{ to: 2 }])).toBe(3);
    expect(lastWritten([{ time: 1 }], [{ to: 4 }])).toBe(4);
  });

  it('takes more writes than a call takes arguments', () => {
    const writes = Array.from({ length: 500_000 }, (_, time) => ({ time }));
    expect(lastWritten(writes, [{ to: 7 }])).toBe(499_999);
  });
});
