/**
 * The most datasets one `POST /products/datasets` (or jobs one `POST
 * /products/jobs`) may name: a graph's or a column's blast radius may hold
 * more, asked for in parts of this size.
 */
export const MAX_DATASETS_PER_OWNERS_REQUEST = 5_000;

/** The most bytes of JSON that request's body may hold. */
export const MAX_OWNERS_REQUEST_BYTES = 1024 * 1024;
