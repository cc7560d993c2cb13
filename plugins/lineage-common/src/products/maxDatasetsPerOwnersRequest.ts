/**
 * The most datasets one `POST /products/datasets` may name: a graph's or a
 * column's blast radius may hold more, asked for in parts of this size.
 */
export const MAX_DATASETS_PER_OWNERS_REQUEST = 5_000;
