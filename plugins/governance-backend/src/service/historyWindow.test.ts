import { execFileSync } from 'child_process';
import { historyWindow } from './historyWindow';

const NOW = Date.parse('2024-07-01T00:00:00Z');

/** The message a window of `query` is refused with. */
function refusal(query: { from?: unknown; to?: unknown }): string {
  try {
    historyWindow(query, NOW);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the window was not refused');
}

describe('historyWindow', () => {
  it('reads ISO 8601 dates and times, those without a zone as UTC, whatever the server is set to', () => {
    // A process of its own: the time zone is read as a process starts.
    const script = `
      const { historyWindow } = require('./historyWindow.ts');
      console.log(JSON.stringify(historyWindow(
        { from: '2024-06-01', to: '2024-06-02T02:00:00+02:00' },
      )));`;
    const window = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: __dirname,
        env: { ...process.env, TZ: 'Europe/Berlin' },
      }).toString(),
    );
    expect(window).toEqual({
      from: Date.parse('2024-06-01T00:00:00Z'),
      to: Date.parse('2024-06-02T00:00:00Z'),
    });
    expect(historyWindow({ from: '2024-06-01T00:30' }, NOW).from).toBe(
      Date.parse('2024-06-01T00:30:00Z'),
    );
    expect(historyWindow({}, NOW)).toEqual({
      from: NOW - 30 * 86_400_000 + 1,
      to: NOW,
    });
  });

  it('reads a date alone as `to` through the end of that UTC day, a date-time as given', () => {
    expect(
      historyWindow({ from: '2024-06-30', to: '2024-06-30' }, NOW),
    ).toEqual({
      from: Date.parse('2024-06-30T00:00:00Z'),
      to: Date.parse('2024-06-30T23:59:59.999Z'),
    });
    // Its 30 days, June's, and nothing of May's last day.
    expect(historyWindow({ to: '2024-06-30' }, NOW)).toEqual({
      from: Date.parse('2024-06-01T00:00:00Z'),
      to: Date.parse('2024-06-30T23:59:59.999Z'),
    });
    expect(historyWindow({ to: '2024-06-30T00:00:00Z' }, NOW).to).toBe(
      Date.parse('2024-06-30T00:00:00Z'),
    );
    expect(historyWindow({ to: '2024-06-30T12:00' }, NOW).to).toBe(
      Date.parse('2024-06-30T12:00:00Z'),
    );
    // A day after `to`'s is still after it.
    expect(refusal({ from: '2024-07-01', to: '2024-06-30' })).toMatch(
      /^from: expected a time no later than to \(got "2024-07-01", to 2024-06-30T23:59:59.999Z\)$/,
    );
  });

  it('refuses what is not a time of a real day, naming the parameter', () => {
    for (const [name, text] of [
      ['from', '1'],
      ['from', 'foo 2024'],
      ['to', '2024-02-30T00:00:00Z'],
      ['to', '2023-02-29T00:00:00Z'],
      ['from', 'yesterday'],
      ['from', '2024-02-30'],
    ]) {
      expect(refusal({ [name]: text })).toBe(
        `${name}: expected an ISO 8601 date or date-time such as 2024-06-01 or 2024-06-01T00:00:00Z (got ${JSON.stringify(
          text,
        )})`,
      );
    }
    expect(refusal({ to: ['2024-06-01T00:00:00Z'] })).toMatch(
      /^to: expected an ISO 8601 date or date-time/,
    );
  });
});
