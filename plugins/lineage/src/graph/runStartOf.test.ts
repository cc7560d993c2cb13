import { runStartOf } from './runStartOf';

describe('runStartOf', () => {
  const at = (minute: number) =>
    new Date(Date.UTC(2026, 2, 2, 5, minute)).toISOString();

  it('takes the START event, else an earlier first event, else nothing', () => {
    expect(
      runStartOf({ startedAt: at(1), firstEventAt: at(0), endedAt: at(9) }),
    ).toBe(at(1));
    expect(runStartOf({ firstEventAt: at(2), endedAt: at(9) })).toBe(at(2));
    expect(runStartOf({ firstEventAt: at(2) })).toBe(at(2));
    expect(runStartOf({ firstEventAt: at(9), endedAt: at(9) })).toBeUndefined();
  });
});
