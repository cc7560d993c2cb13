import type { Entity } from '@backstage/catalog-model';
import {
  type CatalogCollatorEntityTransformer,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  dataProductSearchText,
  isDataProductEntity,
} from '@meshwork/plugin-data-products-common';
import { markdownToPlainText } from './markdownToPlainText';

/**
 * Catalog search documents whose `text`, which search results show, is a
 * product's description in plain words, while its datasets, ports,
 * contract columns and declared jobs go to `terms`, searched but not shown.
 * Every document carries `terms`, because the Lunr engine indexes only the
 * fields of the first document it is given.
 */
export function dataProductCollatorEntityTransformer(
  entity: Entity,
): ReturnType<CatalogCollatorEntityTransformer> & { terms: string } {
  const document = defaultCatalogCollatorEntityTransformer(entity);
  return isDataProductEntity(entity)
    ? {
        ...document,
        text: markdownToPlainText(entity.metadata.description ?? ''),
        terms: dataProductSearchText(entity),
      }
    : { ...document, terms: '' };
}
