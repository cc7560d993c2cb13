import {
  comparableEntityRef,
  DATA_PRODUCT_KIND,
  ListingFilter,
  listingFilters,
  listingSorts,
} from '@meshwork/plugin-data-products-common';
import { z } from 'zod';

const MAX_REFS = 50_000;

const PRODUCT_KIND_PREFIX = `${DATA_PRODUCT_KIND.toLocaleLowerCase('en-US')}:`;

/**
 * A product's ref as the index keys it, in full and lower case, as the
 * catalog reads one: `orders` is `dataproduct:default/orders`. A ref of
 * another kind is refused: it could only ever match nothing.
 */
const productRef = z
  .string()
  .max(512)
  .transform((text, ctx) => {
    const ref = comparableEntityRef(text, DATA_PRODUCT_KIND);
    if (ref === undefined || !ref.startsWith(PRODUCT_KIND_PREFIX)) {
      ctx.addIssue({
        code: 'custom',
        message: `expected ${
          ref === undefined ? 'an entity' : 'a dataproduct'
        } ref like dataproduct:default/name or name (got ${JSON.stringify(
          text,
        )})`,
      });
      return z.NEVER;
    }
    return ref;
  });

/**
 * The listing filters, each optional and no other: an object, not a
 * partialRecord, which skips an own `__proto__` key (as `JSON.parse` makes
 * one) where a strict object names it as unrecognized, as any other.
 */
const filters = z.strictObject(
  Object.fromEntries(
    listingFilters.map(filter => [filter, z.string().max(512).optional()]),
  ) as Record<ListingFilter, z.ZodOptional<z.ZodString>>,
);

/** The body of `POST /listings`: which products, and which page of them. */
export const listingsQuery = z
  .object({
    q: z.string().max(300).optional(),
    entityRefs: z.array(productRef).max(MAX_REFS).optional(),
    filters: filters.default({}),
    sort: z.enum(listingSorts).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    page: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict();
