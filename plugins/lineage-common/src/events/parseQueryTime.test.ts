import { parseQueryTime } from './parseQueryTime';

describe('parseQueryTime', () => {
  it('reads dates and date-times as a query string brings them', () => {
    const june = Date.parse('2024-06-01T00:00:00Z');
    for (const text of [
      '2024-06-01',
      '2024-06-01T00:00',
      '2024-06-01T00:00Z',
      '2024-06-01t00:00:00z',
      '2024-06-01T02:00:00+0200',
      '2024-06-01T02:00:00 02:00',
      '2024-06-01 00:00',
    ]) {
      expect([text, parseQueryTime(text)]).toEqual([text, june]);
    }
  });

  it('reads nothing from what names no instant of a real day', () => {
    for (const text of [
      '1',
      'foo 2024',
      '2024-02-30',
      '2023-02-29T00:00Z',
      '',
    ]) {
      expect([text, parseQueryTime(text)]).toEqual([text, undefined]);
    }
  });
});
