import { stringifyEntityRef } from '@backstage/catalog-model';
import { builtinChecks } from '../checks/builtinChecks';
import type { CheckContext, Severity } from '../checks/GovernanceCheck';
import type { Exemption, Level, Scorecard, ScorecardCheck } from './Scorecard';
import { utcMinute } from './utcMinute';

/** How much each severity weighs in the score. */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  error: 5,
  warning: 2,
  info: 1,
};

const ORDER = { fail: 0, unknown: 1, exempt: 2, pass: 3 };

/** A justification ends the clause it sits in, so its own final period goes. */
const withoutFinalPeriod = (text: string) => text.trim().replace(/\.+$/, '');

function levelOf(checks: ScorecardCheck[]): Level {
  const failed = (severity: Severity) =>
    checks.some(c => c.status === 'fail' && c.severity === severity);
  if (failed('error')) return 'none';
  if (failed('warning')) return 'bronze';
  if (failed('info')) return 'silver';
  return 'gold';
}

/**
 * Runs the applicable checks on one product. Checks that need runtime data
 * are skipped when `staticOnly` (CI); an exemption that has not expired turns
 * a failure into `exempt`. Level: gold when nothing fails, silver when only
 * info checks fail, bronze when no error check fails, none otherwise.
 */
export function evaluateScorecard(options: {
  context: CheckContext;
  applicable: Map<string, Severity>;
  exemptions?: Exemption[];
  now?: Date;
  staticOnly?: boolean;
}): Scorecard {
  const { context, applicable, exemptions = [], staticOnly } = options;
  const now = options.now ?? new Date();
  const entityRef = stringifyEntityRef(context.product);
  const checks: ScorecardCheck[] = [];
  for (const check of builtinChecks) {
    const severity = applicable.get(check.id);
    if (!severity || (staticOnly && check.runtime)) continue;
    const outcome = check.evaluate(context);
    const exemption = exemptions.find(
      e =>
        e.entityRef === entityRef &&
        e.checkId === check.id &&
        new Date(e.expiresAt) > now,
    );
    checks.push({
      id: check.id,
      title: check.title,
      category: check.category,
      severity,
      status:
        outcome.status === 'fail' && exemption ? 'exempt' : outcome.status,
      message:
        outcome.status === 'fail' && exemption
          ? `${outcome.message} Exempt until ${utcMinute(
              exemption.expiresAt,
            )} (${withoutFinalPeriod(exemption.justification)}; approved by ${
              exemption.approver
            }${
              exemption.createdBy &&
              exemption.createdBy.toLocaleLowerCase('en-US') !==
                exemption.approver.toLocaleLowerCase('en-US')
                ? `, granted by ${exemption.createdBy}`
                : ''
            }).`
          : outcome.message,
      remediation: check.remediation,
    });
  }
  const known = checks.filter(c => c.status !== 'unknown');
  const total = known.reduce((sum, c) => sum + SEVERITY_WEIGHTS[c.severity], 0);
  const earned = known
    .filter(c => c.status !== 'fail')
    .reduce((sum, c) => sum + SEVERITY_WEIGHTS[c.severity], 0);
  return {
    entityRef,
    score: total === 0 ? 100 : Math.round((100 * earned) / total),
    level: levelOf(checks),
    checks: checks.sort((a, b) => ORDER[a.status] - ORDER[b.status]),
    evaluatedAt: now.toISOString(),
  };
}
