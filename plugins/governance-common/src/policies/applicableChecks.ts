import type { DataProductEntityV1alpha1 } from '@meshwork/plugin-data-products-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { builtinChecks } from '../checks/builtinChecks';
import { severities, Severity } from '../checks/GovernanceCheck';
import {
  type GovernancePolicy,
  type PolicyFilter,
  policyDomainRef,
} from './GovernancePolicy';

const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : ([] as T[]).concat(value);

function matches(
  product: DataProductEntityV1alpha1,
  filter: PolicyFilter | undefined,
): boolean {
  if (!filter) return true;
  // Entity names are matched ignoring case, as the catalog matches refs.
  const lower = (value: unknown) => String(value).toLocaleLowerCase('en-US');
  // The product's domain, in the product's namespace as the catalog reads it.
  const domain = parseEntityRef(product.spec.domain, {
    defaultKind: 'domain',
    defaultNamespace: product.metadata.namespace ?? 'default',
  });
  const isDomain = (value: unknown) => {
    const wanted = policyDomainRef(String(value));
    return (
      lower(wanted.name) === lower(domain.name) &&
      (wanted.namespace === undefined ||
        lower(wanted.namespace) === lower(domain.namespace))
    );
  };
  const tests: Array<[unknown[] | undefined, (v: unknown) => boolean]> = [
    [list(filter.tier), v => v === product.spec.tier],
    [list(filter.lifecycle), v => v === product.spec.lifecycle],
    [list(filter.type), v => v === product.spec.type],
    [list(filter.domain), isDomain],
    [
      list(filter.tag),
      v => (product.metadata.tags ?? []).includes(v as string),
    ],
  ];
  return tests.every(([values, test]) => !values || values.some(test));
}

/**
 * The checks that apply to a product and the severity of each: every policy
 * whose filter selects it contributes its checks, and where two policies name
 * the same check the stronger severity wins, so a domain's policy can add or
 * strengthen checks but never weaken a global one.
 */
export function applicableChecks(
  product: DataProductEntityV1alpha1,
  policies: GovernancePolicy[],
): Map<string, Severity> {
  const result = new Map<string, Severity>();
  for (const policy of policies.filter(p => matches(product, p.filter))) {
    for (const { id, severity } of policy.checks) {
      const wanted =
        severity ?? builtinChecks.find(check => check.id === id)!.severity;
      const current = result.get(id);
      if (
        !current ||
        severities.indexOf(wanted) > severities.indexOf(current)
      ) {
        result.set(id, wanted);
      }
    }
  }
  return result;
}
