import { toError } from '@backstage/errors';
import type { GovernanceApi } from './GovernanceApi';

/** The checks' titles, or why there are none. */
export type CheckTitles = {
  /**
   * The check's title, or its id: a check the backend no longer lists still
   * deserves a row.
   */
  titleOf: (checkId: string) => string;
  /** Why `GET /checks` failed, if it did. */
  error?: Error;
};

/**
 * The checks' titles. They only label rows, so when they fail to load the
 * rows show check ids and say why, rather than not showing at all.
 */
export async function loadCheckTitles(
  governanceApi: GovernanceApi,
): Promise<CheckTitles> {
  try {
    const checks = await governanceApi.listChecks();
    const titles = new Map(checks.map(check => [check.id, check.title]));
    return { titleOf: checkId => titles.get(checkId) ?? checkId };
  } catch (error) {
    return { titleOf: checkId => checkId, error: toError(error) };
  }
}
