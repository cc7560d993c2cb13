import {
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import {
  type CatalogCollatorEntityTransformer,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  dataProductSearchText,
  isDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { joinedIdentifiersIn } from './identifierParts';
import { markdownToPlainText } from './markdownToPlainText';

/**
 * The owner as `kind:name`, or `kind:namespace/name` outside the default
 * namespace, however `spec.owner` spells it (`checkout-data`,
 * `group:default/checkout-data`): the catalog's resolved relation first.
 */
function ownerRef(entity: Entity): string {
  const owner =
    entity.relations?.find(relation => relation.type === RELATION_OWNED_BY)
      ?.targetRef ?? entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return '';
  const { kind, namespace, name } = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  const kindName = kind.toLocaleLowerCase('en-US');
  return namespace === 'default'
    ? `${kindName}:${name}`
    : `${kindName}:${namespace}/${name}`;
}

/** The name of the domain in `spec.domain` (`sales` of `domain:sales`). */
function domainName(entity: Entity): string {
  const domain = entity.spec?.domain;
  if (typeof domain !== 'string' || !domain) return '';
  try {
    return parseEntityRef(domain, {
      defaultKind: 'domain',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }).name;
  } catch {
    // A kind the catalog does not check may hold anything there: one
    // entity must not stop the whole catalog from being indexed.
    return '';
  }
}

/**
 * Catalog search documents whose `text`, which search results show, is a
 * product's description in plain words, while its datasets, ports,
 * contract columns and declared jobs go to `terms`, searched but not shown,
 * and every identifier in them, such as `customer_id`, to `identifiers`,
 * joined into one word (joinedIdentifiersIn) since Lunr splits it.
 * Any entity's tags and the name of its domain are fields of their own,
 * the tags one string: Lunr would keep each item of a list one word, which
 * `finance` would not find in `finance-reporting`.
 * Every document carries all of them, because the Lunr engine indexes only
 * the fields of the first document it is given.
 */
export function dataProductCollatorEntityTransformer(
  entity: Entity,
): ReturnType<CatalogCollatorEntityTransformer> & {
  tags: string;
  domain: string;
  terms: string;
  identifiers: string;
} {
  const document = {
    ...defaultCatalogCollatorEntityTransformer(entity),
    owner: ownerRef(entity),
    tags: (entity.metadata.tags ?? []).join(' '),
    domain: domainName(entity),
  };
  const text = isDataProductEntity(entity)
    ? markdownToPlainText(entity.metadata.description ?? '')
    : document.text;
  const terms = isDataProductEntity(entity)
    ? dataProductSearchText(entity)
    : '';
  return {
    ...document,
    text,
    terms,
    identifiers: joinedIdentifiersIn(
      [
        entity.metadata.name,
        document.title,
        document.tags,
        document.domain,
        text,
        terms,
      ].join(' '),
    ).join(' '),
  };
}
