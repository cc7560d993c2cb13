import { parseEventTime } from './parseEventTime';

describe('parseEventTime', () => {
  it.each([
    ['2024-08-06T13:26:49.98Z', Date.UTC(2024, 7, 6, 13, 26, 49, 980)],
    [
      '2024-11-26T13:05:23.809955+00:00',
      Date.UTC(2024, 10, 26, 13, 5, 23, 809),
    ],
    ['2024-11-26T15:05:23+02:00', Date.UTC(2024, 10, 26, 13, 5, 23)],
    ['2024-11-26T13:05:23.123456789Z', Date.UTC(2024, 10, 26, 13, 5, 23, 123)],
    ['2024-11-26T13:05:23', Date.UTC(2024, 10, 26, 13, 5, 23)],
    ['2024-11-26T08:05:23-0500', Date.UTC(2024, 10, 26, 13, 5, 23)],
    [
      '0050-01-01T00:00:00Z',
      Date.UTC(2050, 0, 1) - 2000 * 365.2425 * 86_400_000,
    ],
    ['2016-12-31T23:59:60Z', Date.UTC(2016, 11, 31, 23, 59, 59, 999)],
    ['2016-12-31T18:59:60.5-05:00', Date.UTC(2016, 11, 31, 23, 59, 59, 999)],
  ])('reads %s', (text, expected) => {
    expect(parseEventTime(text)).toBe(expected);
  });

  it.each(['yesterday', '2024-02-30T00:00:00Z', '2024-11-26T25:00:00Z', ''])(
    'refuses %p',
    text => {
      expect(parseEventTime(text)).toBeUndefined();
    },
  );
});
