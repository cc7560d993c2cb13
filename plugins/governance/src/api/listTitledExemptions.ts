import type { StoredExemption } from '@meshwork/plugin-governance-common';
import type { GovernanceApi } from './GovernanceApi';

/** An exemption with the title of the check it waives. */
export type TitledExemption = StoredExemption & { checkTitle: string };

/**
 * The exemptions `query` selects, each with its check's title (its id when
 * the backend no longer knows the check), soonest expiry first.
 */
export async function listTitledExemptions(
  governanceApi: GovernanceApi,
  query: Parameters<GovernanceApi['listExemptions']>[0],
): Promise<TitledExemption[]> {
  const [exemptions, checks] = await Promise.all([
    governanceApi.listExemptions(query),
    governanceApi.listChecks(),
  ]);
  const titles = new Map(checks.map(check => [check.id, check.title]));
  return exemptions
    .map(exemption => ({
      ...exemption,
      checkTitle: titles.get(exemption.checkId) ?? exemption.checkId,
    }))
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}
