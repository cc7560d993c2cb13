import type { ScorecardCheck } from './Scorecard';
import { describeLevel } from './describeLevel';

const check = (
  title: string,
  severity: ScorecardCheck['severity'],
  status: ScorecardCheck['status'],
): ScorecardCheck => ({
  id: title.toLowerCase().replace(/ /g, '-'),
  title,
  category: 'reliability',
  severity,
  status,
  message: '',
  remediation: '',
});

describe('describeLevel', () => {
  it('names the failing error check that makes a high score none', () => {
    expect(
      describeLevel({
        level: 'none',
        checks: [
          check('Fresh within its SLO', 'error', 'fail'),
          check('Has a description', 'warning', 'fail'),
          check('Volume within band', 'error', 'pass'),
        ],
      }),
    ).toBe('none: a check of severity error fails (Fresh within its SLO)');
  });

  it('counts several failing checks of the deciding severity', () => {
    expect(
      describeLevel({
        level: 'bronze',
        checks: [
          check('Has a description', 'warning', 'fail'),
          check('Has support', 'warning', 'fail'),
          check('Has tags', 'info', 'fail'),
        ],
      }),
    ).toBe(
      'bronze: 2 checks of severity warning fail (Has a description, Has support), none of severity error',
    );
  });

  it('leaves exempt checks out, and says gold when nothing fails', () => {
    expect(
      describeLevel({
        level: 'silver',
        checks: [
          check('Has tags', 'info', 'fail'),
          check('Fresh within its SLO', 'error', 'exempt'),
        ],
      }),
    ).toBe('silver: a check of severity info fails (Has tags), none stronger');
    expect(
      describeLevel({
        level: 'gold',
        checks: [check('Fresh within its SLO', 'error', 'exempt')],
      }),
    ).toBe('gold: no check fails');
  });
});
