import type { Exemption } from '@meshwork/plugin-governance-common';

/** The exemptions in force, from somewhere other than the paths given. */
export type ExemptionLookup = () => Promise<Exemption[]>;

/**
 * Reads the exemptions in force from the governance backend of the Meshwork
 * backend at `baseUrl`, as `token`: the platform team grants them there, and
 * the merge gate must score a product as its scorecard does.
 */
export function exemptionLookup(
  baseUrl: string,
  token?: string,
): ExemptionLookup {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/governance/exemptions`;
  return async () => {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
    } catch (error) {
      throw new Error(
        `cannot read the exemptions at ${url}: ${(error as Error).message}`,
      );
    }
    if (!response.ok) {
      throw new Error(
        `cannot read the exemptions at ${url}: ${response.status} ${response.statusText}`,
      );
    }
    return (await response.json()) as Exemption[];
  };
}
