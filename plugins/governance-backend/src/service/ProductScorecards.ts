import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_PRODUCT_KIND,
  DataProductEntityV1alpha1,
  dataProductReferences,
  isDataProductEntity,
  normalizedEntityRef,
} from '@meshwork/plugin-data-products-common';
import {
  domainPolicy,
  GovernancePolicy,
  Scorecard,
  StoredExemption,
} from '@meshwork/plugin-governance-common';
import { ExemptionStore } from '../store/ExemptionStore';
import { StoredScorecard } from '../store/ScorecardStore';
import { LineageFindings } from './LineageFindings';
import { scoreProduct } from './scoreProduct';
import { inputRelationsOf, sourceHashOf } from './sourceHashOf';

const PAGE_SIZE = 500;
const VERSION_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];

const refOf = (entity: Entity) =>
  normalizedEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace,
    name: entity.metadata.name,
  });

/** The entities a product's checks read, by normalized ref. */
type Related = Map<string, Entity>;

/**
 * Scores data products as the catalog holds them, under the global policies
 * and each product's domain policy, with their exemptions in force and what
 * the lineage backend measured.
 */
export class ProductScorecards {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      policies: GovernancePolicy[];
      exemptions: ExemptionStore;
      lineage: LineageFindings;
      logger: LoggerService;
    },
  ) {}

  /** Problems with domains' policies already logged, so each is logged once. */
  private readonly loggedPolicyProblems = new Set<string>();

  /**
   * A domain's own policy; none, with the problem its products' scorecards
   * show (and a warning logged), when its annotation cannot be read: one
   * domain's typo must not stop every product being scored.
   */
  private readonly policyOfDomain = (
    domain: Entity,
  ): { policy?: GovernancePolicy; problem?: string } => {
    try {
      return { policy: domainPolicy(domain) };
    } catch (error) {
      const problem = `${
        error instanceof Error ? error.message : error
      }; its products are scored under the global policies only`;
      if (!this.loggedPolicyProblems.has(problem)) {
        this.loggedPolicyProblems.add(problem);
        this.options.logger.warn(problem);
      }
      return { problem };
    }
  };

  /**
   * Every product in the catalog; `unscored`, those lineage has no findings
   * for while it fails (see LineageFindings), whose stored scorecards stand.
   * Of the `stored` products (scored before), those a paged read missed are
   * read by ref: a complete pass takes every product it does not return as
   * missing from the catalog, and removal revokes exemptions for good. Those
   * `departed` (missing, their removal not yet due) are not: the list shows
   * their return.
   */
  async evaluateAll(
    now = new Date(),
    stored: Iterable<string> = [],
    departed: ReadonlySet<string> = new Set(),
  ): Promise<{ scorecards: StoredScorecard[]; unscored: string[] }> {
    const products = (await this.readAll({ kind: DATA_PRODUCT_KIND })).filter(
      isDataProductEntity,
    );
    const listed = new Set(products.map(refOf));
    products.push(
      ...(
        await this.readRefs(
          [...stored].filter(ref => !listed.has(ref) && !departed.has(ref)),
        )
      ).filter(isDataProductEntity),
    );
    const related = await this.readAll({ kind: ['Group', 'Domain'] });
    const byRef = new Map([...products, ...related].map(e => [refOf(e), e]));
    for (const entity of await this.readRefs(
      missingRefs(products.flatMap(relatedRefsOf), byRef),
    )) {
      byRef.set(refOf(entity), entity);
    }
    const scorecards = await this.evaluate(products, byRef, now);
    const scored = new Set(scorecards.map(card => card.entityRef));
    return {
      scorecards,
      unscored: products.map(refOf).filter(ref => !scored.has(ref)),
    };
  }

  /**
   * The products whose fingerprint differs from `known` (new, edited, or
   * whose owner, domain, upstreams or exemptions changed), those no longer
   * in the catalog that were scored or have exemptions in force, and those
   * `present` in it. Reads only versions. Those `departed` (missing, their
   * removal not yet due) are not read by ref: the list shows their return.
   */
  async changedSince(
    known: Map<string, string>,
    now = new Date(),
    departed: ReadonlySet<string> = new Set(),
  ): Promise<{ changed: string[]; removed: string[]; present: string[] }> {
    const products = await this.readAll({ kind: DATA_PRODUCT_KIND }, [
      ...VERSION_FIELDS,
      'relations',
    ]);
    const others = await this.readAll({ kind: ['Group', 'Domain'] }, [
      ...VERSION_FIELDS,
    ]);
    const etags = new Map(
      [...products, ...others].map(e => [refOf(e), e.metadata.etag]),
    );
    // Owners of other kinds (a User), read by ref as the passes read them.
    for (const entity of await this.readRefs(
      missingRefs(
        products.flatMap(p => inputRelationsOf(p).map(({ ref }) => ref)),
        etags,
      ),
      VERSION_FIELDS,
    )) {
      etags.set(refOf(entity), entity.metadata.etag);
    }
    const exemptions = await this.exemptionsByProduct(now);
    const changed = products
      .filter(product => {
        const hash = sourceHashOf(
          product,
          ref => etags.get(ref),
          (exemptions.get(refOf(product)) ?? []).map(e => e.id),
        );
        return known.get(refOf(product)) !== hash;
      })
      .map(refOf);
    const present = new Set(products.map(refOf));
    // A product never scored (lineage down since it came, say) has no
    // scorecard, but its exemptions in force still end with it.
    const unlisted = [
      ...new Set([...known.keys(), ...exemptions.keys()]),
    ].filter(ref => !present.has(ref));
    // Removal revokes exemptions for good: a product a paged read missed
    // is gone only if a read by its ref finds nothing either. One already
    // missing is read so only once its removal is due: every few seconds
    // for the grace period, each would be read thousands of times.
    const found = new Set(
      (
        await this.readRefs(
          unlisted.filter(ref => !departed.has(ref)),
          VERSION_FIELDS,
        )
      ).map(refOf),
    );
    return {
      changed,
      removed: unlisted.filter(ref => !found.has(ref)),
      present: [...present, ...found],
    };
  }

  /** These products (normalized refs), as the catalog holds them now. */
  async evaluateRefs(
    entityRefs: string[],
    now = new Date(),
  ): Promise<StoredScorecard[]> {
    if (entityRefs.length === 0) return [];
    const products = (await this.readRefs(entityRefs)).filter(
      isDataProductEntity,
    );
    const wanted = new Set(
      products.flatMap(product => [
        ...relatedRefsOf(product),
        ...(product.relations ?? []).map(r =>
          r.targetRef.toLocaleLowerCase('en-US'),
        ),
      ]),
    );
    const related = await this.readRefs([...wanted]);
    return this.evaluate(
      products,
      new Map([...products, ...related].map(e => [refOf(e), e])),
      now,
    );
  }

  /** Whether the catalog holds this data product. */
  async exists(entityRef: string): Promise<boolean> {
    return (await this.readRefs([entityRef])).some(isDataProductEntity);
  }

  /** Whether the catalog holds this user or group (an approver). */
  async isUserOrGroup(entityRef: string): Promise<boolean> {
    return (await this.readRefs([entityRef], ['kind'])).some(entity =>
      ['user', 'group'].includes(entity.kind.toLocaleLowerCase('en-US')),
    );
  }

  /**
   * A product that may not be in the catalog (a dry run), against it, with
   * its exemptions in force; runtime checks are not measured for a draft.
   * Of the products it names and its own exemptions, only those of products
   * the caller may read (`canRead`) count: others are not there for it.
   */
  async evaluateDraft(
    product: DataProductEntityV1alpha1,
    canRead: (entityRef: string) => boolean = () => true,
    now = new Date(),
  ): Promise<Scorecard> {
    const related = (await this.readRefs(relatedRefsOf(product))).filter(
      entity => !isDataProductEntity(entity) || canRead(refOf(entity)),
    );
    const exemptions = canRead(refOf(product))
      ? await this.options.exemptions.list(now.getTime(), {
          entityRefs: [refOf(product)],
        })
      : [];
    return scoreProduct(product, {
      related: new Map(related.map(e => [refOf(e), e])),
      policies: this.options.policies,
      exemptions,
      now,
      policyOfDomain: this.policyOfDomain,
    });
  }

  private async evaluate(
    products: DataProductEntityV1alpha1[],
    related: Related,
    now: Date,
  ): Promise<StoredScorecard[]> {
    const exemptions = await this.exemptionsByProduct(now);
    const findings = await this.options.lineage.of(products.map(refOf));
    // Lineage down, and nothing measured for these since start-up: they
    // keep their stored scorecards.
    const measured = products.filter(product => findings.has(refOf(product)));
    const etagOf = (ref: string) => related.get(ref)?.metadata.etag;
    return measured.map(product => {
      const own = exemptions.get(refOf(product)) ?? [];
      const refs = dataProductReferences(product);
      return {
        ...scoreProduct(product, {
          related,
          policies: this.options.policies,
          exemptions: own,
          runtime: findings.get(refOf(product)),
          now,
          policyOfDomain: this.policyOfDomain,
        }),
        entityRef: refOf(product),
        domain: normalizedEntityRef(refs.domain),
        owner: normalizedEntityRef(refs.owner),
        sourceHash: sourceHashOf(
          product,
          etagOf,
          own.map(e => e.id),
        ),
      };
    });
  }

  /** Exemptions in force, by normalized product ref. */
  private async exemptionsByProduct(now: Date) {
    const byProduct = new Map<string, StoredExemption[]>();
    for (const exemption of await this.options.exemptions.list(now.getTime())) {
      const ref = exemption.entityRef.toLocaleLowerCase('en-US');
      byProduct.set(ref, [...(byProduct.get(ref) ?? []), exemption]);
    }
    return byProduct;
  }

  private async readRefs(
    entityRefs: string[],
    fields?: string[],
  ): Promise<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const items: Entity[] = [];
    for (let i = 0; i < entityRefs.length; i += PAGE_SIZE) {
      const page = await this.options.catalog.getEntitiesByRefs(
        { entityRefs: entityRefs.slice(i, i + PAGE_SIZE), fields },
        { credentials },
      );
      items.push(...page.items.filter((e): e is Entity => Boolean(e)));
    }
    return items;
  }

  private async readAll(
    filter: Record<string, string | string[]>,
    fields?: string[],
  ): Promise<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const items: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, fields, limit: PAGE_SIZE }
          : { filter, fields, limit: PAGE_SIZE },
        { credentials },
      );
      items.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return items;
  }
}

/** Refs, each once, that `known` lacks. */
function missingRefs(refs: string[], known: Map<string, unknown>): string[] {
  return [...new Set(refs)].filter(ref => !known.has(ref));
}

/**
 * The owner, domain and upstream products a product's checks read, each
 * once: a draft's thousand ports of one product would read it a thousand
 * times.
 */
function relatedRefsOf(product: DataProductEntityV1alpha1): string[] {
  const refs = dataProductReferences(product);
  return [
    ...new Set(
      [
        refs.owner,
        refs.domain,
        ...refs.upstreams.map(u => u.target.productRef),
      ].map(ref => (typeof ref === 'string' ? ref : normalizedEntityRef(ref))),
    ),
  ];
}
