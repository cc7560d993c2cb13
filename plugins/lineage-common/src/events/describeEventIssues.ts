import type { EventValidationIssue } from './parseOpenLineageEvent';

/** Issues a refusal's message names at most; all stay in its `issues`. */
const MAX_DESCRIBED_ISSUES = 20;

/**
 * `path: message; path: message` for the first 20 issues of an event, and
 * how many more. Kept here rather than using data-products-common's
 * `someIssues`: parser threads load this package, and that one compiles
 * its JSON schemas as it loads.
 */
export function describeEventIssues(issues: EventValidationIssue[]): string {
  const described = issues
    .slice(0, MAX_DESCRIBED_ISSUES)
    .map(issue => `${issue.path || '(event)'}: ${issue.message}`)
    .join('; ');
  const rest = issues.length - MAX_DESCRIBED_ISSUES;
  return rest > 0
    ? `${described}; and ${rest} more ${rest === 1 ? 'issue' : 'issues'}`
    : described;
}
