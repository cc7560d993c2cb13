import type { CatalogApi } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  DataProductEntityV1alpha1,
  DataProductMatch,
  matchDataProduct,
  OnCall,
  parseSearchTerm,
  resolveOnCall,
  teamOnCall,
} from '@meshwork/plugin-data-products-common';
import type { ImpactedProduct } from '@meshwork/plugin-lineage-common';
import { DataProductsApi } from '../../api';
import { ownerRefOf } from '../../productRefs';

export type OnCallAnswer = {
  product: DataProductEntityV1alpha1;
  matches: DataProductMatch[];
  /**
   * The output port whose dataset the term names: a break there reaches only
   * that port's readers, so the blast radius is the port's.
   */
  port?: string;
  owner: string;
  onCall?: OnCall;
  runbook?: string;
  upstream: string[];
  downstream: string[];
};

const TEXT_FIELDS = [
  'metadata.name',
  'metadata.title',
  'spec.outputPorts.dataset.name',
  'spec.outputPorts.contract.schema.properties.name',
];

const OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

const related = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef);

/** The products a term names, from the search index or else the catalog. */
async function findProducts(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  input: string,
  limit: number,
): Promise<
  Array<{ product: DataProductEntityV1alpha1; matches: DataProductMatch[] }>
> {
  const found = await dataProductsApi
    .search(input, limit)
    .catch(() => undefined);
  if (found && found.totalItems > 0) {
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: found.items.map(item => item.entityRef),
    });
    return found.items.flatMap((item, index) => {
      const product = items[index] as DataProductEntityV1alpha1 | undefined;
      return product ? [{ product, matches: item.matches }] : [];
    });
  }
  // The index is still being built, or was rebuilt before the product was
  // registered: the catalog's full-text filter is slower and matches
  // substrings, so the matches are worked out here.
  const { items } = await catalogApi.queryEntities({
    filter: { kind: 'DataProduct' },
    fullTextFilter: { term: parseSearchTerm(input).term, fields: TEXT_FIELDS },
    limit: limit * 3,
    totalItems: 'exclude',
  });
  return (items as DataProductEntityV1alpha1[])
    .map(product => ({ product, matches: matchDataProduct(product, input) }))
    .filter(({ matches }) => matches.length > 0)
    .sort(
      (a, b) =>
        Number(b.matches[0].exact) - Number(a.matches[0].exact) ||
        a.product.metadata.name.localeCompare(b.product.metadata.name),
    )
    .slice(0, limit);
}

/**
 * Answers "who do I call about this?" for a table, dataset, product or column
 * name: the products it names (exact matches first), each with its owner,
 * on-call, runbook and neighbours.
 */
export async function findOnCall(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  input: string,
  limit = 10,
): Promise<OnCallAnswer[]> {
  if (!parseSearchTerm(input).term) {
    return [];
  }
  const answers = await findProducts(catalogApi, dataProductsApi, input, limit);
  const owners = [
    ...new Set(
      answers.map(({ product }) => stringifyEntityRef(ownerRefOf(product))),
    ),
  ];
  const { items: ownerEntities } = owners.length
    ? await catalogApi.getEntitiesByRefs({
        entityRefs: owners,
        fields: OWNER_FIELDS,
      })
    : { items: [] };
  const ownerByRef = new Map(owners.map((ref, i) => [ref, ownerEntities[i]]));
  return answers.map(({ product, matches }) => {
    const owner = stringifyEntityRef(ownerRefOf(product));
    return {
      product,
      matches,
      port: matches[0]?.on === 'dataset' ? matches[0].port : undefined,
      owner,
      onCall: resolveOnCall(product, ownerByRef.get(owner)),
      runbook:
        product.spec.support?.runbook ??
        product.metadata.links?.find(link => link.type === 'runbook')?.url,
      upstream: related(product, RELATION_DEPENDS_ON),
      downstream: related(product, RELATION_DEPENDENCY_OF),
    };
  });
}

export type BlastRadius = {
  /** How many products the break reaches. */
  total: number;
  /**
   * The most critical of them, each with its owner as a full ref and its
   * on-call or else its team's.
   */
  shown: ImpactedProduct[];
};

/**
 * The products downstream of a product, or of its output `port`, in the
 * lineage backend's order (tier, then depth); only the first `limit` are
 * shown, so only their teams are looked up for an on-call.
 */
export async function findBlastRadius(
  catalogApi: CatalogApi,
  dataProductsApi: DataProductsApi,
  entityRef: string,
  port: string | undefined,
  limit: number,
): Promise<BlastRadius> {
  const { impacted } = await dataProductsApi.impact(entityRef, port);
  const shown = impacted.slice(0, limit);
  // `owner` is the product's `spec.owner`, which may leave out the kind and
  // namespace.
  const teamRefOf = (product: ImpactedProduct) =>
    stringifyEntityRef(
      parseEntityRef(product.owner, {
        defaultKind: 'group',
        defaultNamespace: parseEntityRef(product.entityRef).namespace,
      }),
    );
  const teams = [
    ...new Set(shown.filter(product => !product.onCall).map(teamRefOf)),
  ];
  const { items } = teams.length
    ? await catalogApi.getEntitiesByRefs({
        entityRefs: teams,
        fields: OWNER_FIELDS,
      })
    : { items: [] };
  const teamByRef = new Map(teams.map((ref, i) => [ref, items[i]]));
  return {
    total: impacted.length,
    shown: shown.map(product => {
      const owner = teamRefOf(product);
      return {
        ...product,
        owner,
        onCall: product.onCall ?? teamOnCall(teamByRef.get(owner)),
      };
    }),
  };
}
