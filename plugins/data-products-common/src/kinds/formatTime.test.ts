import { formatTime } from './formatTime';

describe('formatTime', () => {
  const at = '2026-03-01T04:10:00.000Z';

  it("is the reader's local time with their time zone named", () => {
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
      .formatToParts(new Date(at))
      .find(part => part.type === 'timeZoneName')?.value;
    expect(zone).toBeTruthy();
    expect(formatTime(at)).toBe(`${new Date(at).toLocaleString()} ${zone}`);
  });

  it('takes an ISO string, epoch milliseconds or a date alike', () => {
    expect(formatTime(Date.parse(at))).toBe(formatTime(at));
    expect(formatTime(new Date(at))).toBe(formatTime(at));
  });
});
