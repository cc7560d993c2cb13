import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  checkDataProductReferences,
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
  dataProductReferences,
  isDataProductEntity,
  normalizedEntityRef,
} from '@meshwork/plugin-data-products-common';
import {
  applicableChecks,
  checkContextOf,
  domainPolicy,
  evaluateScorecard,
  GovernancePolicy,
} from '@meshwork/plugin-governance-common';
import { StoredScorecard } from '../store/ScorecardStore';

const refOf = (entity: Entity) =>
  normalizedEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace,
    name: entity.metadata.name,
  });

/**
 * Scores data products as the catalog holds them, under the global policies
 * and each product's domain policy. Checks that need runtime lineage are
 * reported unknown.
 */
export class ProductScorecards {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      policies: GovernancePolicy[];
    },
  ) {}

  /** Every product in the catalog. */
  async evaluateAll(now = new Date()): Promise<StoredScorecard[]> {
    const products = (await this.readAll({ kind: DATA_PRODUCT_KIND })).filter(
      isDataProductEntity,
    );
    const related = await this.readAll({ kind: ['Group', 'Domain'] });
    return this.evaluate(products, [...products, ...related], now);
  }

  /** A product that may not be in the catalog (a dry run), against it. */
  async evaluateOne(
    product: DataProductEntityV1alpha1,
    now = new Date(),
  ): Promise<StoredScorecard> {
    const refs = dataProductReferences(product);
    const wanted = [
      refs.owner,
      refs.domain,
      ...refs.upstreams.map(u => u.target.productRef),
    ].map(ref => (typeof ref === 'string' ? ref : normalizedEntityRef(ref)));
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: wanted },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const known = items.filter((item): item is Entity => Boolean(item));
    return this.evaluate([product], known, now)[0];
  }

  private evaluate(
    products: DataProductEntityV1alpha1[],
    entities: Entity[],
    now: Date,
  ): StoredScorecard[] {
    const byRef = new Map(entities.map(entity => [refOf(entity), entity]));
    return products.map(product => {
      const refs = dataProductReferences(product);
      const owner = byRef.get(normalizedEntityRef(refs.owner));
      const domain = byRef.get(normalizedEntityRef(refs.domain));
      const ownPolicy = domain && domainPolicy(domain);
      const policies = ownPolicy
        ? [...this.options.policies, ownPolicy]
        : this.options.policies;
      const inputPortIssues = checkDataProductReferences(product, {
        lookup: ref => {
          const entity = byRef.get(ref);
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
      const scorecard = evaluateScorecard({
        context: checkContextOf(product, { owner, inputPortIssues }),
        applicable: applicableChecks(product, policies),
        now,
      });
      return {
        ...scorecard,
        domain: normalizedEntityRef(refs.domain),
        owner: normalizedEntityRef(refs.owner),
      };
    });
  }

  private async readAll(filter: Record<string, string | string[]>) {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const items: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor ? { cursor, limit: 500 } : { filter, limit: 500 },
        { credentials },
      );
      items.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return items;
  }
}
