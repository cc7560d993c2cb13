/** Issues a message names at most; the rest are counted. */
const MAX_LISTED_ISSUES = 20;

/**
 * The first twenty issues, joined, and how many more: a product of
 * thousands of ports, or a contract or event of thousands of fields, may
 * have as many, and a message naming them all helps no one.
 */
export function someIssues(issues: string[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).join('; ');
  const rest = issues.length - MAX_LISTED_ISSUES;
  return rest > 0
    ? `${listed}; and ${rest} more ${rest === 1 ? 'issue' : 'issues'}`
    : listed;
}
