import type { Severity } from '../checks/GovernanceCheck';
import type { Level, Scorecard } from './Scorecard';

/**
 * What each level means, for a legend: the level is set by the strongest
 * severity that fails, not by the score, and "none" is a level, not a
 * product left unscored.
 */
export const LEVEL_MEANINGS: Record<Level, string> = {
  gold: 'no check fails',
  silver: 'only checks of severity info fail',
  bronze: 'a check of severity warning fails, none of severity error',
  none: 'a check of severity error fails, whatever the score',
};

/** The severity whose failures set each level below gold. */
const LEVEL_SEVERITY: Record<Exclude<Level, 'gold'>, Severity> = {
  none: 'error',
  bronze: 'warning',
  silver: 'info',
};

/**
 * Why a scorecard has its level, naming the failing checks that set it,
 * e.g. "none: a check of severity error fails (Fresh within its SLO)".
 * Exempt checks do not fail, so they are not named.
 */
export function describeLevel(
  scorecard: Pick<Scorecard, 'level' | 'checks'>,
): string {
  const { level, checks } = scorecard;
  if (level === 'gold') return `gold: ${LEVEL_MEANINGS.gold}`;
  const severity = LEVEL_SEVERITY[level];
  const titles = checks
    .filter(check => check.status === 'fail' && check.severity === severity)
    .map(check => check.title);
  const failing =
    titles.length === 1
      ? `a check of severity ${severity} fails`
      : `${titles.length} checks of severity ${severity} fail`;
  const rest = {
    none: '',
    bronze: ', none of severity error',
    silver: ', none stronger',
  }[level];
  return `${level}: ${failing} (${titles.join(', ')})${rest}`;
}
