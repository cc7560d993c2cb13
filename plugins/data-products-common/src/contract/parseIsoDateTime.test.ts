import { parseIsoDateTime } from './parseIsoDateTime';

describe('parseIsoDateTime', () => {
  it.each([
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
    ['2024-06-01T12:00', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01T12:00:00', '2024-06-01T12:00:00.000Z'],
    ['2024-06-01 12:00:00+10:00', '2024-06-01T02:00:00.000Z'],
    ['2024-06-01T12:00:00-0530', '2024-06-01T17:30:00.000Z'],
    ['2024-06-01T12:00:00.123456789z', '2024-06-01T12:00:00.123Z'],
    ['0099-12-31', '0099-12-31T00:00:00.000Z'],
  ])('reads %s as %s, whatever the time zone', (text, instant) => {
    expect(parseIsoDateTime(text)).toBe(Date.parse(instant));
  });

  it.each([
    '100',
    '50',
    'June 1, 2024',
    '01/06/2024',
    '2024-02-30',
    '2024-06-01T24:00',
    '2024-06-01T12:60',
    '2024-06-01T12:00:00+24:00',
    '2024-06-01Z',
    '',
  ])('reads %j as no date', text => {
    expect(parseIsoDateTime(text)).toBeUndefined();
  });
});
