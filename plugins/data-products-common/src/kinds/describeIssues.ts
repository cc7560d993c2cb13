import { someIssues } from './someIssues';

/** What a parser such as zod reports of one problem: where, and what. */
export interface ParseIssue {
  /** Keys from the root to the value: `['entityRefs', 2]`. */
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly code?: string;
  /** The value refused; zod reports it only when parsing with `reportInput`. */
  readonly input?: unknown;
}

/**
 * `field: message; field: message` for a parser's issues, each named by its
 * path as other Meshwork messages name fields (`entityRefs[2]`), under
 * `prefix` if given. A missing field is said to be required where the
 * parser reported the input (zod's `reportInput`): without it, a missing
 * value is not told from one of the wrong type.
 */
export function describeIssues(
  issues: ReadonlyArray<ParseIssue>,
  prefix = '',
): string {
  return someIssues(
    issues.map(issue => {
      let path = prefix;
      for (const key of issue.path) {
        if (typeof key === 'number') {
          path += `[${key}]`;
        } else {
          path += `${path ? '.' : ''}${String(key)}`;
        }
      }
      const missing =
        issue.code === 'invalid_type' &&
        'input' in issue &&
        issue.input === undefined;
      return `${path || '(body)'}: ${missing ? 'is required' : issue.message}`;
    }),
  );
}
