import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  checkDataProductReferences,
  DataProductEntityV1alpha1,
  dataProductReferences,
  isDataProductEntity,
  normalizedEntityRef,
} from '@meshwork/plugin-data-products-common';
import {
  applicableChecks,
  checkContextOf,
  evaluateScorecard,
  Exemption,
  GovernancePolicy,
  RuntimeFindings,
  Scorecard,
} from '@meshwork/plugin-governance-common';

/**
 * A product's scorecard from what it references (owner, domain, input
 * products; by normalized ref), the global policies plus its domain's,
 * the exemptions in force and what lineage measured.
 */
export function scoreProduct(
  product: DataProductEntityV1alpha1,
  options: {
    related: Map<string, Entity>;
    policies: GovernancePolicy[];
    exemptions: Exemption[];
    runtime?: RuntimeFindings;
    now: Date;
    /**
     * The domain's own policy (`domainPolicy` reads it), or why it cannot be
     * read: the product is then scored under the global policies only.
     */
    policyOfDomain: (domain: Entity) => {
      policy?: GovernancePolicy;
      problem?: string;
    };
  },
): Scorecard {
  const { related, runtime, now } = options;
  const refs = dataProductReferences(product);
  const owner = related.get(normalizedEntityRef(refs.owner));
  const domain = related.get(normalizedEntityRef(refs.domain));
  const { policy: ownPolicy, problem } = domain
    ? options.policyOfDomain(domain)
    : {};
  const inputPortIssues = checkDataProductReferences(product, {
    lookup: ref => {
      const entity = related.get(ref);
      return (
        entity && {
          outputPorts: isDataProductEntity(entity)
            ? entity.spec.outputPorts.map(port => port.name)
            : undefined,
        }
      );
    },
    where: 'in the catalog',
    checkOwnerAndDomain: false,
  });
  const entityRef = stringifyEntityRef(product);
  const scorecard = evaluateScorecard({
    context: checkContextOf(product, { owner, inputPortIssues, runtime }),
    applicable: applicableChecks(
      product,
      ownPolicy ? [...options.policies, ownPolicy] : options.policies,
    ),
    // Already this product's; stored refs are lowercase.
    exemptions: options.exemptions.map(e => ({ ...e, entityRef })),
    now,
  });
  return problem ? { ...scorecard, problems: [problem] } : scorecard;
}
