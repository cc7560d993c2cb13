import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { builtinCheckIds } from '../checks/builtinChecks';
import { severities, Severity } from '../checks/GovernanceCheck';
import type { GovernancePolicy } from './GovernancePolicy';

/** Annotation on a Domain: `check-id[:severity], …` for its own products. */
export const DOMAIN_POLICY_ANNOTATION = 'meshwork.dev/governance-checks';

/**
 * A domain's own policy, read from its annotation, e.g.
 * `runbook-present:error, freshness-slo-declared`. It applies to the domain's
 * products on top of the global policies and can only add or strengthen.
 */
export function domainPolicy(domain: Entity): GovernancePolicy | undefined {
  const text = domain.metadata.annotations?.[DOMAIN_POLICY_ANNOTATION];
  if (!text?.trim()) {
    return undefined;
  }
  const name = `domain ${domain.metadata.name}`;
  const parts = text
    .split(',')
    .map(part => part.trim())
    .filter(Boolean);
  const checks = parts.map(part => {
    const colon = part.indexOf(':');
    const id = (colon < 0 ? part : part.slice(0, colon)).trim();
    // Empty (`check:`) or holding another colon is a bad severity, never none.
    const severity = colon < 0 ? undefined : part.slice(colon + 1).trim();
    if (!builtinCheckIds.includes(id)) {
      throw new Error(
        `${name}: ${DOMAIN_POLICY_ANNOTATION}: unknown check "${id}" (known checks: ${builtinCheckIds.join(
          ', ',
        )})`,
      );
    }
    if (severity !== undefined && !severities.includes(severity as Severity)) {
      throw new Error(
        `${name}: ${DOMAIN_POLICY_ANNOTATION}: severity of "${id}" must be one of ${severities.join(
          ', ',
        )} (got "${severity}")`,
      );
    }
    return { id, severity: severity as Severity | undefined };
  });
  // Read silently, the stronger severity would win: say which, so the
  // domain team settles it.
  const ids = checks.map(check => check.id);
  const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (repeated.length) {
    throw new Error(
      `${name}: ${DOMAIN_POLICY_ANNOTATION}: ${repeated
        .map(
          id =>
            `check "${id}" is named more than once (${parts
              .filter((_, i) => checks[i].id === id)
              .map(part => JSON.stringify(part))
              .join(', ')})`,
        )
        .join('; ')}; a policy names each check once`,
    );
  }
  // Its own products only: another namespace may have a domain of its name.
  return {
    name,
    filter: {
      domain: stringifyEntityRef({
        kind: 'domain',
        namespace: domain.metadata.namespace,
        name: domain.metadata.name,
      }),
    },
    checks,
  };
}
