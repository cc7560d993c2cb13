import { execFileSync } from 'child_process';
import { shiftNominalTime } from './shiftNominalTime';

const HOUR = 3_600_000;

describe('shiftNominalTime', () => {
  it('moves the scheduled start and end, keeping the other facets', () => {
    const parent = { run: { runId: 'r' } };
    expect(
      shiftNominalTime(
        {
          parent,
          nominalTime: {
            _producer: 'p',
            nominalStartTime: '2026-11-01T06:00:00+02:00',
            nominalEndTime: '2026-11-01T05:00:00Z',
          },
        },
        -2 * HOUR,
      ),
    ).toEqual({
      parent,
      nominalTime: {
        _producer: 'p',
        nominalStartTime: '2026-11-01T02:00:00.000Z',
        nominalEndTime: '2026-11-01T03:00:00.000Z',
      },
    });
  });

  it('reads a scheduled time with no offset as UTC, whatever the server is set to', () => {
    // A process of its own: the time zone is read as a process starts.
    const script = `
      const { shiftNominalTime } = require('./shiftNominalTime.ts');
      console.log(JSON.stringify({
        local: new Date('2026-11-18T06:00:00').toISOString(),
        shifted: shiftNominalTime(
          { nominalTime: { nominalStartTime: '2026-11-18T06:00:00' } },
          3600000,
        ).nominalTime.nominalStartTime,
      }));`;
    const answer = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: __dirname,
        env: { ...process.env, TZ: 'Europe/Berlin' },
      }).toString(),
    );
    // The server's zone is not UTC there: read as local, it is an hour off.
    expect(answer).toEqual({
      local: '2026-11-18T05:00:00.000Z',
      shifted: '2026-11-18T07:00:00.000Z',
    });
  });

  it('leaves facets without a readable scheduled time as they are', () => {
    expect(shiftNominalTime(undefined, HOUR)).toBeUndefined();
    expect(shiftNominalTime({ other: 1 }, HOUR)).toEqual({ other: 1 });
    expect(shiftNominalTime({ nominalTime: ['x'] }, HOUR)).toEqual({
      nominalTime: ['x'],
    });
    expect(
      shiftNominalTime(
        { nominalTime: { nominalStartTime: 'soon', nominalEndTime: 5 } },
        HOUR,
      ),
    ).toEqual({ nominalTime: { nominalStartTime: 'soon', nominalEndTime: 5 } });
  });
});
