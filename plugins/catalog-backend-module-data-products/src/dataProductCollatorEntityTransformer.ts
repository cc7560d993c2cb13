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

/**
 * Catalog search documents whose `text`, which search results show, is a
 * product's description in plain words, while its datasets, ports,
 * contract columns and declared jobs go to `terms`, searched but not shown,
 * and every identifier in them, such as `customer_id`, to `identifiers`,
 * joined into one word (joinedIdentifiersIn) since Lunr splits it.
 * Every document carries both, because the Lunr engine indexes only the
 * fields of the first document it is given.
 */
export function dataProductCollatorEntityTransformer(
  entity: Entity,
): ReturnType<CatalogCollatorEntityTransformer> & {
  terms: string;
  identifiers: string;
} {
  const document = {
    ...defaultCatalogCollatorEntityTransformer(entity),
    owner: ownerRef(entity),
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
      [entity.metadata.name, document.title, text, terms].join(' '),
    ).join(' '),
  };
}
