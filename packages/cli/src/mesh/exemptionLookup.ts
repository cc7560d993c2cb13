import type { Exemption } from '@meshwork/plugin-governance-common';
import { fetchBackendJson } from './fetchBackendJson';

/** The exemptions in force, from somewhere other than the paths given. */
export type ExemptionLookup = () => Promise<Exemption[]>;

const isText = (value: unknown) => typeof value === 'string';

/** Whether `value` is an exemption as the scorecard reads one. */
function isExemption(value: unknown): value is Exemption {
  const exemption = value as Record<string, unknown> | null;
  return (
    typeof exemption === 'object' &&
    exemption !== null &&
    ['entityRef', 'checkId', 'justification', 'approver', 'expiresAt'].every(
      field => isText(exemption[field]),
    ) &&
    (exemption.createdBy === undefined || isText(exemption.createdBy))
  );
}

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
  return () =>
    fetchBackendJson(url, {
      what: 'the exemptions',
      token,
      expected:
        'a JSON list of exemptions, each with entityRef, checkId, justification, approver and expiresAt',
      accepts: (answer): answer is Exemption[] =>
        Array.isArray(answer) && answer.every(isExemption),
    });
}
