import type { StoredExemption } from '@meshwork/plugin-governance-common';
import type { GovernanceApi } from './GovernanceApi';
import { loadCheckTitles } from './loadCheckTitles';

/** An exemption with the title of the check it waives. */
export type TitledExemption = StoredExemption & { checkTitle: string };

/** When an exemption stopped holding: on revocation, else on expiry. */
const endOf = (exemption: StoredExemption) =>
  Date.parse(exemption.revokedAt ?? exemption.expiresAt);

/**
 * Active exemptions first, soonest expiry first, as what may soon need
 * renewing; then the expired and revoked, the latest to end first.
 */
function inForceFirst(a: StoredExemption, b: StoredExemption): number {
  const aActive = a.state === 'active';
  if (aActive !== (b.state === 'active')) return aActive ? -1 : 1;
  return aActive ? endOf(a) - endOf(b) : endOf(b) - endOf(a);
}

/**
 * The exemptions `query` selects, each with its check's title (its id when
 * the backend no longer knows the check, or titles failed to load, and then
 * `titlesError` says why), active ones first.
 */
export async function listTitledExemptions(
  governanceApi: GovernanceApi,
  query: Parameters<GovernanceApi['listExemptions']>[0],
): Promise<{ exemptions: TitledExemption[]; titlesError?: Error }> {
  const [exemptions, titles] = await Promise.all([
    governanceApi.listExemptions(query),
    loadCheckTitles(governanceApi),
  ]);
  return {
    exemptions: exemptions
      .map(exemption => ({
        ...exemption,
        checkTitle: titles.titleOf(exemption.checkId),
      }))
      .sort(inForceFirst),
    titlesError: titles.error,
  };
}
