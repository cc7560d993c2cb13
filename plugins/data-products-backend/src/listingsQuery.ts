import {
  listingFilters,
  listingSorts,
} from '@meshwork/plugin-data-products-common';
import { z } from 'zod';

const MAX_REFS = 50_000;

/** The body of `POST /listings`: which products, and which page of them. */
export const listingsQuery = z
  .object({
    q: z.string().max(300).optional(),
    entityRefs: z.array(z.string().max(512)).max(MAX_REFS).optional(),
    filters: z
      .partialRecord(z.enum(listingFilters), z.string().max(512))
      .default({}),
    sort: z.enum(listingSorts).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    page: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict();

/** What was wrong with a body, each problem named by its JSON path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
