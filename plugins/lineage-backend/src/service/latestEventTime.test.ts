import { latestEventTime } from './latestEventTime';

describe('latestEventTime', () => {
  it('finds the latest of more events than a spread call takes', () => {
    const events = Array.from({ length: 300_000 }, (_, i) => ({
      eventTimeMs: i === 123_456 ? 9e12 : i,
    }));
    expect(latestEventTime(events)).toBe(9e12);
    expect(latestEventTime([])).toBe(-Infinity);
  });
});
